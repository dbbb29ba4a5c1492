import { constants } from 'node:fs';
import path from 'node:path';
import { FileProblem, JournalPathError, notInItsPlace } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { candidateFileName } from './naming.js';
import { FILE_LIMITS, foldersAreReal, kindOf, readLocalBytes } from './safe-file.js';

/*
 * Files on disk, written so that a crash never leaves half an entry:
 * temp file in the same folder → fsync → link/rename → fsync the folder.
 * Modes are set explicitly (0600 files, 0700 folders) because the umask is not ours to trust.
 */

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** mkdir -p that gives every folder it creates mode 0700. */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    try {
      const stat = await fs.stat(current);
      if (!stat.isDirectory()) throw new Error(`${current} exists and is not a folder`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(current);
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await fs.mkdir(folder, { mode: DIR_MODE });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await fs.chmod(folder, DIR_MODE);
  }
}

/**
 * Creates (0700) or checks each folder of `relDir` inside `root`, refusing symbolic links, so a
 * link planted in entries/ can never make intimacy write outside the journal.
 */
export async function ensureJournalDir(root: string, relDir: string): Promise<string> {
  let current = root;
  for (const segment of relDir.split('/').filter((part) => part !== '' && part !== '.')) {
    if (segment === '..') throw new JournalPathError(`${relDir} leaves the journal`);
    current = path.join(current, segment);
    try {
      const stat = await fs.lstat(current);
      if (stat.isSymbolicLink())
        throw new JournalPathError(
          `${path.relative(root, current)} is a symbolic link; intimacy only writes inside the journal`,
        );
      if (!stat.isDirectory()) throw notInItsPlace(path.relative(root, current), kindOf(stat), 'a folder');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fs.mkdir(current, { mode: DIR_MODE }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
      await fs.chmod(current, DIR_MODE);
    }
  }
  return current;
}

/** A temp file of writeTemp's: `.NAME.tmp-PID-HEX`, and the process that wrote it (gone: it was killed). */
const TEMP_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]{8}$/;

/** The pid of the writer of a temp file, when `name` is one of writeTemp's; undefined otherwise. */
export function tempFileWriter(name: string): number | undefined {
  const pid = TEMP_NAME.exec(name)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

/** What is written to a file: bytes or text whole, or text in pieces, written as they are made (a whole journal's export). */
export type FileContent = string | Uint8Array | Iterable<string>;

/**
 * A temp file's path beside `name` in `dir` (TEMP_NAME's form, so doctor finds one a killed
 * process left). Unique, not secret (O_EXCL refuses a name that exists): Math.random spares
 * every command node:crypto's load.
 */
export function tempPathFor(dir: string, name: string): string {
  const suffix = Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
  return path.join(dir, `.${name}.tmp-${process.pid}-${suffix}`);
}

async function writeTemp(dir: string, name: string, content: FileContent, durable = true): Promise<string> {
  const temp = tempPathFor(dir, name);
  const fd = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
  try {
    await fs.fchmod(fd, FILE_MODE);
    // Written from where the last piece ended: pieces of text are written as they are made.
    if (typeof content === 'string' || content instanceof Uint8Array) await fs.writeFile(fd, content);
    else for (const piece of content) await fs.writeFile(fd, piece);
    if (durable) await fs.fsync(fd);
  } catch (error) {
    await fs.close(fd);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await fs.close(fd);
  return temp;
}

async function syncDir(dir: string): Promise<void> {
  // Makes the new name durable; some file systems refuse to fsync a folder, which is harmless.
  try {
    const fd = await fs.open(dir, 'r');
    try {
      await fs.fsync(fd);
    } finally {
      await fs.close(fd);
    }
  } catch {
    /* best effort */
  }
}

/**
 * Replaces (or creates) a file atomically. `durable: false` skips the two fsyncs for files that
 * are only a cache of something else (the front matter cache, when the partner's news was last
 * looked at): a crash may then cost the latest version, which is rebuilt or forgotten, but
 * never leaves half a file under the name. Entries, settings and drafts stay durable.
 */
export async function writeFileAtomic(
  file: string,
  content: FileContent,
  options: { durable?: boolean } = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const dir = path.dirname(file);
  await ensureDir(dir);
  const temp = await writeTemp(dir, path.basename(file), content, durable);
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  if (durable) await syncDir(dir);
}

/**
 * writeFileAtomic for a file of the journal (`relPath` inside `root`), never through a link:
 * every folder on the way is a real folder (created 0700 when missing) and whatever stands at
 * the name now must be a regular file, or nothing. The rename replaces the name itself, so
 * even a link put there meanwhile is replaced, never written through.
 */
export async function writeJournalFile(
  root: string,
  relPath: string,
  content: string | Uint8Array,
  options: { durable?: boolean } = {},
): Promise<void> {
  await putJournalFile(root, relPath, content, options.durable ?? true, true);
}

/**
 * A file of this clone's own under .intimacy/ (a cache, a memo), written as writeJournalFile
 * writes but not durably (it is only a cache), and put in place of a link, a pipe or a device
 * found at its name. The rename replaces the name, never what a link points at; refusing
 * instead, as for an entry, would leave the cache stale for good and every run slow.
 */
export async function writeCacheFile(root: string, relPath: string, content: string): Promise<void> {
  await putJournalFile(root, relPath, content, false, false);
}

async function putJournalFile(
  root: string,
  relPath: string,
  content: string | Uint8Array,
  durable: boolean,
  onlyOverFile: boolean,
): Promise<void> {
  const dir = await ensureJournalDir(root, path.posix.dirname(relPath));
  const file = path.join(dir, path.posix.basename(relPath));
  if (onlyOverFile) await refuseNonFile(root, file);
  const temp = await writeTemp(dir, path.basename(file), content, durable);
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  if (durable) await syncDir(dir);
}

/** Removes a file of the journal; a link on the way is refused (rm would reach through it). */
export async function removeJournalFile(root: string, relPath: string): Promise<void> {
  if (!foldersAreReal(root, path.posix.dirname(relPath), relPath)) return;
  await fs.rm(path.join(root, relPath), { force: true });
}

async function refuseNonFile(root: string, file: string): Promise<void> {
  try {
    const stat = await fs.lstat(file);
    if (!stat.isFile()) throw notInItsPlace(path.relative(root, file), kindOf(stat), 'a file');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Creates a new file under `stem`, never overwriting: link() fails when the name exists,
 * so two writers racing for the same name both end up with a file of their own.
 * `takenElsewhere` passes over names in use in another folder (ids must stay unique).
 * Returns the file name used.
 */
export async function createNewFile(
  dir: string,
  stem: string,
  content: string | Uint8Array,
  takenElsewhere: (name: string) => boolean = () => false,
  nameOf: (attempt: number) => string = (attempt) => candidateFileName(stem, attempt),
): Promise<string> {
  await ensureDir(dir);
  const temp = await writeTemp(dir, stem, content);
  try {
    for (let attempt = 1; attempt < 1000; attempt++) {
      const name = nameOf(attempt);
      if (takenElsewhere(name)) continue;
      try {
        await fs.link(temp, path.join(dir, name));
        await syncDir(dir);
        return name;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error(`could not find a free file name for ${stem} in ${dir}`);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/**
 * A small file of this clone's (.gitattributes) as text, undefined when there is none: read as
 * readLocalBytes reads, so a pipe or a device at its name is refused by name, never waited on,
 * and a file over the size of an entry is refused rather than read whole.
 */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return readLocalBytes(file, FILE_LIMITS.entry)?.toString('utf8');
  } catch (error) {
    if (!(error instanceof FileProblem) || error.suggestion) throw error;
    throw new FileProblem(
      error.file,
      error.reason,
      'Remove it (or put a regular file there), then run the command again.',
    );
  }
}

/** Something stands at the name (a link too, even a dangling one). */
export async function lexists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
