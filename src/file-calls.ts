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
 * writes to the journal does on each run (its folders, the lock, the entry's file, git's locks).
 * node's own promise module, fs/promises, brings readline, the file watchers and its file
 * handles with it when first used: about 2 ms of each `intimacy gratitude`. Files are opened
 * here as descriptors, which the caller closes.
 */
export const fileCalls = {
  access: promisify(access),
  chmod: promisify(chmod),
  close: promisify(close),
  fchmod: promisify(fchmod),
  fsync: promisify(fsync),
  link: promisify(link),
  lstat: promisify(lstat),
  mkdir: promisify(mkdir),
  open: promisify(open),
  readdir: promisify(readdir),
  readFile: promisify(readFile),
  readlink: promisify(readlink),
  rename: promisify(rename),
  rm: promisify(rm),
  stat: promisify(stat),
  writeFile: promisify(writeFile),
};
