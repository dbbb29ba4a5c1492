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
const CACHE_VERSION = 1;

export type FrontMatter = Omit<Entry, 'body'>;

export interface CachedEntry extends EntryFile {
  /** undefined when the file is not a well-formed entry; `problem` says why */
  front?: FrontMatter;
  problem?: string;
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
}

interface CacheData {
  version: number;
  records: Record<string, CacheRecord>;
}

async function readCache(journalDir: string): Promise<Map<string, CacheRecord>> {
  try {
    const text = await readTextIfExists(path.join(journalDir, CACHE_FILE));
    if (text === undefined) return new Map();
    const data = JSON.parse(text) as Partial<CacheData>;
    if (data.version !== CACHE_VERSION || typeof data.records !== 'object' || data.records === null) return new Map();
    return new Map(Object.entries(data.records));
  } catch {
    return new Map(); // a damaged cache is only a cache: rebuild it
  }
}

async function statKey(file: string): Promise<string> {
  const stat = await fs.stat(file, { bigint: true });
  return `stat:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

async function parseFront(journalDir: string, relPath: string): Promise<Pick<CacheRecord, 'front' | 'problem'>> {
  try {
    const { body: _body, ...front } = parseEntry(await fs.readFile(path.join(journalDir, relPath), 'utf8'), relPath);
    return { front };
  } catch (error) {
    if (error instanceof EntryFormatError) return { problem: error.message };
    throw error;
  }
}

/**
 * The front matter of every entry, from the cache where it is still valid and from the files
 * where it is not; the cache file is rewritten when anything changed.
 */
export async function readAllFrontMatter(journalDir: string): Promise<FrontMatterIndex> {
  const [files, cached, index] = await Promise.all([listEntryFiles(journalDir), readCache(journalDir), cleanBlobIds(journalDir, ENTRIES_DIR)]);
  const records: Record<string, CacheRecord> = {};
  let parsed = 0;
  let reused = 0;
  const entries: CachedEntry[] = [];
  for (const file of files) {
    const blob = index?.clean.get(file.relPath);
    const key = blob ? `blob:${blob}` : await statKey(path.join(journalDir, file.relPath));
    let record = cached.get(file.relPath);
    if (record?.key === key) {
      reused++;
    } else {
      record = { key, ...(await parseFront(journalDir, file.relPath)) };
      parsed++;
    }
    records[file.relPath] = record;
    entries.push({ ...file, front: record.front, problem: record.problem });
  }
  // Rewrite when a record was parsed or one was dropped (its file is gone).
  if (parsed > 0 || cached.size !== reused) {
    const data: CacheData = { version: CACHE_VERSION, records };
    try {
      await writeFileAtomic(path.join(journalDir, CACHE_FILE), JSON.stringify(data));
    } catch {
      // Only a cache: a read-only or full disk makes the next call slower, never this one fail.
    }
  }
  return { entries, parsed, reused };
}
