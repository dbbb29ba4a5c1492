import type { Git } from '../git/git.js';
import { readAllFrontMatter } from './cache.js';
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

/**
 * Reads the front matter of every entry, oldest first. A malformed file is skipped and named,
 * never rewritten, so one bad file cannot stop a listing. The answer comes from the front
 * matter cache (cache.ts), which checks its records against git's index or the files' stat data
 * and parses again whatever changed; `worktree` is a check of entries/ the caller started early.
 */
export async function loadSummaries(
  git: Git,
  worktree?: Promise<WorktreeCheck | undefined>,
): Promise<{ entries: EntrySummary[]; skipped: SkippedFile[] }> {
  const { entries, skipped } = await readAllFrontMatter(git, worktree);
  return { entries, skipped };
}
