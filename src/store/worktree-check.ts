import { type BranchState, branchState } from '../git/branch-state.js';
import type { Git } from '../git/git.js';
import { indexChecksum } from '../git/index-file.js';
import { SETTINGS_FILE, TEMPLATES_DIR } from './layout.js';
import { ENTRIES_DIR } from './naming.js';

/** What status looks at: the journal's own files. */
export const JOURNAL_PATHSPECS = [ENTRIES_DIR, TEMPLATES_DIR, SETTINGS_FILE];

export interface WorktreeCheck {
  /** the index checksum, read before git looked */
  checksum: string;
  /** when git began to look (ms; the system's clock, as file times are, not the journal's) */
  lookedAt: number;
  /**
   * true when git found no file under entries/ that differs from the index (edited,
   * deleted, untracked or ignored), hidden files aside, and the index did not change meanwhile
   */
  matchesIndex: boolean;
  /** the files under entries/ that git found different from the index (changed, deleted, untracked, ignored) */
  offIndex: string[];
  /**
   * the commit HEAD pointed at, when entries/ on disk and in the index were exactly as in it
   * (hidden files aside): the cache can then catch up from the commit it was made for
   */
  cleanHead?: string;
}

/** Hidden files and folders are neither entries nor strays (see scanEntryFiles). */
function isHidden(relPath: string): boolean {
  return relPath.split('/').some((part) => part.startsWith('.'));
}

export interface JournalLook {
  branch?: BranchState;
  worktree?: WorktreeCheck;
}

/**
 * One `git status` (which looks at every file once): where the branch stands, for status, and
 * whether entries/ on disk is what git's index and HEAD record, for the front matter cache.
 * Start it early: git runs on the other core while node loads modules. Never rejects; no
 * worktree answer outside a plain git repository.
 */
export async function lookAtJournal(git: Git): Promise<JournalLook> {
  const lookedAt = Date.now(); // file times are the system's, so is this (not the journal's clock)
  const checksum = indexChecksum(git); // read before git looks, so a race can only make it older
  let branch: BranchState;
  try {
    branch = await branchState(git, JOURNAL_PATHSPECS, { ignored: true });
  } catch {
    return {};
  }
  if (checksum === undefined) return { branch };
  const underEntries = (paths: string[] | undefined) =>
    (paths ?? []).filter((relPath) => relPath.startsWith(`${ENTRIES_DIR}/`));
  const visible = (paths: string[]) => paths.filter((relPath) => !isHidden(relPath));
  const offIndex = underEntries(branch.offIndex);
  const unchanged = indexChecksum(git) === checksum;
  const matchesIndex = unchanged && visible(offIndex).length === 0;
  const cleanHead = matchesIndex && visible(underEntries(branch.offHead)).length === 0 ? branch.head : undefined;
  return { branch, worktree: { checksum, lookedAt, matchesIndex, offIndex, ...(cleanHead ? { cleanHead } : {}) } };
}

/** lookAtJournal's answer about entries/, for callers that need nothing else. Never rejects. */
export async function checkEntries(git: Git): Promise<WorktreeCheck | undefined> {
  return (await lookAtJournal(git)).worktree;
}
