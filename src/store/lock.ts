import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { elapsedMs } from '../timer.js';
import { ensureJournalDir, FILE_MODE } from './files.js';
import { STATE_DIR } from './layout.js';

const LOCK_FILE = `${STATE_DIR}/write.lock`;

/*
 * A journal-wide write lock in .intimacy/ so two intimacy processes take turns at git
 * instead of failing on each other's index.lock. A lock whose process is gone is stale.
 */

const WAIT_MS = 15_000;
const POLL_MS = 25;
/** A lock holds a process id: a few bytes. */
const LOCK_BYTES = 64;
/** An empty lock this young is being written (made without a link), not left by a killed process. */
const BEING_WRITTEN_MS = 5_000;

/** The process runs (or runs as another user, which kill(0) may not signal). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A name beside the lock that no other process picks, in the form of the journal's temp files
 * (files.ts), so that one a killed process left is found by doctor. Math.random, not
 * node:crypto: unique is enough, and every entry's save would load crypto for it.
 */
function besideLock(lockFile: string): string {
  const suffix = Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
  return path.join(path.dirname(lockFile), `.${path.basename(lockFile)}.tmp-${process.pid}-${suffix}`);
}

/**
 * Makes the lock whole at once: the process's id is written to a file of its own, which is
 * then linked as the lock (EEXIST when one is held). A lock made empty and then written would
 * be found empty by a process that looks in between, and taken for one a killed process left.
 * Where the file system has no links, the lock is made empty and written, and a young empty
 * lock counts as held (lockIsLive).
 */
async function createLock(lockFile: string): Promise<void> {
  const own = besideLock(lockFile);
  await fs.writeFile(own, String(process.pid), { mode: FILE_MODE, flag: 'wx' });
  try {
    await fs.link(own, lockFile);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  } finally {
    await fs.rm(own, { force: true });
  }
  const fd = await fs.open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
  try {
    await fs.writeFile(fd, String(process.pid));
  } finally {
    await fs.close(fd);
  }
}

/** What the lock file is now: its identity, and whether a running process holds it. */
function examineLock(lockFile: string): { ino: number; dev: number; live: boolean } | undefined {
  let fd: number;
  try {
    fd = openSync(lockFile, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined; // let go meanwhile
    return { ino: -1, dev: -1, live: false }; // a link or something else never ours: not a live lock
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > LOCK_BYTES) return { ino: stat.ino, dev: stat.dev, live: false };
    const pid = Number.parseInt(readFileSync(fd, 'utf8'), 10);
    const live = Number.isInteger(pid) && pid > 0 ? processAlive(pid) : Date.now() - stat.mtimeMs < BEING_WRITTEN_MS;
    return { ino: stat.ino, dev: stat.dev, live };
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes a lock no running process holds, and only that one: it is moved aside first, and
 * removed when what was moved is the lock that was looked at. Two processes that find the same
 * stale lock would otherwise both remove "it", the second taking away the lock the first has
 * just made, and both would write at once.
 */
async function removeIfStale(lockFile: string): Promise<boolean> {
  const looked = examineLock(lockFile);
  if (looked === undefined) return true;
  if (looked.live) return false;
  const aside = besideLock(lockFile);
  try {
    await fs.rename(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true; // another process removed it
    await fs.rm(lockFile, { force: true, recursive: true });
    return true;
  }
  const moved = await fs.lstat(aside).catch(() => undefined);
  if (moved && looked.ino !== -1 && (moved.ino !== looked.ino || moved.dev !== looked.dev)) {
    // Another process's new lock: put back (unless a third has made one since).
    await fs.link(aside, lockFile).catch(() => undefined);
  }
  await fs.rm(aside, { force: true, recursive: true });
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
      await createLock(lockFile);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await removeIfStale(lockFile)) continue;
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
