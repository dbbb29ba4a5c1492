import { closeSync, constants, promises as fs, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { FileProblem } from '../errors.js';

/*
 * The one way intimacy opens a file of the journal. Everything under the journal may have
 * arrived through git from the partner's clone, so nothing is trusted to be what its name says:
 * - no symbolic link is followed, neither the file (O_NOFOLLOW) nor a folder on the way (lstat),
 *   so a link can never make intimacy read (and then commit and push) a file from outside;
 * - opening never blocks (O_NONBLOCK): a named pipe is refused instead of waiting for a writer
 *   forever while the journal lock is held;
 * - only a regular file is read (fstat of the opened file, not of the name), and at most
 *   `maxBytes` of it, so /dev/zero or a 10 GB file costs nothing.
 * Synchronous on purpose: for many small files one open/fstat/read/close each is several times
 * faster than the promise API's trips through the thread pool, and none of them can block.
 */

export interface JournalRead {
  /** the most bytes the file may hold (see FILE_LIMITS) */
  maxBytes: number;
  /**
   * folders (relative to the root) already found to be real folders during this walk, so a
   * listing of 10,000 entries checks each folder once; filled in as folders are checked
   */
  checked?: Set<string>;
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const KIB = 1024;

/** How big each kind of journal file may be; nothing a person writes comes close. */
export const FILE_LIMITS = {
  entry: 1024 * KIB,
  settings: 64 * KIB,
  template: 128 * KIB,
  deck: 128 * KIB,
  /** an answers file (--answers): long answers, each at most an entry's size */
  answers: 2048 * KIB,
  /** drafts and edits in .intimacy/ hold a whole entry's answers */
  draft: 2048 * KIB,
  /** small facts this clone keeps (state.json, .gitattributes, the user's config.yaml) */
  small: 64 * KIB,
  /** what status --prompt keeps (a count and the entry folders' stamps: a century of months is about 100 KiB) */
  prompt: 1024 * KIB,
  /** the front matter cache of a large journal */
  cache: 256 * 1024 * KIB,
} as const;

/** "1172 KiB" / "3 MiB", for messages. */
export function sizeText(bytes: number): string {
  return bytes >= 4 * 1024 * KIB ? `${Math.round(bytes / (1024 * KIB))} MiB` : `${Math.ceil(bytes / KIB)} KiB`;
}

/** What kind of thing stands where a file (or a folder) was expected, in words. */
export function kindOf(
  stat: Pick<
    Stats,
    'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'
  >,
): string {
  if (stat.isFile()) return 'a file';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Checks that every folder of `relDir` inside `root` is a real folder (not a link, not a file).
 * Returns false when one is missing; throws a FileProblem naming `shownAs` otherwise.
 */
export function foldersAreReal(root: string, relDir: string, shownAs: string, checked?: Set<string>): boolean {
  let rel = '';
  for (const part of relDir.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new FileProblem(shownAs, 'the path leaves the journal');
    rel = rel === '' ? part : `${rel}/${part}`;
    if (checked?.has(rel)) continue;
    let stat: Stats;
    try {
      stat = lstatSync(path.join(root, rel));
    } catch (error) {
      if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return false;
      throw new FileProblem(shownAs, `not readable (${code(error) ?? String(error)})`);
    }
    if (!stat.isDirectory()) {
      const what = stat.isSymbolicLink() ? `${NOT_FOLLOWED}` : `${kindOf(stat)}, not a folder`;
      throw new FileProblem(shownAs, rel === shownAs ? what : `${rel} is ${what}`, LINK_SUGGESTION);
    }
    checked?.add(rel);
  }
  return true;
}

const NOT_FOLLOWED = 'a symbolic link, which intimacy does not follow';
const LINK_SUGGESTION = 'Replace it with a regular file or folder, or remove it (git status shows where it came from).';

/**
 * The bytes of `relPath` inside `root`, or undefined when there is no such file. Throws a
 * FileProblem (naming `relPath`) for a link, a pipe, a folder, a device, a file over the limit
 * or one that cannot be read; never blocks and never reads more than `maxBytes` (+1).
 */
export function readJournalBytes(root: string, relPath: string, options: JournalRead): Buffer | undefined {
  const rel = relPath.split(path.sep).join('/');
  if (!foldersAreReal(root, path.posix.dirname(rel), rel, options.checked)) return undefined;
  let fd: number;
  try {
    fd = openSync(path.join(root, rel), READ_FLAGS);
  } catch (error) {
    const why = code(error);
    if (why === 'ENOENT' || why === 'ENOTDIR') return undefined;
    if (why === 'ELOOP' || why === 'EMLINK') throw new FileProblem(rel, NOT_FOLLOWED, LINK_SUGGESTION);
    // A socket cannot be opened at all.
    if (why === 'ENXIO' || why === 'EOPNOTSUPP') throw new FileProblem(rel, 'not a regular file', LINK_SUGGESTION);
    if (why === 'EACCES' || why === 'EPERM')
      throw new FileProblem(rel, 'not readable (permission denied)', 'Check who owns the file and its permissions.');
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileProblem(rel, `${kindOf(stat)}, not a file`, LINK_SUGGESTION);
    if (stat.size > options.maxBytes) throw tooBig(rel, stat.size, options.maxBytes);
    // One byte more than allowed is asked for, so a file that grew since fstat is still caught.
    const bytes = Buffer.allocUnsafe(Math.min(stat.size, options.maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (n === 0) break;
      filled += n;
      if (filled === bytes.length) break;
    }
    if (filled > options.maxBytes) throw tooBig(rel, filled, options.maxBytes);
    return bytes.subarray(0, filled);
  } catch (error) {
    if (code(error) === 'EISDIR') throw new FileProblem(rel, 'a folder, not a file', LINK_SUGGESTION);
    throw error;
  } finally {
    closeSync(fd);
  }
}

function tooBig(rel: string, size: number, max: number): FileProblem {
  return new FileProblem(
    rel,
    `too big (${sizeText(size)}; at most ${sizeText(max)})`,
    'Make it smaller or remove it; git restores an earlier version.',
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Text as UTF-8, or a FileProblem naming the file. */
export function decodeText(bytes: Uint8Array, shownAs: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new FileProblem(shownAs, 'not valid UTF-8 text');
  }
}

/** readJournalBytes as UTF-8 text (see there); undefined when the file does not exist. */
export function readJournalText(root: string, relPath: string, options: JournalRead): string | undefined {
  const bytes = readJournalBytes(root, relPath, options);
  return bytes === undefined ? undefined : decodeText(bytes, relPath.split(path.sep).join('/'));
}

/**
 * A file the user named themselves (an answers file, a key file): links are followed and a
 * pipe is read (`--answers <(make-answers)` is the user's choice), but never more than
 * `maxBytes`, and a folder is refused by name.
 */
export async function readGivenFile(file: string, maxBytes: number, shownAs: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new FileProblem(shownAs, 'a folder, not a file');
    if (stat.isFile() && stat.size > maxBytes) throw tooBig(shownAs, stat.size, maxBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * KIB);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > maxBytes) throw tooBig(shownAs, size, maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return decodeText(Buffer.concat(chunks), shownAs);
  } finally {
    await handle.close();
  }
}

/**
 * A file of this computer that intimacy reads on every run (the user's config): links are
 * followed (dotfile managers link config files), but it must be a regular file within
 * `maxBytes`, and opening never blocks. Undefined when it does not exist.
 */
export function readLocalFile(file: string, maxBytes: number): string | undefined {
  const bytes = readLocalBytes(file, maxBytes);
  return bytes === undefined ? undefined : decodeText(bytes, file);
}

/** readLocalFile's bytes, for a file whose text need not be UTF-8 (a git hook, .gitattributes). */
export function readLocalBytes(file: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return undefined;
    if (code(error) === 'ELOOP') throw new FileProblem(file, 'a link that leads round to itself, not a file');
    if (code(error) === 'EACCES') throw new FileProblem(file, 'not readable (permission denied)');
    throw new FileProblem(file, `not readable (${code(error) ?? String(error)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileProblem(file, `${kindOf(stat)}, not a file`);
    if (stat.size > maxBytes) throw tooBig(file, stat.size, maxBytes);
    const bytes = Buffer.allocUnsafe(stat.size + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (n === 0 || (filled += n) === bytes.length) break;
    }
    if (filled > maxBytes) throw tooBig(file, filled, maxBytes);
    return bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
