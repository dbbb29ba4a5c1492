import type { WorktreeCheck } from './git-index.js';
import type { EntryFile } from './read.js';

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
 * never rewritten, so one bad file cannot stop a listing.
 *
 * Without `files`, every entry is wanted: the answer comes from the front matter cache
 * (cache.ts), which checks its records against git's index or the files' stat data and
 * parses again whatever changed; `worktree` is a check of entries/ the caller started early.
 * With `files`, just those are read.
 */
export async function loadSummaries(
  journalDir: string,
  files?: EntryFile[],
  worktree?: Promise<WorktreeCheck | undefined>,
): Promise<{ entries: EntrySummary[]; skipped: SkippedFile[] }> {
  if (!files) {
    const { readAllFrontMatter } = await import('./cache.js');
    const { entries, skipped } = await readAllFrontMatter(journalDir, worktree);
    return { entries, skipped };
  }
  // Loaded here: the cache answers status and stats without the entry parser or the reader.
  const [{ EntryFormatError }, { readEntryFile }] = await Promise.all([import('./entry.js'), import('./read.js')]);
  const entries: EntrySummary[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    try {
      const { type, author, date, tags, fields } = await readEntryFile(journalDir, file);
      entries.push({ id: file.id, relPath: file.relPath, type, author, date, tags, fields });
    } catch (error) {
      const reason =
        error instanceof EntryFormatError ? error.reason : error instanceof Error ? error.message : String(error);
      skipped.push({ relPath: file.relPath, reason });
    }
  }
  return { entries, skipped };
}
