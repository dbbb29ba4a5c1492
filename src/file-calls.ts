import {
  access,
  chmod,
  close,
  fchmod,
  fsync,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs';
import { promisify } from 'node:util';

/*
 * node's file calls as promises, made from their callback forms, for what every command that
 * writes to the journal does on each run (its folders, the lock, the entry's file, git's locks),
 * and the folder listings of every reading command.
 * node's own promise module, fs/promises, brings readline, the file watchers and its file
 * handles with it when first used: about 2 ms of each `intimacy gratitude`. Each call is made
 * when first used, so a command pays only for the calls it makes. Files are opened here as
 * descriptors, which the caller closes.
 */

/** `make()`'s function, made on the first call. */
function later<T extends (...args: never[]) => unknown>(make: () => T): T {
  let made: T | undefined;
  return ((...args: Parameters<T>) => {
    made ??= make();
    return made(...args);
  }) as T;
}

export const fileCalls = {
  access: later(() => promisify(access)),
  chmod: later(() => promisify(chmod)),
  close: later(() => promisify(close)),
  fchmod: later(() => promisify(fchmod)),
  fsync: later(() => promisify(fsync)),
  link: later(() => promisify(link)),
  lstat: later(() => promisify(lstat)),
  mkdir: later(() => promisify(mkdir)),
  open: later(() => promisify(open)),
  readdir: later(() => promisify(readdir)),
  readFile: later(() => promisify(readFile)),
  readlink: later(() => promisify(readlink)),
  rename: later(() => promisify(rename)),
  rm: later(() => promisify(rm)),
  stat: later(() => promisify(stat)),
  writeFile: later(() => promisify(writeFile)),
};
