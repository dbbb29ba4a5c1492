import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEntry, EntryFormatError } from './entry.js';
import { CacheWriter, checkCache, decodeRow, type CacheData, type CachedFile } from './cache-format.js';
import { checkEntries, cleanBlobIds, type WorktreeCheck } from './git-index.js';
import { STATE_DIR } from './journal.js';
import { ENTRIES_DIR } from './naming.js';
import { listEntryFiles, type EntryFile } from './read.js';
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

function addFile(index: FrontMatterIndex, file: CachedFile): void {
  if (file.entry) index.entries.push(file.entry);
  else index.skipped.push(file.problem);
}

/** The whole cache as summaries, or undefined when a row does not decode. */
function decodeAll(cached: CacheData): FrontMatterIndex | undefined {
  const answer: FrontMatterIndex = { entries: [], skipped: [], parsed: 0, reused: cached.paths.length, wholeJournal: true };
  for (let i = 0; i < cached.paths.length; i++) {
    const file = decodeRow(cached, i);
    if (!file) return undefined;
    addFile(answer, file);
  }
  return answer;
}

async function statKey(file: string): Promise<string> {
  const stat = await fs.stat(file, { bigint: true });
  return `stat:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

/** A file read now; `transient` for a read error (permissions, a vanished file), which is never cached. */
async function parseFile(journalDir: string, file: EntryFile): Promise<{ file: CachedFile; transient: boolean }> {
  const { id, relPath } = file;
  try {
    const { type, author, date, tags, fields } = parseEntry(await fs.readFile(path.join(journalDir, relPath), 'utf8'), relPath);
    return { file: { entry: { id, relPath, type, author, date, tags, fields } }, transient: false };
  } catch (error) {
    if (error instanceof EntryFormatError) return { file: { problem: { relPath, reason: error.reason } }, transient: false };
    return { file: { problem: { relPath, reason: error instanceof Error ? error.message : String(error) } }, transient: true };
  }
}

/** File by file: each cached row is used only while its key still matches the file. */
async function checkEachFile(journalDir: string, cached: CacheData | undefined, checksum: string | undefined): Promise<FrontMatterIndex> {
  const [files, index] = await Promise.all([listEntryFiles(journalDir), cleanBlobIds(journalDir, ENTRIES_DIR)]);
  const rowOf = new Map<string, number>();
  cached?.paths.forEach((relPath, i) => rowOf.set(relPath, i));
  const keys = cached ? cached.keys.split('\n') : [];
  const answer: FrontMatterIndex = { entries: [], skipped: [], parsed: 0, reused: 0, wholeJournal: false };
  const writer = new CacheWriter();
  let written = 0;
  let allBlobs = true;
  for (const file of files) {
    const blob = index?.clean.get(file.relPath);
    const key = blob ? `blob:${blob}` : await statKey(path.join(journalDir, file.relPath)).catch(() => undefined);
    const row = rowOf.get(file.relPath);
    let found = key !== undefined && row !== undefined && keys[row] === key ? decodeRow(cached!, row) : undefined;
    let transient = false;
    if (found) answer.reused++;
    else {
      ({ file: found, transient } = await parseFile(journalDir, file));
      answer.parsed++;
    }
    if (key !== undefined && !transient) {
      writer.add(key, found);
      written++;
    }
    allBlobs &&= blob !== undefined && !transient;
    addFile(answer, found);
  }
  // The checksum was read before git listed the index, so it can only be older than the rows.
  const stored = allBlobs && checksum !== undefined ? checksum : null;
  // Rewrite when a row was parsed or dropped (its file is gone or unreadable), or the checksum moved.
  if (answer.parsed > 0 || (cached?.paths.length ?? 0) !== written || (cached?.index ?? null) !== stored) {
    try {
      await writeFileAtomic(path.join(journalDir, CACHE_FILE), JSON.stringify(writer.finish(stored)));
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
