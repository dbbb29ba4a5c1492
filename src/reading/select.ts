import { keepYoungGenerationSmall } from '../heap.js';
import { smallest } from '../many.js';
import type { Entry } from '../store/entry.js';
import { problemOf, readEntryFile } from '../store/entry-files.js';
import type { EntryFile, EntryProblem } from '../store/entry-folders.js';
import {
  asRead,
  canStopReading,
  entryInstant,
  entryMatches,
  nameMayMatch,
  type ReadingFilter,
  sortNewestFirst,
} from './query.js';

/**
 * Choosing the entries a reading command shows: names decide first, then the parsed entries,
 * read a few at a time and no further than the filter's limit needs.
 */
export interface ReadEntry {
  file: EntryFile;
  entry: Entry;
}

export interface Selection {
  /** newest first, by the instant in each entry's date */
  entries: ReadEntry[];
  problems: EntryProblem[];
}

/** Files in reading order: a list, or a walk of the folders that is listed as it goes. */
export type EntryFiles = Iterable<EntryFile> | AsyncIterable<EntryFile>;

/**
 * Reads files in order with a few reads in flight, so the disk and the parsing overlap on a
 * large journal. Yields each file with its text or the error, in the order given; when the
 * consumer stops early, at most `window - 1` extra files have been read (and the walk that
 * supplies them is closed).
 */
export async function* readAhead<T>(
  files: EntryFiles,
  read: (file: EntryFile) => Promise<T>,
  window: number,
): AsyncGenerator<{ file: EntryFile; value?: T; error?: unknown }> {
  const source = (async function* () {
    yield* files;
  })();
  const pending: Array<Promise<{ file: EntryFile; value?: T; error?: unknown }>> = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && pending.length < window) {
        const next = await source.next();
        if (next.done) exhausted = true;
        else {
          const file = next.value;
          pending.push(
            read(file).then(
              (value) => ({ file, value }),
              (error: unknown) => ({ file, error }),
            ),
          );
        }
      }
      const result = pending.shift();
      if (!result) return;
      yield await result;
    }
  } finally {
    await source.return(undefined);
  }
}

/** The files whose names may pass the filter, in the order given. */
export async function* namesMayMatch(files: EntryFiles, filter: ReadingFilter): AsyncGenerator<EntryFile> {
  for await (const file of files) if (nameMayMatch(file, filter)) yield file;
}

/**
 * The entries that pass the filter, newest first, from files given newest first by id. Names
 * decide first, so a file that cannot match is never opened; with a limit, reading stops once
 * no older file can make the cut (`log -n 20` reads about 20 files, whatever the size of the
 * journal).
 */
export async function selectEntries(
  journalDir: string,
  files: EntryFiles,
  filter: ReadingFilter,
  limit?: number,
): Promise<Selection> {
  // Without a limit, every entry that passes is kept to the end.
  if (limit === undefined) keepYoungGenerationSmall();
  const entries: ReadEntry[] = [];
  const problems: EntryProblem[] = [];
  // Each folder on the way is checked (no link, no file in its place) once, not once a file.
  const checked = new Set<string>();
  let oldestKept = Infinity;
  // Decided by name before the file is opened (and before the next folder is listed).
  const candidates = (async function* () {
    for await (const file of namesMayMatch(files, filter)) {
      if (limit !== undefined && entries.length >= limit && canStopReading(file, oldestKept)) return;
      yield file;
    }
  })();
  // With a limit, one file at a time: reading stops exactly where it can.
  for await (const { file, value: entry, error } of readAhead(
    candidates,
    (f) => readEntryFile(journalDir, f, checked),
    limit === undefined ? 16 : 1,
  )) {
    if (!entry) {
      problems.push(problemOf(file, error));
      continue;
    }
    if (!entryMatches(entry, filter)) continue;
    entries.push({ file, entry: asRead(entry, filter) });
    if (limit !== undefined && entries.length >= limit) {
      sortNewestFirst(entries);
      entries.length = limit;
      oldestKept = smallest(entries.map((e) => entryInstant(e.entry)));
    }
  }
  sortNewestFirst(entries);
  return { entries: limit === undefined ? entries : entries.slice(0, limit), problems };
}
