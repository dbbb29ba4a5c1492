import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { ensureDir, FILE_MODE } from './files.js';

/*
 * A journal-wide write lock in .intimacy/ so two intimacy processes take turns at git
 * instead of failing on each other's index.lock. A lock whose process is gone is stale.
 */

const WAIT_MS = 15_000;
const POLL_MS = 25;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeIfStale(lockFile: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number.parseInt(await fs.readFile(lockFile, 'utf8'), 10);
  } catch {
    return true; // vanished meanwhile: try again
  }
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) return false;
  await fs.rm(lockFile, { force: true });
  return true;
}

export async function withJournalLock<T>(journalDir: string, work: () => Promise<T>): Promise<T> {
  const stateDir = path.join(journalDir, '.intimacy');
  await ensureDir(stateDir);
  const lockFile = path.join(stateDir, 'write.lock');
  // A timer, not the calendar: performance.now() never jumps when the clock is set.
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    try {
      const handle = await fs.open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await removeIfStale(lockFile)) continue;
      if (performance.now() > deadline) {
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
