import type { Git } from './git.js';

/**
 * The files under `folder` that contain `text` (plain text, ASCII letters folded with
 * `ignoreCase`), found by `git grep` (C, several threads). `--no-index` searches the folder as
 * it is on disk, tracked or not, ignored or not, inside a repository or outside one. Undefined
 * when git cannot answer cleanly (missing, failed, or a complaint on stderr, such as a file it
 * could not read).
 */
export async function filesContaining(
  git: Git,
  folder: string,
  text: string,
  ignoreCase: boolean,
): Promise<Set<string> | undefined> {
  const args = ['grep', '--no-index', '-l', '-z', '-F', ...(ignoreCase ? ['-i'] : []), '-e', text, '--', folder];
  try {
    // LC_ALL=C: -i folds ASCII letters only.
    const run = await git.run(args, { env: { LC_ALL: 'C' } });
    if ((run.code !== 0 && run.code !== 1) || run.stderr !== '') return undefined;
    return new Set(
      run.stdout
        .toString('utf8')
        .split('\0')
        .filter((name) => name !== ''),
    );
  } catch {
    return undefined;
  }
}
