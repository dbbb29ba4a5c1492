import type { Git } from './git.js';

/* Small read-only questions about commits and trees. */

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export async function revision(git: Git, ref: string): Promise<string | undefined> {
  const run = await git.run(['rev-parse', '--quiet', '--verify', `${ref}^{commit}`]);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}

/** What a ref points at (commit, tree, blob, tag), or undefined when there is no such ref. */
export async function refType(git: Git, ref: string): Promise<string | undefined> {
  const run = await git.run(['cat-file', '-t', `${ref}`]);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}

/**
 * The commits that several refs point at, in one git call (sync asks for its branch and the
 * partner's after every fetch). A ref that does not exist is absent from the answer.
 */
export async function refTips(git: Git, refs: string[]): Promise<Map<string, string>> {
  const out = await git.text(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', ...refs]);
  const tips = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [name, object, peeled] = line.split('\0');
    // Patterns match whole folders too (refs/heads/main/x): keep the exact names asked for.
    if (name && object && refs.includes(name)) tips.set(name, peeled || object);
  }
  return tips;
}

export async function isAncestor(git: Git, older: string, newer: string): Promise<boolean> {
  return (await git.run(['merge-base', '--is-ancestor', older, newer])).code === 0;
}

/**
 * A file's content at a revision (`rev:path`), or a blob's read as the file at `asPath`, as it
 * would be checked out (decrypted in an encrypted journal).
 */
export async function blob(git: Git, spec: string, asPath?: string): Promise<Buffer | undefined> {
  const run = await git.run(['cat-file', '--filters', ...(asPath === undefined ? [] : [`--path=${asPath}`]), spec]);
  return run.code === 0 ? run.stdout : undefined;
}

export async function changedNames(git: Git, from: string, to: string): Promise<string[]> {
  return (await git.text(['diff', '--name-only', '--no-renames', '-z', from, to, '--'])).split('\0').filter(Boolean);
}

export async function nameStatus(git: Git, from: string, to: string): Promise<Array<{ status: string; path: string }>> {
  const fields = (await git.text(['diff', '--name-status', '--no-renames', '-z', from, to, '--'])).split('\0');
  const changes: Array<{ status: string; path: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i];
    const file = fields[i + 1];
    if (status && file) changes.push({ status: status.charAt(0), path: file });
  }
  return changes;
}

export async function unmergedPaths(git: Git): Promise<string[]> {
  return [...new Set((await git.text(['diff', '--name-only', '--diff-filter=U', '-z'])).split('\0').filter(Boolean))];
}
