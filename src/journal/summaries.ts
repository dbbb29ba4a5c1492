import { EntryFormatError } from './entry.js';
import { readEntryFile, type EntryFile } from './read.js';

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
 * (cache.ts), which checks each record against git's index or the file's stat data and
 * parses again whatever changed. With `files`, just those are read.
 */
export async function loadSummaries(journalDir: string, files?: EntryFile[]): Promise<{ entries: EntrySummary[]; skipped: SkippedFile[] }> {
  const entries: EntrySummary[] = [];
  const skipped: SkippedFile[] = [];
  if (!files) {
    const { readAllFrontMatter } = await import('./cache.js');
    for (const entry of (await readAllFrontMatter(journalDir)).entries) {
      if (entry.front) {
        const { type, author, date, tags, fields } = entry.front;
        entries.push({ id: entry.id, relPath: entry.relPath, type, author, date, tags, fields });
      } else skipped.push({ relPath: entry.relPath, reason: entry.reason ?? entry.problem ?? 'unreadable' });
    }
    return { entries, skipped };
  }
  for (const file of files) {
    try {
      const { type, author, date, tags, fields } = await readEntryFile(journalDir, file);
      entries.push({ id: file.id, relPath: file.relPath, type, author, date, tags, fields });
    } catch (error) {
      const reason = error instanceof EntryFormatError ? error.reason : error instanceof Error ? error.message : String(error);
      skipped.push({ relPath: file.relPath, reason });
    }
  }
  return { entries, skipped };
}
