import { FileProblem } from '../errors.js';
import type { Git } from '../git/git.js';
import { clearStaleLocks } from '../git/locks.js';
import { writeJournalFile } from '../store/files.js';
import { readJournalBytes } from '../store/safe-file.js';
import { type DerivedKeys, decrypt, isEncrypted, startsWithMagic } from './cipher.js';
import { ENCRYPTED_DIRS } from './paths.js';

/*
 * Decrypting, in place, the files a clone checked out before it had the key. Each file is
 * decrypted from its own bytes and replaced atomically (a new file renamed over the old), so a
 * kill at any moment leaves every file either still encrypted or plain, never missing; git's
 * index is not needed (a held index.lock changes nothing), and a rerun decrypts what is left.
 */

/** Larger than any journal file may be; a file above it is left as it is and named. */
const MAX_ENCRYPTED_BYTES = 64 * 1024 * 1024;

export interface Unlocked {
  decrypted: string[];
  /** files that stay encrypted on disk: why, in words */
  undecryptable: Array<{ path: string; reason: string }>;
  /** files under the encrypted folders that git tracks, all of them */
  covered: number;
  /** a live git held the index, so git status lists the decrypted files as changed until a rerun */
  indexLocked?: boolean;
}

/**
 * git's index still holds the encrypted files' sizes, and git takes a file of another size for
 * a changed one without looking: adding them again (the clean filter gives back the very same
 * blobs) records the new sizes. A lock a stopped git left is removed first; false when a live
 * git holds the index (the files are decrypted all the same).
 */
async function recordSizes(git: Git, files: string[]): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const added = await git.run(['add', '--pathspec-from-file=-', '--pathspec-file-nul', '--'], {
      input: files.join('\0') + '\0',
    });
    if (added.code === 0) return true;
    if (attempt > 1 || !/\.lock\b/.test(added.stderr)) return false;
    if ((await clearStaleLocks(git)).removed.length === 0) return false;
  }
}

/** The files git tracks under the encrypted folders (the index: what was checked out). */
export async function trackedEncryptedPaths(git: Git): Promise<string[]> {
  return (await git.text(['ls-files', '-z', '--', ...ENCRYPTED_DIRS])).split('\0').filter(Boolean);
}

export async function decryptCheckedOut(dir: string, git: Git, keys: DerivedKeys): Promise<Unlocked> {
  const result: Unlocked = { decrypted: [], undecryptable: [], covered: 0 };
  const checked = new Set<string>();
  const files = await trackedEncryptedPaths(git);
  result.covered = files.length;
  for (const file of files) {
    let bytes: Buffer | undefined;
    try {
      bytes = readJournalBytes(dir, file, { maxBytes: MAX_ENCRYPTED_BYTES, checked });
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      result.undecryptable.push({ path: file, reason: error.reason });
      continue;
    }
    if (!bytes || !startsWithMagic(bytes)) continue;
    let plain: Buffer;
    try {
      plain = decrypt(bytes, keys);
    } catch (error) {
      result.undecryptable.push({ path: file, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    await writeJournalFile(dir, file, plain);
    result.decrypted.push(file);
  }
  // All of them, not only those decrypted now: a run killed after decrypting left the sizes old.
  const stuck = new Set(result.undecryptable.map((file) => file.path));
  const readable = files.filter((file) => !stuck.has(file));
  if (readable.length > 0) result.indexLocked = !(await recordSizes(git, readable));
  return result;
}

/** The key id of the first encrypted file found on disk among `files`, if any. */
export function firstEncryptedHeader(dir: string, files: string[]): Buffer | undefined {
  const checked = new Set<string>();
  for (const file of files) {
    try {
      const bytes = readJournalBytes(dir, file, { maxBytes: MAX_ENCRYPTED_BYTES, checked });
      if (bytes && isEncrypted(bytes)) return bytes;
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
    }
  }
  return undefined;
}
