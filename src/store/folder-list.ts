import { type Dirent, readdir } from 'node:fs';

/*
 * A folder's listing, as fs.promises.readdir gives it, from node's callback form: the first use
 * of fs.promises loads node's promise file module, with the readline and file-watching modules
 * it brings (about 1 ms of every start-up), and the listings of the journal's folders were all
 * that `log -n 20` and `show last` used it for.
 */

/** The names in `dir`, with their kinds (not following links). */
export function listFolder(dir: string): Promise<Dirent[]> {
  return new Promise((resolve, reject) =>
    readdir(dir, { withFileTypes: true }, (error, items) => (error ? reject(error) : resolve(items))),
  );
}

/** The names in `dir`. */
export function listFolderNames(dir: string): Promise<string[]> {
  return new Promise((resolve, reject) => readdir(dir, (error, names) => (error ? reject(error) : resolve(names))));
}
