import type { Dirent } from 'node:fs';
import path from 'node:path';
import { fileCalls } from '../file-calls.js';
import { type EntryName, isEntryName, parseEntryName } from './naming.js';
import { kindOf } from './safe-file.js';

/** An entry file found on disk, known by its name only (nothing read yet). */
export interface EntryFile extends EntryName {
  /** relative to the journal, forward slashes */
  relPath: string;
}

/** A file that could not be read as an entry; reading goes on without it, and never rewrites it. */
export interface EntryProblem {
  relPath: string;
  reason: string;
}

/** A file found where only entries belong; `reason` when it is not a plain file (a link, a pipe). */
export type StrayReport = (relPath: string, reason?: string) => void;

/** How the reason for a link, a pipe or a device among the entries ends. */
export const NOT_FOLLOWED = ', which intimacy never opens or follows';

/** Why a link, a pipe or a device among the entries is left out: it is never opened or followed. */
function notFollowed(item: Dirent): string {
  return `${kindOf(item)}${NOT_FOLLOWED}`;
}

/** Why a folder named like an entry (or a reply) is left out: an entry is a file. */
export const ENTRY_FOLDER_REASON =
  'a folder named like an entry file, and an entry is a file: move what it holds out of it and remove the folder';

export const STRAY_REASON = 'not an entry file name (entries/YYYY/MM/<stamp>-<type>-<author>.md)';

async function folderItems(dir: string): Promise<Dirent[]> {
  try {
    return await fileCalls.readdirInPool(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The year (`YYYY`) or month (`MM`) folders in `under/rel`, as named by `pattern`; the plain
 * files there are strays. Links are not followed; hidden names (temp files of a save in
 * progress, editor swap files) are neither folders nor strays.
 */
export async function datedFolders(
  journalDir: string,
  under: string,
  rel: string,
  pattern: RegExp,
  stray: StrayReport,
): Promise<string[]> {
  const names: string[] = [];
  for (const item of await folderItems(path.join(journalDir, under, rel))) {
    if (item.name.startsWith('.')) continue;
    const relPath = `${under}/${rel === '' ? '' : `${rel}/`}${item.name}`;
    if (item.isDirectory() && pattern.test(item.name)) names.push(item.name);
    else if (item.isFile()) stray(relPath);
    else if (!item.isDirectory()) stray(relPath, notFollowed(item));
  }
  return names;
}

export const YEAR_FOLDER = /^\d{4}$/;
export const MONTH_FOLDER = /^\d{2}$/;

/**
 * The names of the entry files in `under/YYYY/MM`, in listing order; files with other names
 * are strays, and so are folders named like an entry (other folders there are not looked into).
 * Names only, made into entries (entryFileIn) as they are wanted: a listing of a large journal
 * holds tens of thousands, and most are only counted or passed over.
 * With `only`, a name it refuses is passed over unread and unreported (a look for one kind of
 * entry among thousands of names).
 */
export async function monthNames(
  journalDir: string,
  folder: string,
  stray: StrayReport,
  only?: (name: string) => boolean,
): Promise<string[]> {
  const names: string[] = [];
  for (const item of await folderItems(path.join(journalDir, folder))) {
    const name = item.name;
    if (name.charCodeAt(0) === 0x2e /* . */ || (only && !only(name))) continue;
    // The common case first, and a path made only for a stray: a month holds hundreds of entries.
    if (item.isFile() && isEntryName(name)) {
      names.push(name);
      continue;
    }
    const relPath = `${folder}/${name}`;
    if (item.isDirectory()) {
      // git carries a folder of an entry's name (holding a file) as readily as the entry: said, never passed over.
      if (isEntryName(name)) stray(relPath, ENTRY_FOLDER_REASON);
    } else stray(relPath, item.isFile() ? undefined : notFollowed(item));
  }
  return names;
}

/** The entry file `name` (one monthNames gave) in `folder` (`under/YYYY/MM`). */
export function entryFileIn(folder: string, name: string): EntryFile {
  // Completed in place rather than copied.
  return Object.assign(parseEntryName(name) as EntryName, { relPath: `${folder}/${name}` });
}

/** Oldest first by id; ids start with the UTC stamp, so this is time order. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
