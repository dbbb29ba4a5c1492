import path from 'node:path';
import { deriveKeys, fingerprint, keyIdOf, newMasterKey, unwrapKey, wrapKey } from '../crypto/cipher.js';
import { readKey, writeKey } from '../crypto/keystore.js';
import { ATTRIBUTES, attributesWanted, ENCRYPTED_DIRS, isEncryptedPath } from '../crypto/paths.js';
import { plainBlobsIn } from '../crypto/reachable.js';
import { encryptHistory, plainEntriesOnRemotes, resetIndexToHead } from '../crypto/rewrite.js';
import { configureClone } from '../crypto/setup.js';
import { decryptCheckedOut, firstEncryptedHeader, trackedEncryptedPaths, type Unlocked } from '../crypto/unlock.js';
import { UnwrapError, UserError } from '../errors.js';
import { changedPaths } from '../git/branch-state.js';
import { excluded } from '../git/commit.js';
import type { Git } from '../git/git.js';
import { revision } from '../git/history.js';
import { clearStaleLocks, heldLockText } from '../git/locks.js';
import type { Journal } from '../journal/journal.js';
import { commitOrKeep } from '../store/commit.js';
import { isEncryptedJournal } from '../store/encryption-state.js';
import { refuseLinkOnTheWay } from '../store/entries-folder.js';
import { exists, readTextIfExists, writeFileAtomic } from '../store/files.js';
import { ATTRIBUTES_FILE, KEY_PATH } from '../store/layout.js';
import { withJournalLock } from '../store/lock.js';
import { notCommittedUnder } from '../store/save.js';

export const MIN_PASSPHRASE = 8;

export function checkPassphrase(passphrase: string): string | undefined {
  return passphrase.length < MIN_PASSPHRASE ? `use a passphrase of at least ${MIN_PASSPHRASE} characters` : undefined;
}

export interface EncryptionOutcome {
  fingerprint: string;
  /** false when the journal was fully encrypted already and nothing needed doing */
  changed: boolean;
  /** files under the encrypted folders, now stored encrypted */
  encrypted: number;
  /** commits not pushed yet that were re-written to hold ciphertext */
  rewritten: number;
  /** entries whose plain text the remote's history still holds */
  remoteReadable: number;
  hookInstalled: boolean;
  /** git's hooks folder of the user's choosing (core.hooksPath), where the check is not put */
  hooksPath?: string;
  commitProblem?: string;
  /** files still in their encrypted form that do not decrypt here: left on disk, uncommitted */
  withheld: string[];
  /**
   * files under the encrypted folders that commits not pushed yet still hold as plain text
   * (git's filter off for them: a .gitattributes of a folder, .git/info/attributes), sorted
   */
  stillPlain: string[];
}

/**
 * Turns encryption on, or finishes turning it on: the key (kept when this clone has one), the
 * drivers, .gitattributes, the commits not pushed yet re-written without plain text, and every
 * file re-committed encrypted. Each step can be repeated, so a run killed at any moment (or
 * stopped by a held index.lock) is finished by running it again.
 */
export async function initEncryption(journal: Journal): Promise<EncryptionOutcome> {
  const existing = await readKey(journal.git);
  if (!existing && (await isEncryptedJournal(journal.dir)))
    throw new UserError(
      'This journal is encrypted, but this clone has no key.',
      'Import it with intimacy encrypt import-key FILE.',
    );
  // A year or month folder put back as a link: git takes its entries for deleted, and nothing
  // of it could be encrypted. Said before anything changes, as sync says it.
  const folders = await present(journal.dir, ENCRYPTED_DIRS);
  if (folders.length > 0) refuseLinkOnTheWay(journal.dir, await changedPaths(journal.git, folders));
  const key = existing ?? newMasterKey();
  const keys = deriveKeys(key);
  // The key is kept before anything is encrypted with it.
  if (!existing) await writeKey(journal.git, key);
  const driversChanged = !journal.gitConfig.filterConfigured;
  // A config lock that a killed run's `git config` left would stop this one's (a live git's stays).
  await clearStaleLocks(journal.git);
  const { hookInstalled, hooksPath } = await configureClone(journal.git);
  journal.gitConfig = { ...journal.gitConfig, filterConfigured: true };
  return withJournalLock(journal.dir, async () => {
    const git = journal.git;
    // The branch moves and the index follows: a lock a stopped git left goes first, and a live
    // git's stops everything before anything moves (the next run finishes the job).
    const locks = await clearStaleLocks(git);
    if (locks.held.length > 0)
      throw new UserError(
        `${capitalised(heldLockText(git, locks.held))}.`,
        'Run intimacy encrypt init again when it is done.',
      );
    const headBefore = await revision(git, 'HEAD');
    const attributesFile = path.join(journal.dir, ATTRIBUTES_FILE);
    const current = await readTextIfExists(attributesFile);
    const attributes = attributesWanted(current) ?? current ?? ATTRIBUTES;
    if (attributes !== current) await writeFileAtomic(attributesFile, attributes);
    const { commits: rewritten } = await encryptHistory(git, keys, attributes, ['--not', '--remotes']);
    // A run killed after moving the branch left the index at the old, plain blobs.
    if (rewritten === 0 && headBefore && (await indexDiffersFromHead(git))) await resetIndexToHead(git);
    const dirs = await present(journal.dir, ENCRYPTED_DIRS);
    // The folders go in whole, but never what sync would not commit either: a link (it would
    // carry a path of this computer's), a half-written temp file, an encrypted file that is
    // damaged here (the partner's sync would refuse it). Those stay on disk as they are.
    const { excluded: leftOut, withheld } = await notCommittedUnder(journal, dirs);
    let commitProblem: string | undefined;
    try {
      // --renormalize runs the clean filter over files git thinks are unchanged.
      if (dirs.length > 0) await git.text(['add', '--renormalize', '--', ...dirs, ...leftOut.map(excluded)]);
    } catch (error) {
      commitProblem = error instanceof Error ? error.message : String(error);
    }
    if (!commitProblem)
      ({ commitProblem } = await commitOrKeep(journal, [ATTRIBUTES_FILE, ...dirs], 'Encrypt the journal', {
        exclude: leftOut,
      }));
    const changed =
      !existing || driversChanged || attributes !== current || (await revision(git, 'HEAD')) !== headBefore;
    // What sync's check before a push would refuse: said now, not at the next sync.
    const plain = commitProblem
      ? new Map<string, string>()
      : await plainBlobsIn(git, ['HEAD', '--not', '--remotes'], isEncryptedPath);
    return {
      fingerprint: fingerprint(keys),
      changed: changed || commitProblem !== undefined,
      encrypted: (await trackedEncryptedPaths(git)).length,
      rewritten,
      remoteReadable: await plainEntriesOnRemotes(git),
      hookInstalled,
      hooksPath,
      commitProblem,
      withheld,
      stillPlain: [...new Set(plain.values())].sort(),
    };
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The folders of `dirs` that exist in the journal (git add refuses a missing path). */
async function present(dir: string, dirs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of dirs) if (await exists(path.join(dir, name))) found.push(name);
  return found;
}

async function indexDiffersFromHead(git: Git): Promise<boolean> {
  return (await git.run(['diff-index', '--cached', '--quiet', 'HEAD', '--'])).code !== 0;
}

export async function exportKey(journal: Journal, passphrase: string): Promise<string> {
  const key = await readKey(journal.git);
  if (!key)
    throw new UserError(
      'This clone has no journal key to export.',
      'Turn encryption on with intimacy encrypt init, or import the key your partner exported.',
    );
  const problem = checkPassphrase(passphrase);
  if (problem) throw new UserError(`The passphrase is too short: ${problem}.`);
  return wrapKey(key, passphrase);
}

/** Unlocks the journal in this clone: saves the key, wires git, and decrypts the files on disk. */
export async function importKey(
  journal: Journal,
  wrapped: string,
  passphrase: string,
): Promise<{ fingerprint: string; hookInstalled: boolean; hooksPath?: string } & Unlocked> {
  let key: Buffer;
  try {
    key = unwrapKey(wrapped, passphrase);
  } catch (error) {
    if (error instanceof UnwrapError)
      throw new UserError(
        `Could not import the key: ${error.message}.`,
        'Check the passphrase and the file your partner exported.',
      );
    throw error;
  }
  const keys = deriveKeys(key);
  const existing = await readKey(journal.git);
  if (existing && !existing.equals(key))
    throw new UserError(
      'This clone already has a different journal key.',
      `Remove ${await journal.git.gitPath(KEY_PATH)} first if you really mean to replace it.`,
    );
  // Files checked out before the key was here are still encrypted on disk.
  const header = firstEncryptedHeader(journal.dir, await trackedEncryptedPaths(journal.git));
  if (header && !keyIdOf(header).equals(keys.keyId)) {
    throw new UserError(
      'This key does not belong to this journal (its files were encrypted with another key).',
      'Ask your partner to export the key again from their clone.',
    );
  }
  // The key first, then git's drivers, then the files: a kill between any two steps leaves a
  // state that a rerun (or the drivers' own checks) finishes, and no file is ever missing.
  if (!existing) await writeKey(journal.git, key);
  const { hookInstalled, hooksPath } = await configureClone(journal.git);
  journal.gitConfig = { ...journal.gitConfig, filterConfigured: true };
  const unlocked = await decryptCheckedOut(journal.dir, journal.git, keys);
  return { fingerprint: fingerprint(keys), hookInstalled, hooksPath, ...unlocked };
}
