import { decrypt, deriveKeys, fingerprint, keyIdOf, startsWithMagic } from '../../crypto/cipher.js';
import { readKey } from '../../crypto/keystore.js';
import { DecryptError } from '../../errors.js';
import { blobHeads } from '../../git/objects.js';
import type { Journal } from '../../journal/journal.js';
import { pushAll } from '../../many.js';
import { shownShellWord } from '../../shell-word.js';
import { isEncryptedJournal } from '../../store/encryption-state.js';
import { exists } from '../../store/files.js';
import { KEY_PATH } from '../../store/layout.js';
import { journalRemoteUrl } from '../../sync/remote.js';
import { shownPath } from '../../unsafe-chars.js';
import { type Check, check, guarded } from './check.js';
import { encryptedFilesOf } from './encrypted-paths.js';
import { plainOnRemoteChecks } from './plain-remote.js';
import { prePushChecks } from './pre-push.js';

const IMPORT = 'Ask your partner for it (intimacy encrypt export-key) and run intimacy encrypt import-key FILE.';

/**
 * Encryption on or off, and when it is on: the key present and the one the journal is
 * encrypted with, the pre-push check where git runs it, and no plain text left on the remote.
 */
export async function encryptionChecks(journal: Journal, options: { fix?: boolean } = {}): Promise<Check[]> {
  const encrypted = await isEncryptedJournal(journal.dir);
  if (!encrypted) {
    const shared = (await journalRemoteUrl(journal)) !== undefined;
    return [
      check(
        'encryption',
        shared ? 'warn' : 'ok',
        shared
          ? 'Encryption is off: whoever hosts the remote can read your entries.'
          : 'Encryption is off (nothing is shared yet).',
        { fix: 'intimacy encrypt init turns it on; your partner then imports the key.' },
      ),
    ];
  }
  const checks = [check('encryption', 'ok', 'Encryption is on: entries and templates are committed encrypted.')];
  // A clone with no key file has nothing to wire: the key comes first. One with a key file is
  // looked at whole (the key, git's filter, the pre-push check), whatever .git/config says.
  const remote = () => guarded('remote-plain', "the remote's history", () => plainOnRemoteChecks(journal));
  if (!(await exists(await journal.git.gitPath(KEY_PATH)))) {
    checks.push(
      check(
        'encryption-key',
        'fail',
        'This clone has no key for the encrypted journal: its entries cannot be read here.',
        {
          fix: IMPORT,
        },
      ),
    );
    return [...checks, ...(await remote())];
  }
  checks.push(await keyCheck(journal));
  pushAll(checks, await prePushChecks(journal, options));
  pushAll(checks, await remote());
  return checks;
}

/** How many of the newest encrypted files of HEAD the key is tried on. */
const SAMPLE = 8;

/** The key reads as a key, and opens what HEAD holds encrypted (a real blob, decrypted and verified). */
async function keyCheck(journal: Journal): Promise<Check> {
  const file = await journal.git.gitPath(KEY_PATH);
  const key = await readKey(journal.git).catch(() => undefined);
  if (!key)
    return check('encryption-key', 'fail', `The key file ${file} is damaged (it is not a journal key).`, {
      fix: `Move it away and import the key again. ${IMPORT}`,
    });
  const keys = deriveKeys(key);
  const listed = (await encryptedFilesOf(journal.git, 'HEAD')).slice(-SAMPLE * 4);
  const heads = await blobHeads(
    journal.git,
    listed.map((blob) => blob.id),
  );
  const sealed = listed.filter((blob) => startsWithMagic(heads.get(blob.id) ?? Buffer.alloc(0))).slice(-SAMPLE);
  if (sealed.length === 0)
    return check(
      'encryption-key',
      'ok',
      `The key (${fingerprint(keys)}) is in this clone; nothing encrypted is committed yet to try it on.`,
    );
  const whole = await blobHeads(
    journal.git,
    sealed.map((blob) => blob.id),
    Number.POSITIVE_INFINITY,
  );
  for (const blob of sealed) {
    const data = whole.get(blob.id) ?? Buffer.alloc(0);
    try {
      decrypt(data, keys);
    } catch (error) {
      if (error instanceof DecryptError && error.reason === 'tampered')
        return check(
          'encryption-key',
          'fail',
          `${shownPath(blob.path)} in the last commit is damaged: its ciphertext does not verify.`,
          {
            fix: `git log -- ${shownShellWord(blob.path)} shows who changed it; restore it from an earlier commit, or ask your partner to sync their copy.`,
          },
        );
      const other = keyIdOf(data).toString('hex');
      return check(
        'encryption-key',
        'fail',
        `The key in this clone (${fingerprint(keys)}) does not open ${shownPath(blob.path)}${other !== fingerprint(keys) ? `, which is encrypted with key ${other}` : ''}.`,
        { fix: `Move ${file} away and import the journal's key. ${IMPORT}` },
      );
    }
  }
  return check(
    'encryption-key',
    'ok',
    `The key (${fingerprint(keys)}) is in this clone and opens the journal's entries.`,
  );
}
