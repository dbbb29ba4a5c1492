import {
  type access,
  accessSync,
  type chmod,
  chmodSync,
  type close,
  closeSync,
  type fchmod,
  fchmodSync,
  type fsync,
  fsyncSync,
  type link,
  linkSync,
  type lstat,
  lstatSync,
  type mkdir,
  mkdirSync,
  type open,
  openSync,
  readdir,
  readdirSync,
  type readFile,
  readFileSync,
  type readlink,
  readlinkSync,
  type rename,
  renameSync,
  type rm,
  rmSync,
  type stat,
  statSync,
  type writeFile,
  writeFileSync,
} from 'node:fs';
import { promisify } from 'node:util';

/*
 * node's file calls as promises, for what every command that writes to the journal does on
 * each run (its folders, the lock, the entry's file, git's locks), and the folder listings of
 * every reading command.
 * - A call on one file or folder (a look, an open, a small file read or written, a link, an
 *   fsync) is made at once, its answer or its error handed back as a promise. Such a call
 *   takes microseconds, while a round trip through node's thread pool costs about 0.1 ms (the
 *   first one starts the pool's threads), and a write makes some forty of them one after the
 *   other, each awaited before the next: made at once, an entry's save at 10,000 entries took
 *   0.95× as long. Nothing waits on the event loop meanwhile (git's output stays in its pipe
 *   until the next turn).
 * - The entry folders a reading command lists are listed in the thread pool (readdirInPool): it
 *   lists its month folders all at once, which the pool does side by side (made at once, grep
 *   on 50,000 entries took 1.04× as long). Entries themselves are read by store/safe-file.ts.
 * node's own promise module, fs/promises, is not used: it brings readline, the file watchers
 * and its file handles with it when first used (about 2 ms of each `intimacy gratitude`). Files
 * are opened here as descriptors, which the caller closes.
 */

/** `call` made at once, its answer or its error as a promise (as its promised form would give them). */
function atOnce(call: (...args: never[]) => unknown): unknown {
  return (...args: never[]) => {
    try {
      return Promise.resolve(call(...args));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** `make()`'s function, made on the first call. */
function later<T extends (...args: never[]) => unknown>(make: () => T): T {
  let made: T | undefined;
  return ((...args: Parameters<T>) => {
    made ??= make();
    return made(...args);
  }) as T;
}

export const fileCalls = {
  access: atOnce(accessSync) as typeof access.__promisify__,
  chmod: atOnce(chmodSync) as typeof chmod.__promisify__,
  close: atOnce(closeSync) as typeof close.__promisify__,
  fchmod: atOnce(fchmodSync) as typeof fchmod.__promisify__,
  fsync: atOnce(fsyncSync) as typeof fsync.__promisify__,
  link: atOnce(linkSync) as typeof link.__promisify__,
  lstat: atOnce(lstatSync) as typeof lstat.__promisify__,
  mkdir: atOnce(mkdirSync) as typeof mkdir.__promisify__,
  open: atOnce(openSync) as typeof open.__promisify__,
  readdir: atOnce(readdirSync) as typeof readdir.__promisify__,
  /** a folder listed in the thread pool, beside others (the walk's month folders) */
  readdirInPool: later(() => promisify(readdir)),
  readFile: atOnce(readFileSync) as typeof readFile.__promisify__,
  readlink: atOnce(readlinkSync) as typeof readlink.__promisify__,
  rename: atOnce(renameSync) as typeof rename.__promisify__,
  rm: atOnce(rmSync) as typeof rm.__promisify__,
  stat: atOnce(statSync) as typeof stat.__promisify__,
  writeFile: atOnce(writeFileSync) as typeof writeFile.__promisify__,
};
