import path from 'node:path';
import { decrypt } from '../crypto/cipher.js';
import { turnsEncryptionOff, undecryptable } from '../crypto/incoming.js';
import { readKeys } from '../crypto/keystore.js';
import { damagedInPush, damagedPushRefusal, plainPushRefusal, plaintextInPush } from '../crypto/prepush.js';
import { DecryptError, UserError } from '../errors.js';
import type { Git } from '../git/git.js';
import { revision } from '../git/history.js';
import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { shownShellWord } from '../shell-word.js';
import { isEncryptedJournal, lacksKey } from '../store/encryption-state.js';
import { MAX_ENTRY_BYTES } from '../store/entry-files.js';
import { readTextIfExists } from '../store/files.js';
import { ATTRIBUTES_FILE } from '../store/layout.js';
import { readJournalBytes } from '../store/safe-file.js';
import { REMOTE } from '../sync/remote.js';
import type { SyncOptions, SyncResult } from '../sync/sync.js';
import { shownPath } from '../unsafe-chars.js';

/**
 * The encryption's part of every sync (sync and autosync pass it): what may land from the
 * partner, and the plain-text check before each push, which runs here whatever git's hooks
 * are (core.hooksPath, a hook of the user's own).
 */
export function encryptionGuards(journal: Journal): Pick<SyncOptions, 'inspect' | 'beforePush'> {
  const who = partnerOf(journal) ?? 'your partner';
  return {
    inspect: async (git, landing, removed) => {
      const keys = await readKeys(git);
      const attributes = await readTextIfExists(path.join(journal.dir, ATTRIBUTES_FILE));
      if (keys && attributes !== undefined && (await turnsEncryptionOff(git, attributes, landing, removed ?? [])))
        throw new UserError(
          `${who}'s history turns the journal's encryption off (its ${ATTRIBUTES_FILE} no longer encrypts what yours does). Nothing was merged; your entries stay encrypted.`,
          `If that was a mistake, ${who} runs intimacy encrypt init in their journal (it turns encryption back on), then you sync again.`,
        );
      if (!keys) return; // without the key files land encrypted, as they are; nothing to decrypt
      const problems = await undecryptable(git, keys, landing);
      if (problems.size === 0) return;
      const [first, reason] = [...problems][0]!;
      // The path is the partner's to name: shown escaped, and quoted for the shell in the fix, so
      // pasting the fix runs git and nothing the name holds ($(…), a backquote, a semicolon).
      const word = shownShellWord(first);
      const more = problems.size > 1 ? ` and ${problems.size - 1} more` : '';
      throw new UserError(
        `${who}'s history brings ${shownPath(first)}${more}, which cannot be decrypted here (${reason}). Nothing was merged; your copy stays as it is.`,
        /another key/.test(reason)
          ? `Your clones hold different keys: ${who} exports theirs (intimacy encrypt export-key) only if it is the journal's; compare the key shown by intimacy doctor on both sides.`
          : `Ask ${who} to put back an earlier version in their journal (git log -- ${word} lists its commits; git checkout COMMIT -- ${word}, then commit), then sync again.`,
      );
    },
    beforePush: async (git: Git, branch: string) => {
      if (!(await isEncryptedJournal(journal.dir)) && !(await readKeys(git))) return;
      const tip = await revision(git, 'HEAD');
      if (!tip) return;
      const remoteSha = await revision(git, `refs/remotes/${REMOTE}/${branch}`);
      const offending = await plaintextInPush(git, REMOTE, [{ localSha: tip, remoteSha }]);
      const keys = await readKeys(git);
      if (offending.length > 0) {
        const refusal = plainPushRefusal(offending, keys !== undefined);
        throw new UserError(refusal.message, refusal.suggestion);
      }
      // Committed by hand (intimacy itself never commits them): refused here rather than by the partner's sync.
      const damaged = keys ? await damagedInPush(git, keys, [{ localSha: tip, remoteSha }]) : [];
      if (damaged.length === 0) return;
      const refusal = damagedPushRefusal(damaged);
      throw new UserError(refusal.message, refusal.suggestion);
    },
  };
}

/**
 * After a sync: whether this clone now holds an encrypted journal it has no key for ("brought":
 * this very sync brought the encryption in), so that it can be told at once, with the command.
 */
export async function keyNeededAfterSync(
  journal: Journal,
  result: SyncResult,
): Promise<'brought' | 'missing' | undefined> {
  if (!(await lacksKey(journal))) return undefined;
  return result.received.otherChanges.includes(ATTRIBUTES_FILE) ? 'brought' : 'missing';
}

/**
 * What sync says of the files it left uncommitted because they are still encrypted in this
 * folder (sync.ts `withheld`): they stay here, where the damage happened, instead of stopping
 * the partner's sync. One line: the file, why, and how to put it right.
 */
export async function withheldRefusal(journal: Journal, files: string[]): Promise<UserError> {
  return withheldError(journal, files, 'so sync did not commit or send it; the rest was synced');
}

/**
 * The one line for files left uncommitted because they are still encrypted here: the first
 * (and how many more), why, `outcome` (what the command did instead), and how to put it right.
 */
export async function withheldError(journal: Journal, files: string[], outcome: string): Promise<UserError> {
  const first = files[0] ?? '';
  const more = files.length > 1 ? ` (and ${files.length - 1} more)` : '';
  const [why, tracked] = await Promise.all([whyWithheld(journal, first), isTracked(journal, first)]);
  return new UserError(
    `${shownPath(first)}${more} ${why}, ${outcome}.`,
    tracked
      ? `Put back its last committed version (git -C ${shownShellWord(journal.dir)} checkout -- ${shownShellWord(first)}) or remove it, then run intimacy sync again.`
      : `It was never committed, so git has no version of it to put back: remove it (or ask your partner for their copy), then run intimacy sync again.`,
  );
}

/** Whether git has a committed version of `relPath` to put back. */
async function isTracked(journal: Journal, relPath: string): Promise<boolean> {
  const run = await journal.git.run(['ls-files', '-z', '--', `:(literal)${relPath}`]).catch(() => undefined);
  return run?.code === 0 && run.stdout.length > 0;
}

async function whyWithheld(journal: Journal, relPath: string): Promise<string> {
  const damaged = 'is damaged (its encrypted form was cut short or changed)';
  const keys = await readKeys(journal.git).catch(() => undefined);
  let bytes: Buffer | undefined;
  try {
    bytes = readJournalBytes(journal.dir, relPath, { maxBytes: MAX_ENTRY_BYTES });
  } catch {
    return damaged;
  }
  if (!keys || !bytes) return damaged;
  try {
    decrypt(bytes, keys);
  } catch (error) {
    if (error instanceof DecryptError && error.reason === 'wrong-key')
      return "is encrypted with a different key than this clone's";
    if (error instanceof DecryptError && error.reason === 'version')
      return 'is encrypted by a newer intimacy than this one';
    return damaged;
  }
  return 'is still in its encrypted form here';
}
