import { UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import type { Entry } from '../store/entry.js';
import { readEntryFile } from '../store/entry-files.js';
import type { EntryFile } from '../store/entry-folders.js';

/** Is this entry an answer still sealed (its key not in the journal yet)? A file that does not read is not. */
export async function isSealedAnswer(
  journal: Journal,
  file: Pick<EntryFile, 'relPath' | 'typeSlug'>,
): Promise<boolean> {
  if (file.typeSlug !== 'question') return false;
  try {
    return isStillSealed(await readEntryFile(journal.dir, file));
  } catch {
    return false;
  }
}

/** An answer whose words are still ciphertext: sealed, and its key not in the journal yet. Pure. */
export function isStillSealed(entry: Pick<Entry, 'type' | 'fields'>): boolean {
  return entry.type === 'question' && typeof entry.fields.sealed === 'string' && entry.fields.key === undefined;
}

/**
 * A sealed answer is not edited: its words are ciphertext until both have answered, and writing
 * them into the file would show them to the partner before their turn.
 */
export async function refuseSealed(journal: Journal, file: EntryFile, doing: string): Promise<void> {
  if (await isSealedAnswer(journal, file))
    throw new UserError(
      `${file.id} is a sealed answer: it cannot be ${doing} until you have both answered.`,
      'See where it stands with intimacy questions.',
    );
}
