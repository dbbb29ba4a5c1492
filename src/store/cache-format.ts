import { STATE_DIR } from './layout.js';
import { entryId } from './naming.js';
import type { EntrySummary, SkippedFile } from './summaries.js';

/*
 * The front matter cache on disk (see cache.ts for when it is trusted), in columns: a journal
 * of 10,000 entries names a handful of types and authors and repeats the same few field sets and
 * tag lists thousands of times, so each is stored once and rows point at it. That keeps the file
 * small and JSON.parse quick, and the summaries share those strings, lists and objects instead
 * of making 10,000 copies of each (status spent more time collecting garbage than tracking
 * rituals). Nothing downstream changes a summary's fields or tags.
 */

export const CACHE_FILE = `${STATE_DIR}/cache/front-matter.json`;
/**
 * 9: a shared entry's own `private: true` is no longer kept (store/entry.ts: privacy is where a file stands).
 * 10: an entry dated outside the years intimacy reads (years.ts) is a malformed file.
 * 11: a name holding a character that shows as nothing (a zero-width space) is a malformed file.
 * 12: so is one holding any Default_Ignorable character, a joiner or a selector out of its place too.
 */
export const CACHE_VERSION = 12;

export interface FrontMatterIndex {
  /** every well-formed entry, oldest first */
  entries: EntrySummary[];
  /** files that could not be read as entries, in the same order */
  skipped: SkippedFile[];
  /** how many files were read and parsed this time, and how many came from the cache */
  parsed: number;
  reused: number;
  /** true when git's index checksum vouched for the whole cache and nothing was listed */
  wholeJournal: boolean;
  /**
   * git's index checksum when git vouched that these are exactly the entries on disk: what was
   * read from entries/ matches that index (blob ids all through), and git found no file there
   * that differs from it. A cache of what is computed from the entries may be keyed by it.
   */
  vouchedBy?: string;
}

/** One file's record: an entry's summary, or why the file is not an entry. */
export type CachedFile = { entry: EntrySummary; problem?: undefined } | { entry?: undefined; problem: SkippedFile };

export function addFile(index: FrontMatterIndex, file: CachedFile): void {
  if (file.entry) index.entries.push(file.entry);
  else index.skipped.push(file.problem);
}

export interface CacheData {
  version: number;
  /** git's index checksum when every row is keyed by a blob id, else null */
  index: string | null;
  /** the commit whose entries/ the rows are, when they are exactly that, else null (cache-catch-up.ts) */
  head: string | null;
  /** the distinct types and authors, and for a malformed file the reason */
  names: string[];
  tagLists: string[][];
  fieldSets: Array<Record<string, unknown>>;
  paths: string[];
  /**
   * The rows' keys, still as JSON text: on disk they are a second line, which the everyday path
   * never parses (a third of the file); only the file-by-file check reads them (cacheKeys).
   */
  keysText: string;
  /** index into names; -1 marks a malformed file */
  types: number[];
  /** index into names: the author, or for a malformed file the reason */
  authors: number[];
  dates: string[];
  tags: number[];
  fields: number[];
}

/** The file's first line parsed, if it has this version's shape; undefined for anything else. */
export function parseCache(text: string): CacheData | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const cache = JSON.parse(text.slice(0, newline)) as Partial<CacheData> | null;
  if (cache?.version !== CACHE_VERSION) return undefined;
  const columns = [cache.paths, cache.types, cache.authors, cache.dates, cache.tags, cache.fields];
  if (!columns.every((column) => Array.isArray(column) && column.length === cache.paths?.length)) return undefined;
  if (!Array.isArray(cache.names) || !Array.isArray(cache.tagLists) || !Array.isArray(cache.fieldSets))
    return undefined;
  const known = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    ...cache,
    index: known(cache.index),
    head: known(cache.head),
    keysText: text.slice(newline + 1),
  } as CacheData;
}

/** One key per row; none (everything parsed again) when the second line is damaged. */
export function cacheKeys(data: CacheData): string[] {
  try {
    const keys = JSON.parse(data.keysText) as unknown;
    return Array.isArray(keys) && keys.length === data.paths.length ? (keys as string[]) : [];
  } catch {
    return [];
  }
}

/** Row `i`, sharing the cache's strings, lists and objects; undefined when it points outside the tables (damaged). */
export function decodeRow(data: CacheData, i: number): CachedFile | undefined {
  const relPath = data.paths[i];
  const type = data.types[i]!;
  const author = data.names[data.authors[i]!];
  if (typeof relPath !== 'string' || typeof author !== 'string') return undefined;
  if (type < 0) return { problem: { relPath, reason: author } };
  const entry = {
    id: entryId(relPath),
    relPath,
    type: data.names[type],
    author,
    date: data.dates[i],
    tags: data.tagLists[data.tags[i]!],
    fields: data.fieldSets[data.fields[i]!],
  };
  if (
    typeof entry.type !== 'string' ||
    typeof entry.date !== 'string' ||
    !Array.isArray(entry.tags) ||
    typeof entry.fields !== 'object' ||
    entry.fields === null
  )
    return undefined;
  return { entry: entry as EntrySummary };
}

/**
 * Each distinct value once, found again by its JSON text. A list or object met before is found
 * by itself first: rows decoded from the cache share its lists and objects (decodeRow), so
 * writing the cache again after a catch-up no longer turns every row's fields into JSON.
 */
class Table<T> {
  private readonly seen = new Map<string, number>();
  private readonly met = new Map<T, number>();
  constructor(readonly values: T[]) {}

  indexOf(value: T): number {
    if (typeof value === 'string') return this.byText(value, value);
    let index = this.met.get(value);
    if (index === undefined) this.met.set(value, (index = this.byText(JSON.stringify(value), value)));
    return index;
  }

  private byText(text: string, value: T): number {
    let index = this.seen.get(text);
    if (index === undefined) this.seen.set(text, (index = this.values.push(value) - 1));
    return index;
  }
}

/** Builds the columns one file at a time, so no second copy of every record is ever held. */
export class CacheWriter {
  private readonly data: Omit<CacheData, 'keysText'> = {
    version: CACHE_VERSION,
    index: null,
    head: null,
    names: [],
    tagLists: [],
    fieldSets: [],
    paths: [],
    types: [],
    authors: [],
    dates: [],
    tags: [],
    fields: [],
  };
  private readonly names = new Table(this.data.names);
  private readonly tagLists = new Table(this.data.tagLists);
  private readonly fieldSets = new Table(this.data.fieldSets);
  private readonly keys: string[] = [];

  add(key: string, file: CachedFile): void {
    const { entry, problem } = file;
    this.keys.push(key);
    this.data.paths.push(entry ? entry.relPath : problem.relPath);
    this.data.types.push(entry ? this.names.indexOf(entry.type) : -1);
    this.data.authors.push(this.names.indexOf(entry ? entry.author : problem.reason));
    this.data.dates.push(entry ? entry.date : '');
    this.data.tags.push(entry ? this.tagLists.indexOf(entry.tags) : -1);
    this.data.fields.push(entry ? this.fieldSets.indexOf(entry.fields) : -1);
  }

  /** The file's text: the columns on the first line, the keys on the second. */
  finish(index: string | null, head: string | null = null): string {
    return `${JSON.stringify({ ...this.data, index, head: index === null ? null : head })}\n${JSON.stringify(this.keys)}`;
  }
}
