import type { EntryFile } from './entry-folders.js';
import { requiredText, type RequiredText } from './literal.js';
import { ENTRIES_DIR } from './naming.js';
import type { EntryFiles } from './read.js';
import type { SearchPattern } from './search.js';

/**
 * grep's first pass: when every match must contain a known text, `git grep` (C, several
 * threads) names the files under entries/ that contain it, and node reads only those (and the
 * files git did not search, such as private entries). Started as soon as the journal's folder
 * is known, so git searches while node loads and walks the folders. Undefined when there is no
 * such text: every file is read.
 */
export function startPrefilter(
  journalDir: string,
  pattern: SearchPattern,
): Promise<Set<string> | undefined> | undefined {
  const wanted = requiredText(pattern);
  return wanted ? filesContaining(journalDir, wanted) : undefined;
}

/** The files grep reads, newest first: all of them, or those the prefilter leaves when git answered. */
export async function grepCandidates(
  files: () => AsyncGenerator<EntryFile>,
  allFiles: () => Promise<EntryFile[]>,
  prefilter: Promise<Set<string> | undefined> | undefined,
): Promise<EntryFiles> {
  if (!prefilter) return files();
  const [found, listed] = await Promise.all([prefilter, allFiles()]);
  if (!found) return listed;
  const searched = `${ENTRIES_DIR}/`;
  return listed.filter((file) => !file.relPath.startsWith(searched) || found.has(file.relPath));
}

/**
 * The files under entries/ that contain `wanted`. `--no-index` searches the folder as it is on
 * disk, tracked or not, ignored or not, inside a repository or outside one: every file the
 * folder walk can find. Undefined when git cannot answer cleanly (missing, failed, or a
 * complaint on stderr, such as a file it could not read).
 */
export async function filesContaining(journalDir: string, wanted: RequiredText): Promise<Set<string> | undefined> {
  const [{ runGit }, { gitEnv }] = await Promise.all([import('./git-run.js'), import('./repo.js')]);
  const args = [
    'grep',
    '--no-index',
    '-l',
    '-z',
    '-F',
    ...(wanted.ignoreCase ? ['-i'] : []),
    '-e',
    wanted.text,
    '--',
    ENTRIES_DIR,
  ];
  try {
    // LC_ALL=C: -i folds ASCII letters only, as requiredText expects.
    const run = await runGit(args, { cwd: journalDir, env: gitEnv({ LC_ALL: 'C' }) });
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
