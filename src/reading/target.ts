import { problemOf, readEntryFile } from '../store/entry-files.js';
import type { EntryFile, EntryProblem } from '../store/entry-folders.js';
import { isKeptSpan, outsideYears, parseDateSpan } from './dates.js';
import { bothFolders, foldersForPrefix } from './folder-range.js';
import { asRead, foldersFor, idPrefixOf, looksLikeId, type ReadingFilter, resolveIdPrefix } from './query.js';
import { namesMayMatch, type ReadEntry, selectEntries } from './select.js';
import type { EntryWalk } from './walk.js';

/** What `show` and `edit` were pointed at: an id (or unique prefix), `last`, or a date. */
export type Target =
  | { kind: 'found'; entries: ReadEntry[]; problems: EntryProblem[] }
  | { kind: 'none'; problems: EntryProblem[] }
  | { kind: 'ambiguous'; candidates: EntryFile[] }
  /** named by id but not a well-formed entry: `show --raw` and `edit` can still open it */
  | { kind: 'malformed'; file: EntryFile; problem: EntryProblem };

/** Each kind of target walks only the folders that can hold it: `last` the newest, an id its month. */
export async function findTarget(
  journalDir: string,
  walk: EntryWalk,
  filter: ReadingFilter,
  target: string,
  now: Date,
): Promise<Target> {
  const text = target.trim();
  if (text.toLowerCase() === 'last') {
    const { entries, problems } = await selectEntries(
      journalDir,
      walk.newestFirst(foldersFor(filter.since, filter.until)),
      filter,
      1,
    );
    return entries.length > 0 ? { kind: 'found', entries, problems } : { kind: 'none', problems };
  }
  const span = looksLikeId(text) ? undefined : parseDateSpan(text, now);
  // No entry is dated there (store/entry.ts), and its stamps would not be an entry's.
  if (span && !isKeptSpan(span)) throw outsideYears('The date', text);
  if (span) {
    const narrowed = { ...filter, since: later(filter.since, span.start), until: earlier(filter.until, span.end) };
    const { entries, problems } = await selectEntries(
      journalDir,
      walk.newestFirst(foldersFor(narrowed.since, narrowed.until)),
      narrowed,
    );
    return entries.length > 0 ? { kind: 'found', entries: entries.reverse(), problems } : { kind: 'none', problems };
  }
  const files: EntryFile[] = [];
  for await (const file of namesMayMatch(
    walk.newestFirst(bothFolders(foldersFor(filter.since, filter.until), foldersForPrefix(idPrefixOf(text)))),
    filter,
  ))
    files.push(file);
  const resolved = resolveIdPrefix(text, files.reverse());
  if (resolved.kind !== 'one') return resolved.kind === 'none' ? { kind: 'none', problems: [] } : resolved;
  try {
    return {
      kind: 'found',
      entries: [{ file: resolved.file, entry: asRead(await readEntryFile(journalDir, resolved.file), filter) }],
      problems: [],
    };
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
