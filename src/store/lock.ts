import { constants } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { elapsedMs } from '../timer.js';
import { ensureJournalDir, FILE_MODE } from './files.js';
import { STATE_DIR } from './layout.js';
import { FILE_LIMITS, readJournalText } from './safe-file.js';

const LOCK_FILE = `${STATE_DIR}/write.lock`;

/*
 * A journal-wide write lock in .intimacy/ so two intimacy processes take turns at git
 * instead of failing on each other's index.lock. A lock whose process is gone is stale.
 */

const WAIT_MS = 15_000;
const POLL_MS = 25;

/** The process runs (or runs as another user, which kill(0) may not signal). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeIfStale(journalDir: string, lockFile: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number.parseInt(readJournalText(journalDir, LOCK_FILE, { maxBytes: FILE_LIMITS.small }) ?? '', 10);
  } catch {
    pid = Number.NaN; // not a file we wrote (a folder, a link): not a live lock
  }
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) return false;
  await fs.rm(lockFile, { force: true });
  return true;
}

export async function withJournalLock<T>(journalDir: string, work: () => Promise<T>): Promise<T> {
  // Never through a link: .intimacy/ must be this journal's own folder.
  await ensureJournalDir(journalDir, STATE_DIR);
  const lockFile = path.join(journalDir, LOCK_FILE);
  // A timer, not the calendar: it never jumps when the clock is set.
  const deadline = elapsedMs() + WAIT_MS;
  for (;;) {
    try {
      const fd = await fs.open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
      try {
        await fs.writeFile(fd, String(process.pid));
      } finally {
        await fs.close(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await removeIfStale(journalDir, lockFile)) continue;
      if (elapsedMs() > deadline) {
        throw new UserError(
          'Another intimacy command is still writing to this journal.',
          `Wait for it to finish, or remove ${lockFile} if no intimacy command is running.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}
