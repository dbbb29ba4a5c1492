import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MONTH_FOLDER, YEAR_FOLDER } from './entry-folders.js';
import { ENTRIES_DIR } from './naming.js';

/*
 * The entry folders as they stand: entries/, each year folder and each month folder, each by
 * its inode, modification time and change time. A file added, removed or renamed in a folder
 * changes that folder's time, and a new month or year changes its parent's, so an unchanged
 * stamp says that the same entry files are there (not that none was edited in place: see
 * app/prompt-memo.ts). The change time is in it because the modification time can be set back
 * (rsync -a, tar, cp -a and touch put a folder's old time back after changing what it holds);
 * the change time cannot, as git's index keeps both for the same reason.
 * Only the folders are looked at, never the thousands of files in them.
 */

/** folder (relative, forward slashes) → "inode:mtime in ns:ctime in ns" */
export type FolderStamp = Record<string, string>;

/**
 * A folder changed this little before git began its look may have changed during it, unseen
 * (git's own "racily clean" rule): its time alone vouches for nothing. Two seconds covers the
 * coarse clock file times are taken from, and a file server's clock a little behind ours.
 * The modification time is the one to judge by: a change while git looked sets it to then.
 * Such a folder is "racy": the stamp keeps it only with the names git's index holds there,
 * checked against the folder's own names on every use (as git checks a racily clean file's
 * content), which is what a prompt right after a write needs.
 */
const RACY_MS = 2000;

/** Changed within this of git's look, or after it: in doubt even by its names (a rewrite keeps them). */
const DURING_LOOK_MS = 50;

function stampOf(full: string): { stamp: string; mtimeMs: number } | undefined {
  const stat = lstatSync(full, { bigint: true });
  if (!stat.isDirectory()) return undefined;
  return { stamp: `${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`, mtimeMs: Number(stat.mtimeNs / 1_000_000n) };
}

export interface FoldersStamped {
  stamp: FolderStamp;
  /** the folders that changed shortly before `lookedAt`: kept only with their names (see RACY_MS) */
  racy: string[];
}

/**
 * The stamp of the entry folders, when every one of them last changed before `lookedAt` (ms,
 * this machine's clock: when git began to look at the files); undefined when one changed
 * since, when entries/ is missing or not a folder, or on any error.
 */
export function stampEntryFolders(journalDir: string, lookedAt: number): FoldersStamped | undefined {
  try {
    const stamp: FolderStamp = {};
    const racy: string[] = [];
    const add = (rel: string): boolean => {
      const found = stampOf(path.join(journalDir, rel));
      if (found === undefined || found.mtimeMs >= lookedAt - DURING_LOOK_MS) return false;
      if (found.mtimeMs >= lookedAt - RACY_MS) racy.push(rel);
      stamp[rel] = found.stamp;
      return true;
    };
    const folders = (rel: string, pattern: RegExp) =>
      readdirSync(path.join(journalDir, rel), { withFileTypes: true })
        .filter((item) => item.isDirectory() && pattern.test(item.name))
        .map((item) => `${rel}/${item.name}`);
    if (!add(ENTRIES_DIR)) return undefined;
    for (const year of folders(ENTRIES_DIR, YEAR_FOLDER)) {
      if (!add(year)) return undefined;
      for (const month of folders(year, MONTH_FOLDER)) if (!add(month)) return undefined;
    }
    return { stamp, racy };
  } catch {
    return undefined;
  }
}

/** entries/, entries/YYYY or entries/YYYY/MM: what a stamp read back from disk may name. */
const STAMPED = /^entries(?:\/\d{4}(?:\/\d{2})?)?$/;

/** Whether `rel` may be a stamped folder (a stamp read back from disk names nothing else). */
export function isStampedFolder(rel: string): boolean {
  return STAMPED.test(rel);
}

/**
 * What a folder holds, by name, hidden ones aside (they are neither entries nor strays), in
 * the order indexedNames gives; undefined when it is not a folder (or a link to one).
 */
export function folderNames(journalDir: string, rel: string): string[] | undefined {
  try {
    const full = path.join(journalDir, rel);
    if (!lstatSync(full).isDirectory()) return undefined;
    return readdirSync(full)
      .filter((name) => !name.startsWith('.'))
      .sort();
  } catch {
    return undefined;
  }
}

/** Whether every folder of `stamp` is still there, the same folder, unchanged. */
export function foldersUnchanged(journalDir: string, stamp: FolderStamp): boolean {
  try {
    const folders = Object.keys(stamp);
    if (!folders.includes(ENTRIES_DIR) || !folders.every(isStampedFolder)) return false;
    return folders.every((rel) => stampOf(path.join(journalDir, rel))?.stamp === stamp[rel]);
  } catch {
    return false;
  }
}
