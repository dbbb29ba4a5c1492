import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseEntry, EntryFormatError, type Entry } from './entry.js';
import { cleanBlobIds } from './git-index.js';
import { STATE_DIR } from './journal.js';
import { ENTRIES_DIR } from './naming.js';
import { listEntryFiles, type EntryFile } from './read.js';
import { readTextIfExists, writeFileAtomic } from './store.js';

/**
 * A local cache of every entry's parsed front matter, for commands that must look at all
 * entries (stats, status). It lives in .intimacy/cache/ (git-ignored: this machine only) and
 * is never trusted blindly: each record carries the key of the file it was parsed from, and a
 * record whose key no longer matches is parsed again.
 *
 * The key is git's blob id when git says the file on disk is what its index records (the
 * common case: committed entries), and the file's size, change times and inode otherwise
 * (new, edited or uncommitted files, or no git at all).
 */
export const CACHE_FILE = `${STATE_DIR}/cache/front-matter.json`;
const CACHE_VERSION = 3;

export type FrontMatter = Omit<Entry, 'body'>;

export interface CachedEntry extends EntryFile {
  /** undefined when the file is not a well-formed entry or could not be read; `problem` says why */
  front?: FrontMatter;
  /** the whole message, naming the file (and line) */
  problem?: string;
  /** the same without the file name, for lists that name the file themselves */
  reason?: string;
}

export interface FrontMatterIndex {
  /** every entry file, oldest first */
  entries: CachedEntry[];
  /** how many files were read and parsed this time, and how many came from the cache */
  parsed: number;
  reused: number;
}

interface CacheRecord {
  key: string;
  front?: FrontMatter;
  problem?: string;
  reason?: string;
  /** a read error (permissions, a vanished file), not a verdict on the content: never cached */
  transient?: boolean;
}

/**
 * On disk, one row per file: [relPath, key, type, author, date, tags, fields] for an entry,
 * [relPath, key, null, problem, reason] for a malformed file. Rows rather than objects keep the
 * file about a fifth smaller and JSON.parse correspondingly quicker (see BENCHMARKS.md).
 */
type CacheRow = [string, string, string, string, string, string[], Record<string, unknown>] | [string, string, null, string, string];

interface CacheData {
  version: number;
  rows: CacheRow[];
}

function toRow(relPath: string, record: CacheRecord): CacheRow {
  const front = record.front;
  return front ? [relPath, record.key, front.type, front.author, front.date, front.tags, front.fields] : [relPath, record.key, null, record.problem ?? '', record.reason ?? ''];
}

async function readCache(journalDir: string): Promise<Map<string, CacheRecord>> {
  const records = new Map<string, CacheRecord>();
  try {
    const text = await readTextIfExists(path.join(journalDir, CACHE_FILE));
    if (text === undefined) return records;
    const data = JSON.parse(text) as Partial<CacheData>;
    if (data.version !== CACHE_VERSION || !Array.isArray(data.rows)) return records;
    for (const row of data.rows) {
      if (row[2] === null) records.set(row[0], { key: row[1], problem: row[3], reason: row[4] });
      else records.set(row[0], { key: row[1], front: { type: row[2], author: row[3], date: row[4], tags: row[5], fields: row[6] } });
    }
    return records;
  } catch {
    return new Map(); // a damaged cache is only a cache: rebuild it
  }
}

async function statKey(file: string): Promise<string> {
  const stat = await fs.stat(file, { bigint: true });
  return `stat:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

async function parseFront(journalDir: string, relPath: string): Promise<Omit<CacheRecord, 'key'>> {
  try {
    const { body: _body, ...front } = parseEntry(await fs.readFile(path.join(journalDir, relPath), 'utf8'), relPath);
    return { front };
  } catch (error) {
    if (error instanceof EntryFormatError) return { problem: error.message, reason: error.reason };
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `${relPath}: ${reason}`, reason, transient: true };
  }
}

/**
 * The front matter of every entry, from the cache where it is still valid and from the files
 * where it is not; the cache file is rewritten when anything changed.
 */
export async function readAllFrontMatter(journalDir: string): Promise<FrontMatterIndex> {
  const [files, cached, index] = await Promise.all([listEntryFiles(journalDir), readCache(journalDir), cleanBlobIds(journalDir, ENTRIES_DIR)]);
  const rows: CacheRow[] = [];
  let parsed = 0;
  let reused = 0;
  const entries: CachedEntry[] = [];
  for (const file of files) {
    const blob = index?.clean.get(file.relPath);
    const key = blob ? `blob:${blob}` : await statKey(path.join(journalDir, file.relPath)).catch(() => undefined);
    let record = cached.get(file.relPath);
    if (key !== undefined && record?.key === key) {
      reused++;
    } else {
      record = { key: key ?? '', ...(await parseFront(journalDir, file.relPath)) };
      parsed++;
    }
    if (key !== undefined && !record.transient) rows.push(toRow(file.relPath, record));
    entries.push({ ...file, front: record.front, problem: record.problem, reason: record.reason });
  }
  // Rewrite when a record was parsed or one was dropped (its file is gone or unreadable).
  if (parsed > 0 || cached.size !== reused) {
    const data: CacheData = { version: CACHE_VERSION, rows };
    try {
      await writeFileAtomic(path.join(journalDir, CACHE_FILE), JSON.stringify(data));
    } catch {
      // Only a cache: a read-only or full disk makes the next call slower, never this one fail.
    }
  }
  return { entries, parsed, reused };
}
