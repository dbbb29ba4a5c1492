import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEntry, EntryFormatError } from './entry.js';
import { checkCache, decodeRow, decodeRows, encodeCache, type CacheData, type CacheRow } from './cache-format.js';
import { checkEntries, cleanBlobIds, type WorktreeCheck } from './git-index.js';
import { STATE_DIR } from './journal.js';
import { ENTRIES_DIR, entryId } from './naming.js';
import { listEntryFiles } from './read.js';
import { writeFileAtomic } from './store.js';
import type { EntrySummary, SkippedFile } from './summaries.js';

/**
 * A local cache of every entry's parsed front matter, for commands that must look at all
 * entries (stats, status). It lives in .intimacy/cache/ (git-ignored: this machine only) and
 * is never trusted blindly.
 *
 * Each record carries the key of the file it was parsed from: git's blob id when git says the
 * file on disk is what its index records (the common case: committed entries), and the file's
 * size, change times and inode otherwise (new, edited or uncommitted files, or no git at all).
 * A record whose key no longer matches is parsed again.
 *
 * Checking 10,000 keys costs a listing of every folder and of git's whole index, so the cache
 * also records the checksum of git's index when every record was keyed by a blob id. While
 * that checksum is unchanged and git finds no file under entries/ that differs from the index,
 * the records are used as they are, without listing anything (see checkWorktree).
 */
export const CACHE_FILE = `${STATE_DIR}/cache/front-matter.json`;

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
}

/**
 * Read at once, not in the async chunks of fs.promises: the parse then runs while git is
 * still looking at the files (readAllFrontMatter), instead of after it.
 */
function readCache(journalDir: string): CacheData | undefined {
  try {
    return checkCache(JSON.parse(readFileSync(path.join(journalDir, CACHE_FILE), 'utf8')));
  } catch {
    return undefined; // missing or damaged: a cache is only a cache, rebuild it
  }
}

function addRow(index: FrontMatterIndex, row: CacheRow): void {
  const relPath = row[0];
  if (row[2] === null) index.skipped.push({ relPath, reason: row[3] });
  else index.entries.push({ id: entryId(relPath), relPath, type: row[2], author: row[3], date: row[4], tags: row[5], fields: row[6] });
}

/** The whole cache as summaries, or undefined when a row does not decode. */
function decodeAll(cached: CacheData): FrontMatterIndex | undefined {
  const answer: FrontMatterIndex = { entries: [], skipped: [], parsed: 0, reused: cached.paths.length, wholeJournal: true };
  for (let i = 0; i < cached.paths.length; i++) if (!decodeRow(cached, i, answer.entries, answer.skipped)) return undefined;
  return answer;
}

async function statKey(file: string): Promise<string> {
  const stat = await fs.stat(file, { bigint: true });
  return `stat:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

/** The row for a file read now; undefined for a read error (permissions, a vanished file), which is never cached. */
async function parseRow(journalDir: string, relPath: string, key: string): Promise<{ row: CacheRow; transient: boolean }> {
  try {
    const { type, author, date, tags, fields } = parseEntry(await fs.readFile(path.join(journalDir, relPath), 'utf8'), relPath);
    return { row: [relPath, key, type, author, date, tags, fields], transient: false };
  } catch (error) {
    if (error instanceof EntryFormatError) return { row: [relPath, key, null, error.reason], transient: false };
    return { row: [relPath, key, null, error instanceof Error ? error.message : String(error)], transient: true };
  }
}

/** File by file: each cached row is used only while its key still matches the file. */
async function checkEachFile(journalDir: string, cached: CacheData | undefined, checksum: string | undefined): Promise<FrontMatterIndex> {
  const [files, index] = await Promise.all([listEntryFiles(journalDir), cleanBlobIds(journalDir, ENTRIES_DIR)]);
  const byPath = new Map<string, CacheRow>();
  const previous = cached ? decodeRows(cached) : [];
  for (const row of previous) byPath.set(row[0], row);
  const answer: FrontMatterIndex = { entries: [], skipped: [], parsed: 0, reused: 0, wholeJournal: false };
  const rows: CacheRow[] = [];
  let allBlobs = true;
  for (const file of files) {
    const blob = index?.clean.get(file.relPath);
    const key = blob ? `blob:${blob}` : await statKey(path.join(journalDir, file.relPath)).catch(() => undefined);
    let row = byPath.get(file.relPath);
    let transient = false;
    if (key !== undefined && row?.[1] === key) {
      answer.reused++;
    } else {
      ({ row, transient } = await parseRow(journalDir, file.relPath, key ?? ''));
      answer.parsed++;
    }
    if (key !== undefined && !transient) rows.push(row);
    allBlobs &&= blob !== undefined && !transient;
    addRow(answer, row);
  }
  // The checksum was read before git listed the index, so it can only be older than the rows.
  const stored = allBlobs && checksum !== undefined ? checksum : null;
  // Rewrite when a row was parsed or dropped (its file is gone or unreadable), or the checksum moved.
  if (answer.parsed > 0 || previous.length !== answer.reused || (cached?.index ?? null) !== stored) {
    try {
      await writeFileAtomic(path.join(journalDir, CACHE_FILE), JSON.stringify(encodeCache(rows, stored)));
    } catch {
      // Only a cache: a read-only or full disk makes the next call slower, never this one fail.
    }
  }
  return answer;
}

/**
 * The front matter of every entry, from the cache where it is still valid and from the files
 * where it is not; the cache file is rewritten when anything changed. `worktree` is the
 * caller's checkWorktree of entries/, when it started one early.
 */
export async function readAllFrontMatter(journalDir: string, worktree?: Promise<WorktreeCheck | undefined>): Promise<FrontMatterIndex> {
  const checking = worktree ?? checkEntries(journalDir); // git first, so it runs during the parse
  const cached = readCache(journalDir);
  const check = await checking;
  if (cached && check?.matchesIndex && cached.index === check.checksum) {
    const answer = decodeAll(cached);
    if (answer) return answer;
    return checkEachFile(journalDir, undefined, check.checksum);
  }
  return checkEachFile(journalDir, cached, check?.checksum);
}
