import type { Git } from './git.js';
import { pathText } from './path-bytes.js';

/*
 * Trees and blobs read from git's object store, never from the work tree: what a commit
 * holds (a path, its mode and its blob), what changed between two trees, how big blobs are
 * and what they say. Reading objects never follows a link or opens a FIFO on this computer,
 * whatever a partner committed. Paths are read without losing a byte (path-bytes.ts): a name
 * that is not UTF-8 stays the one git has.
 */

export const MODE_FILE = '100644';
export const MODE_EXECUTABLE = '100755';
export const MODE_LINK = '120000';
export const MODE_SUBMODULE = '160000';

/** One path in a tree: its mode (100644, 120000…) and object id. */
export interface TreeItem {
  mode: string;
  id: string;
}

/** One path that differs between two trees; absent sides are undefined. */
export interface TreeChange {
  path: string;
  from?: TreeItem;
  to?: TreeItem;
}

const ZERO_ID = /^0+$/;

/**
 * Every path (blob, link or submodule, not folders) that differs between two tree-ish
 * revisions, with both sides' modes and ids. No rename detection: a rename is a deletion and
 * an addition, so nothing is ever matched up by guesswork.
 */
export async function treeChanges(git: Git, from: string, to: string): Promise<TreeChange[]> {
  const out = pathText(
    await git.bytes(['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-commit-id', from, to, '--']),
  );
  const fields = out.split('\0');
  const changes: TreeChange[] = [];
  // ":<old mode> <new mode> <old id> <new id> <status>\0<path>\0"
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const header = fields[i]!;
    const file = fields[i + 1]!;
    if (!header.startsWith(':') || file === '') continue;
    const [oldMode = '', newMode = '', oldId = '', newId = ''] = header.slice(1).split(' ');
    changes.push({
      path: file,
      ...(ZERO_ID.test(oldMode) ? {} : { from: { mode: oldMode, id: oldId } }),
      ...(ZERO_ID.test(newMode) ? {} : { to: { mode: newMode, id: newId } }),
    });
  }
  return changes;
}

/** Every path in a revision's tree (recursively), with its mode and id. */
export async function treeItems(git: Git, revision: string): Promise<Map<string, TreeItem>> {
  const out = pathText(await git.bytes(['ls-tree', '-r', '-z', '--full-tree', revision]));
  const items = new Map<string, TreeItem>();
  for (const record of out.split('\0')) {
    // "<mode> SP <type> SP <id> TAB <path>"
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', , id = ''] = record.slice(0, tab).split(' ');
    items.set(record.slice(tab + 1), { mode, id });
  }
  return items;
}

/** Which of these paths a revision holds as a blob, a link or a submodule (one `ls-tree`). */
export async function pathsIn(git: Git, revision: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const out = pathText(await git.bytes(['ls-tree', '-z', '--full-tree', '--name-only', revision, '--', ...paths]));
  return new Set(out.split('\0').filter(Boolean));
}

/** The size in bytes of each object, from one `git cat-file --batch-check`. */
export async function objectSizes(git: Git, ids: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return sizes;
  const run = await git.run(['cat-file', '--batch-check=%(objectname) %(objectsize)'], {
    input: unique.join('\n') + '\n',
  });
  for (const line of run.stdout.toString('utf8').split('\n')) {
    const [id, size] = line.split(' ');
    if (id && size && /^\d+$/.test(size)) sizes.set(id, Number(size));
  }
  return sizes;
}

/**
 * The content of blobs as a checkout would write them at their paths (`--filters`: decrypted
 * in an encrypted journal), through one `git cat-file --batch`. A blob git cannot give (a
 * filter that fails, a missing object) is absent from the answer; so is every blob when the
 * whole read fails, which callers treat as "not known".
 */
export async function blobContents(git: Git, blobs: Array<{ path: string; id: string }>): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  const wanted = blobs.filter((blob) => !/[\n\r]/.test(blob.path));
  if (wanted.length === 0) return contents;
  // "<id> <path>": the path (which may hold spaces) says which filter applies.
  const run = await git.run(['cat-file', '--batch', '--filters'], {
    input: wanted.map((blob) => `${blob.id} ${blob.path}`).join('\n') + '\n',
  });
  if (run.code !== 0) return contents;
  const out = run.stdout;
  let offset = 0;
  for (const blob of wanted) {
    const lineEnd = out.indexOf(0x0a, offset);
    if (lineEnd < 0) break;
    // "<id> blob <size>", or "<id> missing"
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(out.subarray(offset, lineEnd).toString('utf8'));
    if (!match) {
      offset = lineEnd + 1;
      continue;
    }
    const size = Number(match[1]);
    contents.set(blob.path, out.subarray(lineEnd + 1, lineEnd + 1 + size));
    offset = lineEnd + 1 + size + 1;
  }
  return contents;
}
