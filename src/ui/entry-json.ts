import type { LineMatch } from '../reading/search.js';
import type { Entry } from '../store/entry.js';
import type { EntryFile } from '../store/entry-folders.js';
import { excerpt } from './entry-view.js';

/**
 * The --json shapes of log, show, grep and export. They are a promise to scripts (and are
 * documented in the README): fields are only ever added, never renamed or removed.
 * `date` is exactly as written in the entry (ISO 8601 with the writer's UTC offset).
 */
export interface EntrySummaryJson {
  id: string;
  path: string;
  type: string;
  author: string;
  date: string;
  tags: string[];
  excerpt: string;
  /** present (true) only for a private entry: kept on this computer, never shared */
  private?: true;
}

export interface EntryJson extends Omit<EntrySummaryJson, 'excerpt'> {
  fields: Record<string, unknown>;
  body: string;
}

export interface GrepHitJson extends Omit<EntrySummaryJson, 'excerpt'> {
  matches: Array<{ line: number; text: string; ranges: Array<[number, number]> }>;
}

type Item = { file: Pick<EntryFile, 'id' | 'relPath'>; entry: Entry };

function head(item: Item) {
  const { entry, file } = item;
  return {
    id: file.id,
    path: file.relPath,
    type: entry.type,
    author: entry.author,
    date: entry.date,
    tags: entry.tags,
    ...(entry.fields.private === true ? { private: true as const } : {}),
  };
}

export function summaryJson(item: Item): EntrySummaryJson {
  return { ...head(item), excerpt: excerpt(item.entry.body, 200) };
}

export function entryJson(item: Item): EntryJson {
  return { ...head(item), fields: item.entry.fields, body: item.entry.body };
}

export function hitJson(item: Item & { matches: LineMatch[] }): GrepHitJson {
  return { ...head(item), matches: item.matches.map(({ line, text, ranges }) => ({ line, text, ranges })) };
}
