import {
  accessSync,
  chmodSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdir,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
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
 * are opened here as descriptors, which the caller closes. It is kept only where a file the user
 * names is read (`--answers <(…)`, a key: store/safe-file.ts readGivenFile; the git filter's
 * file), which may be a pipe that takes its time, and must not stop the event loop meanwhile.
 */

/** The calls made at once, by the name of their promised form. */
const AT_ONCE = {
  access: accessSync,
  chmod: chmodSync,
  close: closeSync,
  fchmod: fchmodSync,
  fsync: fsyncSync,
  link: linkSync,
  lstat: lstatSync,
  mkdir: mkdirSync,
  open: openSync,
  readdir: readdirSync,
  readFile: readFileSync,
  readlink: readlinkSync,
  rename: renameSync,
  rm: rmSync,
  stat: statSync,
  writeFile: writeFileSync,
};

/** Each call of AT_ONCE as its promised form is typed (`fs.lstat.__promisify__`…). */
type Promised = { [Name in keyof typeof AT_ONCE]: typeof import('node:fs')[Name]['__promisify__'] };

/** `call` made at once, its answer or its error as a promise (as its promised form would give them). */
function atOnce(call: (...args: never[]) => unknown): (...args: never[]) => Promise<unknown> {
  return (...args) => {
    try {
      return Promise.resolve(call(...args));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

export const fileCalls = {
  ...(Object.fromEntries(Object.entries(AT_ONCE).map(([name, call]) => [name, atOnce(call)])) as Promised),
  /** a folder listed in the thread pool, beside others (the walk's month folders) */
  readdirInPool: promisify(readdir),
};
