import { gitText, runGit } from './git-run.js';

/** Small read-only questions sync asks git about commits and trees. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export async function revision(dir: string, ref: string): Promise<string | undefined> {
  const run = await runGit(['rev-parse', '--quiet', '--verify', `${ref}^{commit}`], { cwd: dir });
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}

export async function isAncestor(dir: string, older: string, newer: string): Promise<boolean> {
  return (await runGit(['merge-base', '--is-ancestor', older, newer], { cwd: dir })).code === 0;
}

export async function blob(dir: string, spec: string): Promise<Buffer | undefined> {
  const run = await runGit(['cat-file', 'blob', spec], { cwd: dir });
  return run.code === 0 ? run.stdout : undefined;
}

export async function changedNames(dir: string, from: string, to: string): Promise<string[]> {
  return (await gitText(['diff', '--name-only', '--no-renames', '-z', from, to, '--'], dir)).split('\0').filter(Boolean);
}

export async function nameStatus(dir: string, from: string, to: string): Promise<Array<{ status: string; path: string }>> {
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
  return [...new Set((await gitText(['diff', '--name-only', '--diff-filter=U', '-z'], dir)).split('\0').filter(Boolean))];
}
