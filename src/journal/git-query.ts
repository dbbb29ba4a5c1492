import { gitText, runGit } from './git-run.js';

/** Small read-only questions sync asks git about commits and trees. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export async function revision(dir: string, ref: string): Promise<string | undefined> {
  const run = await runGit(['rev-parse', '--quiet', '--verify', `${ref}^{commit}`], { cwd: dir });
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}

/**
 * The commits that several refs point at, in one git call (sync asks for its branch and the
 * partner's after every fetch). A ref that does not exist is absent from the answer.
 */
export async function refTips(dir: string, refs: string[]): Promise<Map<string, string>> {
  const out = await gitText(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', ...refs], dir);
  const tips = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [name, object, peeled] = line.split('\0');
    // Patterns match whole folders too (refs/heads/main/x): keep the exact names asked for.
    if (name && object && refs.includes(name)) tips.set(name, peeled || object);
  }
  return tips;
}

export async function isAncestor(dir: string, older: string, newer: string): Promise<boolean> {
  return (await runGit(['merge-base', '--is-ancestor', older, newer], { cwd: dir })).code === 0;
}

/** A file's content at a revision, as it would be checked out (decrypted in an encrypted journal). */
export async function blob(dir: string, spec: string): Promise<Buffer | undefined> {
  const run = await runGit(['cat-file', '--filters', spec], { cwd: dir });
  return run.code === 0 ? run.stdout : undefined;
}

export async function changedNames(dir: string, from: string, to: string): Promise<string[]> {
  return (await gitText(['diff', '--name-only', '--no-renames', '-z', from, to, '--'], dir))
    .split('\0')
    .filter(Boolean);
}

export async function nameStatus(
  dir: string,
  from: string,
  to: string,
): Promise<Array<{ status: string; path: string }>> {
  const fields = (await gitText(['diff', '--name-status', '--no-renames', '-z', from, to, '--'], dir)).split('\0');
  const changes: Array<{ status: string; path: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i];
    const file = fields[i + 1];
    if (status && file) changes.push({ status: status.charAt(0), path: file });
  }
  return changes;
}

export async function unmergedPaths(dir: string): Promise<string[]> {
  return [
    ...new Set((await gitText(['diff', '--name-only', '--diff-filter=U', '-z'], dir)).split('\0').filter(Boolean)),
  ];
}
