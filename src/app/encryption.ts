import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  deriveKeys,
  fingerprint,
  HEADER_LENGTH,
  keyIdOf,
  newMasterKey,
  startsWithMagic,
  unwrapKey,
  wrapKey,
} from '../crypto/cipher.js';
import { readKey, writeKey } from '../crypto/keystore.js';
import { ATTRIBUTES, configureClone } from '../crypto/setup.js';
import { UnwrapError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { ATTACHMENTS_DIR, listAttachmentFiles } from '../store/attachments.js';
import { commitOrKeep } from '../store/commit.js';
import { isEncryptedJournal } from '../store/encryption-state.js';
import { listEntryFiles } from '../store/entry-files.js';
import { exists, writeFileAtomic } from '../store/files.js';
import { ATTRIBUTES_FILE, KEY_PATH } from '../store/layout.js';
import { withJournalLock } from '../store/lock.js';

export const MIN_PASSPHRASE = 8;

export function checkPassphrase(passphrase: string): string | undefined {
  return passphrase.length < MIN_PASSPHRASE ? `use a passphrase of at least ${MIN_PASSPHRASE} characters` : undefined;
}

async function existingContentDirs(journal: Journal): Promise<string[]> {
  const dirs: string[] = [];
  for (const dir of ['entries', 'templates', ATTACHMENTS_DIR])
    if (await exists(path.join(journal.dir, dir))) dirs.push(dir);
  return dirs;
}

export interface EncryptionOutcome {
  fingerprint: string;
  reencrypted: number;
  hookInstalled: boolean;
  commitProblem?: string;
}

/** Turns encryption on: a new key, the drivers, .gitattributes, and every entry re-committed encrypted. */
export async function initEncryption(journal: Journal): Promise<EncryptionOutcome> {
  if (await isEncryptedJournal(journal.dir)) {
    if (await readKey(journal.git))
      throw new UserError('This journal is encrypted already.', 'Share the key with intimacy encrypt export-key.');
    throw new UserError(
      'This journal is encrypted, but this clone has no key.',
      'Import it with intimacy encrypt import-key FILE.',
    );
  }
  const key = newMasterKey();
  await writeKey(journal.git, key);
  const { hookInstalled } = await configureClone(journal.git);
  journal.gitConfig = { ...journal.gitConfig, filterConfigured: true };
  return withJournalLock(journal.dir, async () => {
    await writeFileAtomic(path.join(journal.dir, ATTRIBUTES_FILE), ATTRIBUTES);
    const dirs = await existingContentDirs(journal);
    // --renormalize runs the new clean filter over files git thinks are unchanged.
    if (dirs.length > 0) await journal.git.text(['add', '--renormalize', '--', ...dirs]);
    const { commitProblem } = await commitOrKeep(journal, [ATTRIBUTES_FILE, ...dirs], 'Encrypt the journal');
    const reencrypted = (await listEntryFiles(journal.dir)).length;
    return { fingerprint: fingerprint(deriveKeys(key)), reencrypted, hookInstalled, commitProblem };
  });
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
): Promise<{ fingerprint: string; decrypted: number; hookInstalled: boolean }> {
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
  // Files checked out before the key was here are still encrypted on disk: check them out again.
  const stillEncrypted: string[] = [];
  let header: Buffer | undefined;
  const files = [...(await listEntryFiles(journal.dir)), ...(await listAttachmentFiles(journal.dir))];
  for (const file of files) {
    const handle = await fs.open(path.join(journal.dir, file.relPath), 'r');
    const head = Buffer.alloc(HEADER_LENGTH);
    await handle.read(head, 0, HEADER_LENGTH, 0);
    await handle.close();
    if (startsWithMagic(head)) {
      stillEncrypted.push(file.relPath);
      header ??= head;
    }
  }
  if (header && !keyIdOf(header).equals(keys.keyId)) {
    throw new UserError(
      'This key does not belong to this journal (its entries were encrypted with another key).',
      'Ask your partner to export the key again from their clone.',
    );
  }
  await writeKey(journal.git, key);
  const { hookInstalled } = await configureClone(journal.git);
  journal.gitConfig = { ...journal.gitConfig, filterConfigured: true };
  if (stillEncrypted.length > 0) {
    for (const file of stillEncrypted) await fs.rm(path.join(journal.dir, file));
    await journal.git.text(['checkout', '--', ...stillEncrypted]);
  }
  return { fingerprint: fingerprint(keys), decrypted: stillEncrypted.length, hookInstalled };
}
