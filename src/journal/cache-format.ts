import { entryId } from './naming.js';
import type { EntrySummary, SkippedFile } from './summaries.js';

/**
 * The front matter cache on disk (see cache.ts for when it is trusted). In memory, one row per
 * file: [relPath, key, type, author, date, tags, fields] for an entry, [relPath, key, null,
 * reason] for a malformed file. On disk, columns: a journal of 10,000 entries names a handful of
 * types and authors and repeats the same few field sets and tag lists thousands of times, so
 * each is stored once and rows point at it. That keeps the file small and JSON.parse quick, and
 * the summaries share those strings, lists and objects instead of making 10,000 copies of each
 * (status spent more time collecting garbage than tracking rituals). Nothing downstream changes
 * a summary's fields or tags.
 */
export type EntryRow = [string, string, string, string, string, string[], Record<string, unknown>];
export type ProblemRow = [string, string, null, string];
export type CacheRow = EntryRow | ProblemRow;

export const CACHE_VERSION = 5;

export interface CacheData {
  version: number;
  /** git's index checksum when every row is keyed by a blob id, else null */
  index: string | null;
  /** the distinct types and authors, and for a malformed file the reason */
  names: string[];
  tagLists: string[][];
  fieldSets: Array<Record<string, unknown>>;
  paths: string[];
  /** one key per row, joined by newlines: one long string parses quickly, and keys are read only when checking file by file */
  keys: string;
  /** index into names; -1 marks a malformed file */
  types: number[];
  /** index into names: the author, or for a malformed file the reason */
  authors: number[];
  dates: string[];
  tags: number[];
  fields: number[];
}

function table<T>(values: T[]): { indexOf: (value: T) => number } {
  const seen = new Map<string, number>();
  return {
    indexOf(value: T): number {
      const text = JSON.stringify(value);
      let index = seen.get(text);
      if (index === undefined) seen.set(text, (index = values.push(value) - 1));
      return index;
    },
  };
}

export function encodeCache(rows: CacheRow[], index: string | null): CacheData {
  const data: CacheData = { version: CACHE_VERSION, index, names: [], tagLists: [], fieldSets: [], paths: [], keys: '', types: [], authors: [], dates: [], tags: [], fields: [] };
  const names = table(data.names);
  const tagLists = table(data.tagLists);
  const fieldSets = table(data.fieldSets);
  for (const row of rows) {
    data.paths.push(row[0]);
    if (row[2] === null) {
      data.types.push(-1);
      data.authors.push(names.indexOf(row[3]));
      data.dates.push('');
      data.tags.push(-1);
      data.fields.push(-1);
    } else {
      data.types.push(names.indexOf(row[2]));
      data.authors.push(names.indexOf(row[3]));
      data.dates.push(row[4]);
      data.tags.push(tagLists.indexOf(row[5]));
      data.fields.push(fieldSets.indexOf(row[6]));
    }
  }
  data.keys = rows.map((row) => row[1]).join('\n');
  return data;
}

/** The parsed file if it has this version's shape; undefined for anything else. */
export function checkCache(data: unknown): CacheData | undefined {
  const cache = data as Partial<CacheData> | null;
  if (cache?.version !== CACHE_VERSION) return undefined;
  const columns = [cache.paths, cache.types, cache.authors, cache.dates, cache.tags, cache.fields];
  if (!columns.every((column) => Array.isArray(column) && column.length === cache.paths?.length)) return undefined;
  if (!Array.isArray(cache.names) || !Array.isArray(cache.tagLists) || !Array.isArray(cache.fieldSets) || typeof cache.keys !== 'string') return undefined;
  return { ...cache, index: typeof cache.index === 'string' ? cache.index : null } as CacheData;
}

/**
 * Row `i` as a summary or a skipped file, sharing the cache's strings, lists and objects; false
 * when the row points outside the tables (a damaged file: rebuild).
 */
export function decodeRow(data: CacheData, i: number, entries: EntrySummary[], skipped: SkippedFile[]): boolean {
  const relPath = data.paths[i];
  const type = data.types[i]!;
  const author = data.names[data.authors[i]!];
  if (typeof relPath !== 'string' || typeof author !== 'string') return false;
  if (type < 0) {
    skipped.push({ relPath, reason: author });
    return true;
  }
  const entry = { id: entryId(relPath), relPath, type: data.names[type], author, date: data.dates[i], tags: data.tagLists[data.tags[i]!], fields: data.fieldSets[data.fields[i]!] };
  if (typeof entry.type !== 'string' || typeof entry.date !== 'string' || !Array.isArray(entry.tags) || typeof entry.fields !== 'object' || entry.fields === null) return false;
  entries.push(entry as EntrySummary);
  return true;
}

/** Every row with its key, for checking file by file; a row that does not decode is left out (parsed again). */
export function decodeRows(data: CacheData): CacheRow[] {
  const keys = data.keys.split('\n');
  const rows: CacheRow[] = [];
  const entries: EntrySummary[] = [];
  const skipped: SkippedFile[] = [];
  for (let i = 0; i < data.paths.length; i++) {
    if (!decodeRow(data, i, entries, skipped)) continue;
    const key = keys[i] ?? '';
    const entry = entries.pop();
    const problem = skipped.pop();
    if (entry) rows.push([entry.relPath, key, entry.type, entry.author, entry.date, entry.tags, entry.fields]);
    else if (problem) rows.push([problem.relPath, key, null, problem.reason]);
  }
  return rows;
}
