import { readKeys } from '../crypto/keystore.js';
import { whyStillEncrypted } from '../crypto/still-encrypted.js';
import type { Git } from '../git/git.js';
import { isEncryptedJournal } from '../store/encryption-state.js';
import { STILL_ENCRYPTED } from '../store/entry.js';
import { MAX_ENTRY_BYTES } from '../store/entry-files.js';
import type { EntryProblem } from '../store/entry-folders.js';
import { readJournalBytes } from '../store/safe-file.js';

/**
 * Skipped entry files as a reader should hear of them. A file left encrypted reads as "no key"
 * to the entry parser, which sees only text (and the front matter cache keeps that reason); in
 * a clone that has the key, that is wrong: the file is damaged, or for another key. So the
 * reason is replaced here, from the file and the key, when the journal is encrypted and this
 * clone holds its key; otherwise problems pass as they are.
 */
export async function explainSkipped(journal: {
  dir: string;
  git: Git;
}): Promise<(problem: EntryProblem) => EntryProblem> {
  const same = (problem: EntryProblem) => problem;
  if (!(await isEncryptedJournal(journal.dir))) return same;
  const keys = await readKeys(journal.git).catch(() => undefined);
  if (!keys) return same;
  return (problem) => {
    if (problem.reason !== STILL_ENCRYPTED) return problem;
    let bytes: Buffer | undefined;
    try {
      bytes = readJournalBytes(journal.dir, problem.relPath, { maxBytes: MAX_ENTRY_BYTES });
    } catch {
      return problem; // gone or changed since it was read: the reason it was skipped for stands
    }
    return bytes ? { relPath: problem.relPath, reason: whyStillEncrypted(bytes, keys, problem.relPath) } : problem;
  };
}
