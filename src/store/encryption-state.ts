import { FileProblem, UserError } from '../errors.js';
import type { GitConfigValues } from '../git/config.js';
import type { Git } from '../git/git.js';
import { exists } from './files.js';
import { ATTRIBUTES_FILE, KEY_PATH } from './layout.js';
import { FILE_LIMITS, readJournalText } from './safe-file.js';

/** Encrypted: .gitattributes sends files through the intimacy filter. */
export async function isEncryptedJournal(dir: string): Promise<boolean> {
  let text: string | undefined;
  try {
    text = readJournalText(dir, ATTRIBUTES_FILE, { maxBytes: FILE_LIMITS.small });
  } catch (error) {
    // A link, a pipe, a huge file: git itself does not read such a .gitattributes either.
    if (error instanceof FileProblem) return false;
    throw error;
  }
  return text !== undefined && /filter=intimacy/.test(text);
}

/** A journal as far as encryption is concerned: its folder, its git, and the config read when it was opened. */
export interface JournalAccess {
  dir: string;
  git: Git;
  gitConfig: GitConfigValues;
}

/**
 * An encrypted journal that this clone cannot read or write: without the key, or without the
 * filter wired into this clone, it would only see ciphertext, and would commit plain text
 * where the partner expects ciphertext.
 */
export async function lacksKey(journal: JournalAccess): Promise<boolean> {
  if (!(await isEncryptedJournal(journal.dir))) return false;
  return !(journal.gitConfig.filterConfigured && (await exists(await journal.git.gitPath(KEY_PATH))));
}

/** Why a clone of an encrypted journal without the key commits nothing (ui/saved.ts words it). */
export const NO_KEY_REASON = 'this journal is encrypted and this clone has no key yet';

export const IMPORT_KEY_HINT =
  'Import the key your partner exports (intimacy encrypt export-key > key.txt) with intimacy encrypt import-key key.txt';

/** Reading commands call this: without the key there is nothing to read but ciphertext. */
export async function assertReadable(journal: JournalAccess): Promise<void> {
  if (await lacksKey(journal)) {
    throw new UserError(
      'This journal is encrypted and this clone has no key, so its entries cannot be read here.',
      'Ask your partner for it (intimacy encrypt export-key) and run intimacy encrypt import-key FILE.',
    );
  }
}
