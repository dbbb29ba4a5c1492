import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { elapsedMs } from '../timer.js';
import { ensureJournalDir, FILE_MODE, tempPathFor } from './files.js';
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
/** A breaker this old was left by a killed process (removeIfStale holds one for a few file calls). */
const BREAKER_STALE_MS = 5_000;

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
 * Makes the lock whole at once: the process's id is written to a file of its own, which is
 * then linked as the lock (EEXIST when one is held). A lock made empty and then written would
 * be found empty by a process that looks in between, and taken for one a killed process left.
 * Where the file system has no links (whatever else link says), the lock is made empty and
 * written, and a young empty lock counts as held (examineLock).
 */
async function createLock(lockFile: string): Promise<void> {
  const own = tempPathFor(path.dirname(lockFile), path.basename(lockFile));
  await fs.writeFile(own, String(process.pid), { mode: FILE_MODE, flag: 'wx' });
  try {
    await fs.link(own, lockFile);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
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
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // let go meanwhile
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
 * Removes a lock no running process holds. One process at a time does (it holds the breaker, a
 * file beside the lock), and it looks at the lock again first: two that found the same stale
 * lock would otherwise both remove "it", the second taking away the lock the first had just
 * made, and both would write at once. Under the breaker nothing else can take the lock's place
 * (a new lock is linked only where there is none, and a holder removes only its own), so the
 * lock looked at again is the one removed. False: the lock is held, or another process is
 * removing it; the caller waits and tries again.
 */
async function removeIfStale(lockFile: string): Promise<boolean> {
  const looked = examineLock(lockFile);
  if (looked === undefined) return true;
  if (looked.live) return false;
  const breaker = `${lockFile}.break`;
  if (!(await takeBreaker(breaker))) return false;
  try {
    const again = examineLock(lockFile);
    if (again === undefined) return true;
    if (again.live) return false;
    await fs.rm(lockFile, { force: true, recursive: true });
    return true;
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

/**
 * The breaker is held for a few file calls; one older than BREAKER_STALE_MS was left by a
 * process killed while removing a stale lock, and goes (the next try takes it).
 */
async function takeBreaker(breaker: string): Promise<boolean> {
  try {
    await fs.close(await fs.open(breaker, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const stat = await fs.lstat(breaker).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > BREAKER_STALE_MS) await fs.rm(breaker, { force: true, recursive: true });
    return false;
  }
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
