import { availableParallelism } from 'node:os';
import type { Git } from '../git/git.js';
import { filesContaining } from '../git/grep.js';
import { datedFolders, type EntryFile, MONTH_FOLDER, YEAR_FOLDER } from '../store/entry-folders.js';
import { ENTRIES_DIR } from '../store/naming.js';
import { requiredText } from './literal.js';
import type { SearchPattern } from './search.js';
import type { EntryFiles } from './select.js';

/**
 * grep's first pass: when every match must contain a known text, `git grep` (C, a process for
 * each processor) names the files under entries/ that contain it, and node reads only those (and the
 * files git did not search, such as private entries). Started as soon as the journal's folder
 * is known, so git searches while node loads and walks the folders. Undefined when there is no
 * such text: every file is read.
 */
export function startPrefilter(git: Git, pattern: SearchPattern): Promise<Set<string> | undefined> | undefined {
  const wanted = requiredText(pattern);
  if (!wanted) return undefined;
  // A folder that cannot be listed here is the walk's to report: git then searches entries/ whole.
  const parts = searchParts(git.dir).catch(() => []);
  return parts.then((given) => filesContaining(git, ENTRIES_DIR, wanted.text, wanted.ignoreCase, given));
}

/**
 * entries/ cut into one part per processor but one (git searches the rest), month folders dealt
 * out in turn so that each part holds about as many years and months as the next. None on one
 * processor, or with too few months to share. Strays are the walk's to report, not this look's.
 */
async function searchParts(journalDir: string): Promise<string[][]> {
  const processes = Math.min(4, availableParallelism());
  if (processes < 2) return [];
  const unsaid = () => undefined;
  const years = await datedFolders(journalDir, ENTRIES_DIR, '', YEAR_FOLDER, unsaid);
  const listed = await Promise.all(
    years.map(async (year) =>
      (await datedFolders(journalDir, ENTRIES_DIR, year, MONTH_FOLDER, unsaid)).map(
        (month) => `${ENTRIES_DIR}/${year}/${month}`,
      ),
    ),
  );
  const months = listed.flat();
  if (months.length < processes) return [];
  const parts: string[][] = Array.from({ length: processes - 1 }, () => []);
  // Every `processes`-th month is left to the rest, so it gets its share too.
  for (const [i, month] of months.entries()) parts[i % processes]?.push(month);
  return parts;
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
