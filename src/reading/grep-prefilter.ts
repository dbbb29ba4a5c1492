import type { Git } from '../git/git.js';
import { filesContaining } from '../git/grep.js';
import type { EntryFile } from '../store/entry-folders.js';
import { ENTRIES_DIR } from '../store/naming.js';
import { requiredText } from './literal.js';
import type { SearchPattern } from './search.js';
import type { EntryFiles } from './select.js';

/**
 * grep's first pass: when every match must contain a known text, `git grep` (C, several
 * threads) names the files under entries/ that contain it, and node reads only those (and the
 * files git did not search, such as private entries). Started as soon as the journal's folder
 * is known, so git searches while node loads and walks the folders. Undefined when there is no
 * such text: every file is read.
 */
export function startPrefilter(git: Git, pattern: SearchPattern): Promise<Set<string> | undefined> | undefined {
  const wanted = requiredText(pattern);
  return wanted ? filesContaining(git, ENTRIES_DIR, wanted.text, wanted.ignoreCase) : undefined;
}

/** The files grep reads, newest first: all of them, or those the prefilter leaves when git answered. */
export async function grepCandidates(
  files: () => AsyncGenerator<EntryFile>,
  among: (wanting: Promise<((relPath: string) => boolean) | undefined>) => Promise<EntryFile[]>,
  prefilter: Promise<Set<string> | undefined> | undefined,
): Promise<EntryFiles> {
  if (!prefilter) return files();
  const searched = `${ENTRIES_DIR}/`;
  // What git did not search (the reader's private entries) is read whatever it holds.
  return among(prefilter.then((found) => found && ((relPath) => !relPath.startsWith(searched) || found.has(relPath))));
}
