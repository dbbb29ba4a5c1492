import { EntryFormatError } from './entry.js';
import { listEntryFiles, readEntryFile, type EntryFile } from './read.js';

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
 */
export async function loadSummaries(journalDir: string, files?: EntryFile[]): Promise<{ entries: EntrySummary[]; skipped: SkippedFile[] }> {
  const entries: EntrySummary[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files ?? (await listEntryFiles(journalDir))) {
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
