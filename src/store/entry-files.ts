import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { EntryFormatError } from '../errors.js';
import { type Entry, parseEntry } from './entry.js';
import {
  byId,
  datedFolders,
  type EntryFile,
  type EntryProblem,
  MONTH_FOLDER,
  monthFiles,
  STRAY_REASON,
  YEAR_FOLDER,
} from './entry-folders.js';
import { ENTRIES_DIR } from './naming.js';

export interface EntryScan {
  /** oldest first */
  files: EntryFile[];
  /** files under entries/ that are not entries (hidden and temp files are not counted) */
  strays: EntryProblem[];
}

/** No entry written by a person comes close; a bigger file is a mistake we should not load. */
export const MAX_ENTRY_BYTES = 1024 * 1024;

/**
 * Every entry file under entries/YYYY/MM/ (or another folder laid out the same way, such as
 * the private entries'), oldest first, from folder listings alone, plus the stray files found
 * on the way. Reading commands walk newest first instead (walk.ts) and stop early.
 */
export async function scanEntryFiles(journalDir: string, under = ENTRIES_DIR): Promise<EntryScan> {
  const files: EntryFile[] = [];
  const strays: EntryProblem[] = [];
  const stray = (relPath: string) => strays.push({ relPath, reason: STRAY_REASON });
  for (const year of await datedFolders(journalDir, under, '', YEAR_FOLDER, stray)) {
    for (const month of await datedFolders(journalDir, under, year, MONTH_FOLDER, stray)) {
      files.push(...(await monthFiles(journalDir, under, year, month, stray)));
    }
  }
  files.sort(byId);
  return { files, strays };
}

/** Every entry file under entries/YYYY/MM/, oldest first, from folder listings alone. */
export async function listEntryFiles(journalDir: string): Promise<EntryFile[]> {
  return (await scanEntryFiles(journalDir)).files;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of an entry file, refusing what is not a readable entry (empty, huge, not UTF-8)
 * with an EntryFormatError naming the file, so one bad file never stops a listing.
 */
export async function readEntryText(journalDir: string, file: Pick<EntryFile, 'relPath'>): Promise<string> {
  // Synchronous calls on purpose: for many small files one open/fstat/read/close each is
  // several times faster than the promise API's trips through the thread pool.
  const fd = openSync(path.join(journalDir, file.relPath), 'r');
  let bytes: Buffer;
  try {
    const { size } = fstatSync(fd);
    if (size === 0) throw new EntryFormatError(file.relPath, undefined, 'the file is empty');
    if (size > MAX_ENTRY_BYTES) {
      throw new EntryFormatError(
        file.relPath,
        undefined,
        `the file is too big for an entry (${Math.round(size / 1024)} KiB, at most ${MAX_ENTRY_BYTES / 1024} KiB)`,
      );
    }
    bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const n = readSync(fd, bytes, filled, size - filled, null);
      if (n === 0) break; // shrank while reading
      filled += n;
    }
    bytes = bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new EntryFormatError(file.relPath, undefined, 'the file is not valid UTF-8 text');
  }
}

/** Reads and parses one entry; throws EntryFormatError naming the file when it is malformed. */
export async function readEntryFile(journalDir: string, file: Pick<EntryFile, 'relPath'>): Promise<Entry> {
  return parseEntry(await readEntryText(journalDir, file), file.relPath);
}

/** Turns a read failure into a problem to report, or rethrows what is not about the file. */
export function problemOf(file: Pick<EntryFile, 'relPath'>, error: unknown): EntryProblem {
  if (error instanceof EntryFormatError)
    return { relPath: file.relPath, reason: error.line ? `line ${error.line}: ${error.reason}` : error.reason };
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') {
    return { relPath: file.relPath, reason: (error as Error).message };
  }
  throw error;
}
