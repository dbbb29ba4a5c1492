import path from 'node:path';
import { FileProblem } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import type { Git } from '../git/git.js';
import { cleanBlobIds } from '../git/index-file.js';
import {
  addFile,
  CACHE_FILE,
  type CacheData,
  type CachedFile,
  CacheWriter,
  cacheKeys,
  decodeRow,
  type FrontMatterIndex,
} from './cache-format.js';
import { parseEntry } from './entry.js';
import { listEntryFiles, readEntryText } from './entry-files.js';
import type { EntryFile } from './entry-folders.js';
import { writeCacheFile } from './files.js';
import { ENTRIES_DIR } from './naming.js';
import type { WorktreeCheck } from './worktree-check.js';

/**
 * The front matter cache checked file by file, for when git's index checksum cannot vouch for
 * it as a whole (see cache.ts), and rebuilt. Its own module: the everyday path never loads the
 * entry parser, the folder listing or the atomic writer.
 */
async function statKey(file: string): Promise<string> {
  const stat = await fs.lstat(file, { bigint: true });
  return `stat:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

/** A file read now; `transient` for a read error (permissions, a vanished file), which is never cached. */
export async function parseFile(
  journalDir: string,
  file: Pick<EntryFile, 'id' | 'relPath'>,
): Promise<{ file: CachedFile; transient: boolean }> {
  const { id, relPath } = file;
  try {
    const { type, author, date, tags, fields } = parseEntry(await readEntryText(journalDir, file), relPath);
    return { file: { entry: { id, relPath, type, author, date, tags, fields } }, transient: false };
  } catch (error) {
    if (error instanceof FileProblem) return { file: { problem: { relPath, reason: error.reason } }, transient: false };
    return {
      file: { problem: { relPath, reason: error instanceof Error ? error.message : String(error) } },
      transient: true,
    };
  }
}

/** File by file: each cached row is used only while its key still matches the file. */
export async function checkEachFile(
  git: Git,
  cached: CacheData | undefined,
  check: WorktreeCheck | undefined,
): Promise<FrontMatterIndex> {
  const journalDir = git.dir;
  const checksum = check?.checksum;
  const [files, index] = await Promise.all([
    listEntryFiles(journalDir),
    cleanBlobIds(git, ENTRIES_DIR, check?.offIndex),
  ]);
  const rowOf = new Map<string, number>();
  for (const [i, relPath] of (cached?.paths ?? []).entries()) rowOf.set(relPath, i);
  const keys = cached ? cacheKeys(cached) : [];
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
  // So was HEAD: a commit made meanwhile is caught up again, harmlessly (cache-catch-up.ts).
  const head = stored !== null ? (check?.cleanHead ?? null) : null;
  if (stored !== null && check?.matchesIndex) answer.vouchedBy = stored;
  // Rewrite when a row was parsed or dropped (its file is gone or unreadable), or the checksum moved.
  if (
    answer.parsed > 0 ||
    (cached?.paths.length ?? 0) !== written ||
    (cached?.index ?? null) !== stored ||
    (cached?.head ?? null) !== head
  ) {
    try {
      await writeCacheFile(journalDir, CACHE_FILE, writer.finish(stored, head));
    } catch {
      // Only a cache: a read-only or full disk makes the next call slower, never this one fail.
    }
  }
  return answer;
}
