import { lstatSync } from 'node:fs';
import path from 'node:path';
import { CommitFailedError } from '../errors.js';
import { commitPaths } from '../git/commit.js';
import type { GitConfigValues } from '../git/config.js';
import type { CommitAuthor } from '../git/env.js';
import type { Git } from '../git/git.js';
import { keepElsewhereCommit, keepHeadOnBranch } from '../git/journal-branch.js';
import { IMPORT_KEY_HINT, lacksKey, NO_KEY_REASON } from './encryption-state.js';
import { writeJournalFile } from './files.js';
import { SETTINGS_FILE, STATE_DIR } from './layout.js';
import { slugify } from './naming.js';

/**
 * Commits a journal's own files: the one way intimacy commits. Before git runs, a clone that
 * could only commit plain text where the journal is encrypted is refused; when the commit
 * fails, the files stay on disk and a marker says so, and the next command commits them.
 */
/**
 * A journal as the store sees it: its folder, its git, who writes, and the config read when it
 * was opened. An opened journal (journal/journal.ts) is one.
 */
export interface JournalStore {
  dir: string;
  git: Git;
  me: { name: string };
  gitConfig: GitConfigValues;
}

/**
 * Returns how many of `files` were committed (the others are not regular files). `exclude`:
 * paths under folders of `files` to leave out of the commit (store/save.ts notCommittedUnder).
 */
export async function commitJournalFiles(
  journal: JournalStore,
  files: string[],
  message: string,
  options: { exclude?: string[] } = {},
): Promise<number> {
  const paths = files.filter((relPath) => committable(journal.dir, relPath));
  if (paths.length === 0) return 0;
  try {
    if (await lacksKey(journal)) {
      throw new CommitFailedError(
        NO_KEY_REASON,
        'This journal is encrypted and this clone has no key yet, so what you wrote is saved here but cannot be committed or shared.',
        `${IMPORT_KEY_HINT}; the next intimacy command then commits it.`,
      );
    }
    const branch = journal.gitConfig.journalBranch;
    // HEAD put back on the journal's branch, or the commit kept for sync (git/journal-branch.ts).
    // A failure there must not cost the commit: the commit is then kept as if made elsewhere.
    const elsewhere = branch ? await keepHeadOnBranch(journal.git, branch).catch(() => 'unknown') : undefined;
    // The settings file, always committed, tells whether git's record of the files is current (git/index-commit.ts).
    await commitPaths(journal.git, paths, message, commitAuthor(journal), {
      probe: SETTINGS_FILE,
      exclude: options.exclude,
    });
    if (elsewhere) await keepElsewhereCommit(journal.git).catch(() => undefined);
    return paths.length;
  } catch (error) {
    if (error instanceof CommitFailedError) await markUncommitted(journal.dir);
    throw error;
  }
}

/**
 * A journal holds files only: a link or FIFO where a journal file belongs (put there by
 * hand or by a tool) is never committed, so it can neither carry a path of this computer's to
 * the partner nor be refused by their sync. A path that is gone is a deletion, committed.
 * Nothing under .intimacy/ (private entries, drafts, sealed keys) is ever committed, whoever
 * asks: git adds these paths with --force, past the .gitignore that keeps it out.
 */
function committable(dir: string, relPath: string): boolean {
  const top = relPath.split('/')[0]!.toLowerCase();
  if (top === STATE_DIR.toLowerCase()) return false;
  try {
    const stat = lstatSync(path.join(dir, relPath));
    return stat.isFile() || stat.isDirectory(); // a folder: its files (encrypt init commits entries/ whole)
  } catch {
    return true;
  }
}

/**
 * commitJournalFiles for a change that is kept whether or not git takes it: a failed commit
 * is not an error but a problem to report ("saved but not committed"), with git's reason.
 */
export async function commitOrKeep(
  journal: JournalStore,
  paths: string[],
  message: string,
  options: { exclude?: string[] } = {},
): Promise<{ commitProblem?: string }> {
  try {
    await commitJournalFiles(journal, paths, message, options);
    return {};
  } catch (error) {
    if (error instanceof CommitFailedError) return { commitProblem: error.reason };
    throw error;
  }
}

/** Commits carry the entry's author; an address is made up when git has none configured. */
export function commitAuthor(journal: Pick<JournalStore, 'me' | 'gitConfig'>): CommitAuthor {
  return {
    name: journal.me.name,
    email: journal.gitConfig.userEmail ?? `${slugify(journal.me.name)}@intimacy.invalid`,
  };
}

/** Says "files may be waiting for a commit": the next writing command then looks with git status. */
export function pendingMarkerPath(dir: string): string {
  return path.join(dir, PENDING_MARKER);
}

const PENDING_MARKER = `${STATE_DIR}/uncommitted`;

export async function markUncommitted(dir: string): Promise<void> {
  await writeJournalFile(dir, PENDING_MARKER, String(process.pid), { durable: false });
}
