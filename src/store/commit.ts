import path from 'node:path';
import { CommitFailedError } from '../errors.js';
import { commitPaths } from '../git/commit.js';
import type { GitConfigValues } from '../git/config.js';
import type { CommitAuthor } from '../git/env.js';
import type { Git } from '../git/git.js';
import { IMPORT_KEY_HINT, lacksKey, NO_KEY_REASON } from './encryption-state.js';
import { writeJournalFile } from './files.js';
import { STATE_DIR } from './layout.js';
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

export async function commitJournalFiles(journal: JournalStore, paths: string[], message: string): Promise<void> {
  try {
    if (await lacksKey(journal)) {
      throw new CommitFailedError(
        NO_KEY_REASON,
        'This journal is encrypted and this clone has no key yet, so what you wrote is saved here but cannot be committed or shared.',
        `${IMPORT_KEY_HINT}; the next intimacy command then commits it.`,
      );
    }
    await commitPaths(journal.git, paths, message, commitAuthor(journal));
  } catch (error) {
    if (error instanceof CommitFailedError) await markUncommitted(journal.dir);
    throw error;
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
): Promise<{ commitProblem?: string }> {
  try {
    await commitJournalFiles(journal, paths, message);
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
