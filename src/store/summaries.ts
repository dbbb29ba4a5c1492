import type { Git } from '../git/git.js';
import { readAllFrontMatter } from './cache.js';
import { parseEntryName } from './naming.js';
import type { WorktreeCheck } from './worktree-check.js';

/** An entry's front matter, without its body: what trackers and listings work from. */
export interface EntrySummary {
  id: string;
  relPath: string;
  type: string;
  author: string;
  date: string;
  tags: string[];
  fields: Record<string, unknown>;
}

export interface SkippedFile {
  relPath: string;
  reason: string;
}

/** A conflict copy sync kept (the partner's version of an entry beside ours), from its name. */
export function isConflictCopy(relPath: string): boolean {
  // Only a name with "-conflict_" can be one (see ENTRY_NAME): most names are not parsed at all.
  if (!relPath.includes('-conflict_')) return false;
  return parseEntryName(relPath.slice(relPath.lastIndexOf('/') + 1))?.conflictCopy !== undefined;
}

/**
 * Reads the front matter of every entry, oldest first. A conflict copy is a second version of
 * an entry, not another entry: it is left out until the conflict is settled (intimacy
 * conflicts), so streaks, counts and charts count the entry once. A malformed file is skipped and named,
 * never rewritten, so one bad file cannot stop a listing. The answer comes from the front
 * matter cache (cache.ts), which checks its records against git's index or the files' stat data
 * and parses again whatever changed; `worktree` is a check of entries/ the caller started early.
 * `vouchedBy`: git's index checksum, when git vouches that these are exactly the entries on disk;
 * `copies`: how many conflict copies were left out.
 */
export async function loadSummaries(
  git: Git,
  worktree?: Promise<WorktreeCheck | undefined>,
  options: { conflictCopies?: boolean } = {},
): Promise<{ entries: EntrySummary[]; skipped: SkippedFile[]; vouchedBy?: string; copies: number }> {
  const { entries, skipped, vouchedBy } = await readAllFrontMatter(git, worktree);
  const vouched = vouchedBy === undefined ? {} : { vouchedBy };
  if (options.conflictCopies) return { entries, skipped, ...vouched, copies: 0 };
  const kept = entries.filter((entry) => !isConflictCopy(entry.relPath));
  return { entries: kept, skipped, ...vouched, copies: entries.length - kept.length };
}
