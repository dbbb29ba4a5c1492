import type { Git } from '../git/git.js';
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
import { parseFile } from './cache-rebuild.js';
import { byId } from './entry-folders.js';
import { writeCacheFile } from './files.js';
import { ENTRIES_DIR, entryId, isEntryPath } from './naming.js';
import type { WorktreeCheck } from './worktree-check.js';

/**
 * The cache made for one commit, brought up to the commit HEAD is at now. After a write or a
 * sync every row but the few files that commit touched is still good, and one `git diff --raw`
 * between the two commits says which, where the file-by-file check would list and compare all
 * 10,000 (the first status after every entry was the slow one). Only used when entries/ on disk
 * and in the index are exactly what HEAD records (`cleanHead`), so each changed file on disk is
 * the blob git names for it. Undefined when git cannot answer (the old commit is gone, say)
 * or a file cannot be read: the caller then checks file by file.
 */
export async function catchUp(
  git: Git,
  cached: CacheData,
  from: string,
  check: WorktreeCheck & { cleanHead: string },
): Promise<FrontMatterIndex | undefined> {
  const journalDir = git.dir;
  const diff = await git.run([
    'diff',
    '--raw',
    '-z',
    '--no-renames',
    '--no-abbrev',
    from,
    check.cleanHead,
    '--',
    ENTRIES_DIR,
  ]);
  if (diff.code !== 0) return undefined;
  const keys = cacheKeys(cached);
  if (keys.length !== cached.paths.length) return undefined;
  const rows = new Map<string, { key: string; file: CachedFile }>();
  for (let i = 0; i < cached.paths.length; i++) {
    const file = decodeRow(cached, i);
    if (!file) return undefined;
    rows.set(cached.paths[i]!, { key: keys[i]!, file });
  }
  let parsed = 0;
  const fields = diff.stdout.toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    // ":<old mode> <new mode> <old blob> <new blob> <status>", then the path
    const [, mode, , blob, status] = fields[i]!.split(' ');
    const relPath = fields[i + 1]!;
    rows.delete(relPath);
    // Gone, or not something the folder listing would take for an entry (links, strays, hidden files).
    if (status === 'D' || !isEntryPath(relPath) || !/^100(644|755)$/.test(mode ?? '')) continue;
    const { file, transient } = await parseFile(journalDir, { id: entryId(relPath), relPath });
    if (transient) return undefined;
    rows.set(relPath, { key: `blob:${blob}`, file });
    parsed++;
  }
  // Oldest first, as the folder listing gives them.
  const ordered = [...rows.entries()].map(([relPath, row]) => ({ id: entryId(relPath), ...row })).sort(byId);
  const answer: FrontMatterIndex = {
    entries: [],
    skipped: [],
    parsed,
    reused: ordered.length - parsed,
    wholeJournal: true,
    vouchedBy: check.checksum,
  };
  const writer = new CacheWriter();
  for (const row of ordered) {
    addFile(answer, row.file);
    writer.add(row.key, row.file);
  }
  try {
    await writeCacheFile(journalDir, CACHE_FILE, writer.finish(check.checksum, check.cleanHead));
  } catch {
    // Only a cache: the next call catches up again.
  }
  return answer;
}
