import { EntryFormatError, FileProblem, InputTooBig } from '../errors.js';
import { ENCRYPTED_PREFIX, type Entry, parseEntry, STILL_ENCRYPTED, serializeEntry } from './entry.js';
import {
  byId,
  datedFolders,
  type EntryFile,
  type EntryProblem,
  entryFileIn,
  MONTH_FOLDER,
  monthNames,
  STRAY_REASON,
  YEAR_FOLDER,
} from './entry-folders.js';
import { ENTRIES_DIR } from './naming.js';
import { decodeText, FILE_LIMITS, readJournalBytes } from './safe-file.js';

export interface EntryScan {
  /** oldest first */
  files: EntryFile[];
  /** files under entries/ that are not entries (hidden and temp files are not counted) */
  strays: EntryProblem[];
}

/** No entry written by a person comes close; a bigger file is a mistake we should not load. */
export const MAX_ENTRY_BYTES = FILE_LIMITS.entry;

/**
 * Every entry file under entries/YYYY/MM/ (or another folder laid out the same way, such as
 * the private entries'), oldest first, from folder listings alone, plus the stray files found
 * on the way. Reading commands walk newest first instead (walk.ts) and stop early.
 */
export async function scanEntryFiles(journalDir: string, under = ENTRIES_DIR): Promise<EntryScan> {
  const files: EntryFile[] = [];
  const strays: EntryProblem[] = [];
  const stray = (relPath: string, reason?: string) => strays.push({ relPath, reason: reason ?? STRAY_REASON });
  for (const year of await datedFolders(journalDir, under, '', YEAR_FOLDER, stray)) {
    for (const month of await datedFolders(journalDir, under, year, MONTH_FOLDER, stray)) {
      const folder = `${under}/${year}/${month}`;
      for (const name of await monthNames(journalDir, folder, stray)) files.push(entryFileIn(folder, name));
    }
  }
  files.sort(byId);
  return { files, strays };
}

/** Every entry file under entries/YYYY/MM/, oldest first, from folder listings alone. */
export async function listEntryFiles(journalDir: string): Promise<EntryFile[]> {
  return (await scanEntryFiles(journalDir)).files;
}

/**
 * The text of an entry file, refusing what is not a readable entry (a link, a pipe, empty,
 * huge, not UTF-8) with an EntryFormatError naming the file, so one bad file never stops a
 * listing. Opened the safe way (safe-file.ts): nothing the partner commits can make this block
 * or read outside the journal. `checked` carries the folders a walk has already looked at.
 */
export async function readEntryText(
  journalDir: string,
  file: Pick<EntryFile, 'relPath'>,
  checked?: Set<string>,
): Promise<string> {
  return readEntryTextNow(journalDir, file, checked);
}

/** readEntryText, read at once (a search that times its batches reads each file first, search.ts). */
export function readEntryTextNow(journalDir: string, file: Pick<EntryFile, 'relPath'>, checked?: Set<string>): string {
  let bytes: Buffer | undefined;
  try {
    bytes = readJournalBytes(journalDir, file.relPath, { maxBytes: MAX_ENTRY_BYTES, checked });
  } catch (error) {
    if (error instanceof FileProblem && !(error instanceof EntryFormatError)) {
      throw new EntryFormatError(file.relPath, undefined, error.reason);
    }
    throw error;
  }
  if (bytes === undefined)
    throw Object.assign(new Error(`ENOENT: no such file, open '${file.relPath}'`), { code: 'ENOENT' });
  if (bytes.length === 0) throw new EntryFormatError(file.relPath, undefined, 'the file is empty');
  // Ciphertext the filter left as it is (binary, so it would read as "not UTF-8"): said as such.
  if (bytes.subarray(0, ENCRYPTED_PREFIX.length).toString('latin1') === ENCRYPTED_PREFIX)
    throw new EntryFormatError(file.relPath, undefined, STILL_ENCRYPTED);
  try {
    return decodeText(bytes, file.relPath);
  } catch {
    throw new EntryFormatError(file.relPath, undefined, 'the file is not valid UTF-8 text');
  }
}

/**
 * Reads and parses one entry; throws EntryFormatError naming the file when it is malformed.
 * `checked` carries the folders already looked at by this command (see readEntryText).
 */
export async function readEntryFile(
  journalDir: string,
  file: Pick<EntryFile, 'relPath'>,
  checked?: Set<string>,
): Promise<Entry> {
  return parseEntry(await readEntryText(journalDir, file, checked), file.relPath);
}

/** Turns a read failure into a problem to report, or rethrows what is not about the file. */
export function problemOf(file: Pick<EntryFile, 'relPath'>, error: unknown): EntryProblem {
  if (error instanceof FileProblem)
    return { relPath: file.relPath, reason: error.line ? `line ${error.line}: ${error.reason}` : error.reason };
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') {
    return { relPath: file.relPath, reason: (error as Error).message };
  }
  throw error;
}

/**
 * An entry as it will be written, refused (nothing saved) when a reader would not show it:
 * over the size limit, or front matter past the YAML limits. Every writer of entries asks here,
 * so nothing is saved that log, show or stats would then skip.
 */
export function writableEntryText(entry: Entry): string {
  const text = serializeEntry(entry);
  if (Buffer.byteLength(text) > MAX_ENTRY_BYTES) throw new InputTooBig('This entry', MAX_ENTRY_BYTES);
  try {
    parseEntry(text);
  } catch (error) {
    if (error instanceof FileProblem) throw new InputTooBig('This entry', MAX_ENTRY_BYTES);
    throw error;
  }
  return text;
}
