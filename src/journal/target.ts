import { parseDateSpan } from './dates.js';
import { looksLikeId, nameMayMatch, resolveIdPrefix, type ReadingFilter } from './query.js';
import { problemOf, readEntryFile, selectEntries, type EntryFile, type EntryProblem, type ReadEntry } from './read.js';

/** What `show` and `edit` were pointed at: an id (or unique prefix), `last`, or a date. */
export type Target =
  | { kind: 'found'; entries: ReadEntry[]; problems: EntryProblem[] }
  | { kind: 'none'; problems: EntryProblem[] }
  | { kind: 'ambiguous'; candidates: EntryFile[] }
  /** named by id but not a well-formed entry: `show --raw` and `edit` can still open it */
  | { kind: 'malformed'; file: EntryFile; problem: EntryProblem };

export async function findTarget(journalDir: string, files: EntryFile[], filter: ReadingFilter, target: string, now: Date): Promise<Target> {
  const text = target.trim();
  if (text.toLowerCase() === 'last') {
    const { entries, problems } = await selectEntries(journalDir, files, filter, 1);
    return entries.length > 0 ? { kind: 'found', entries, problems } : { kind: 'none', problems };
  }
  const span = looksLikeId(text) ? undefined : parseDateSpan(text, now);
  if (span) {
    const narrowed = { ...filter, since: later(filter.since, span.start), until: earlier(filter.until, span.end) };
    const { entries, problems } = await selectEntries(journalDir, files, narrowed);
    return entries.length > 0 ? { kind: 'found', entries: entries.reverse(), problems } : { kind: 'none', problems };
  }
  const resolved = resolveIdPrefix(text, files.filter((file) => nameMayMatch(file, filter)));
  if (resolved.kind !== 'one') return resolved.kind === 'none' ? { kind: 'none', problems: [] } : resolved;
  try {
    return { kind: 'found', entries: [{ file: resolved.file, entry: await readEntryFile(journalDir, resolved.file) }], problems: [] };
  } catch (error) {
    return { kind: 'malformed', file: resolved.file, problem: problemOf(resolved.file, error) };
  }
}

function later(a: Date | undefined, b: Date): Date {
  return a && a > b ? a : b;
}

function earlier(a: Date | undefined, b: Date): Date {
  return a && a < b ? a : b;
}
