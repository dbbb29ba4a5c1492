import { utcStamp } from '../store/naming.js';

/*
 * Which dated folders can hold a wanted entry, judged by the folder's name alone, so that the
 * others are never listed. A key is `YYYY` (a year folder) or `YYYYMM` (a month folder): an
 * entry is filed under the UTC year and month of the stamp its name (and id) starts with.
 * Pure.
 */

export type FolderTest = (key: string) => boolean;

export const ANY_FOLDER: FolderTest = () => true;

/**
 * Folders that may hold a file whose stamp lies in [since - slack, until + slack]: the same
 * bounds nameMayMatch applies to each name, compared as stamps (which sort as time does).
 */
export function foldersBetween(since: Date | undefined, until: Date | undefined, slackMs: number): FolderTest {
  const low = since ? utcStamp(new Date(since.getTime() - slackMs)) : undefined;
  const high = until ? utcStamp(new Date(until.getTime() + slackMs)) : undefined;
  return (key) =>
    (low === undefined || key >= low.slice(0, key.length)) && (high === undefined || key <= high.slice(0, key.length));
}

/** Folders that may hold ids starting with `prefix` (compared as resolveIdPrefix does). */
export function foldersForPrefix(prefix: string): FolderTest {
  const wanted = prefix.trim().toLowerCase();
  return (key) => {
    const n = Math.min(key.length, wanted.length);
    return key.slice(0, n) === wanted.slice(0, n);
  };
}

export function bothFolders(a: FolderTest, b: FolderTest): FolderTest {
  return (key) => a(key) && b(key);
}
