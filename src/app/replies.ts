import type { Journal } from '../journal/journal.js';
import { REPLY_TYPE, repliesByTarget } from '../reading/replies.js';
import type { ReadEntry } from '../reading/select.js';
import { withAuthorsNamed } from '../store/authors.js';
import { readEntryFile } from '../store/entry-files.js';
import { parseEntryName } from '../store/naming.js';
import { loadSummaries } from '../store/summaries.js';

/** How many replies each entry has, by its id, from the front matter cache (nothing is read). */
export async function replyCounts(journal: Journal): Promise<Map<string, number>> {
  const { entries } = await loadSummaries(journal.git);
  const counts = new Map<string, number>();
  for (const [target, list] of repliesByTarget(entries.filter((e) => e.type === REPLY_TYPE)))
    counts.set(target, list.length);
  return counts;
}

/** The replies to each of `ids`, oldest first, read in full; a damaged one is left out. */
export async function repliesFor(journal: Journal, ids: string[]): Promise<Map<string, ReadEntry[]>> {
  const wanted = new Set(ids);
  const { entries } = await loadSummaries(journal.git);
  const replies = withAuthorsNamed(
    journal.settings,
    entries.filter((e) => e.type === REPLY_TYPE && wanted.has(String(e.fields.replies_to ?? '').trim())),
  );
  const found = new Map<string, ReadEntry[]>();
  for (const [target, list] of repliesByTarget(replies)) {
    const read: ReadEntry[] = [];
    for (const summary of list) {
      const name = parseEntryName(summary.relPath.slice(summary.relPath.lastIndexOf('/') + 1));
      if (!name) continue;
      try {
        const entry = await readEntryFile(journal.dir, summary);
        read.push({ file: { ...name, relPath: summary.relPath }, entry: { ...entry, author: summary.author } });
      } catch {
        // log and show name a damaged file where it is listed
      }
    }
    if (read.length > 0) found.set(target, read);
  }
  return found;
}
