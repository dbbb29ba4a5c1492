import type { Git } from '../git/git.js';
import { blobHeads } from '../git/objects.js';
import { HEADER_LENGTH, startsWithMagic } from './cipher.js';

/**
 * The plain (not encrypted, not empty) blobs that a set of commits holds at paths `wanted`
 * accepts, with the path each was found at: `revisions` are rev-list arguments ("A --not
 * --remotes"). Every commit of the range is looked at, not only its tip, since a push sends
 * them all.
 */
export async function plainBlobsIn(
  git: Git,
  revisions: string[],
  wanted: (file: string) => boolean,
  options: { timeoutMs?: number } = {},
): Promise<Map<string, string>> {
  // `timeoutMs`: each git step's limit (doctor looks for a bounded time); past it, git's error is thrown
  const limit = options.timeoutMs ? { timeoutMs: options.timeoutMs } : {};
  const listing = await git.text(['rev-list', '--objects', ...revisions], limit);
  const named = listing.split('\n').filter((line) => {
    const space = line.indexOf(' ');
    return space > 0 && wanted(line.slice(space + 1));
  });
  const found = new Map<string, string>();
  if (named.length === 0) return found;
  // rev-list names trees too ("entries/2026"): only blobs hold a file's words.
  const types = await git.text(['cat-file', '--batch-check=%(objectname) %(objecttype) %(rest)'], {
    input: named.join('\n') + '\n',
    ...limit,
  });
  const blobs = new Map<string, string>();
  for (const line of types.split('\n')) {
    const [id = '', type = ''] = line.split(' ', 2);
    if (type === 'blob') blobs.set(id, line.slice(id.length + type.length + 2));
  }
  const heads = await blobHeads(git, [...blobs.keys()], HEADER_LENGTH);
  for (const [id, file] of blobs) {
    const head = heads.get(id);
    if (head && head.length > 0 && !startsWithMagic(head)) found.set(id, file);
  }
  return found;
}
