import path from 'node:path';
import { serializeEntry, type Entry } from './entry.js';
import { STATE_DIR, type Journal } from './journal.js';
import { withJournalLock } from './lock.js';
import { entryId, entryLocation } from './naming.js';
import type { SavedEntry } from './save.js';
import { createNewFile, ensureJournalDir } from './store.js';

/**
 * Private entries live in .intimacy/private/entries/YYYY/MM/ on this computer only: .intimacy/
 * is git-ignored, so they are never committed, pushed or seen by the partner's clone.
 */
export const PRIVATE_ROOT = `${STATE_DIR}/private`;

export function isPrivatePath(relPath: string): boolean {
  return relPath.startsWith(`${PRIVATE_ROOT}/`);
}

export async function savePrivateEntry(journal: Journal, entry: Entry, when: Date): Promise<SavedEntry> {
  const location = entryLocation(when, entry.type, entry.author);
  const marked: Entry = { ...entry, fields: { ...entry.fields, private: true } };
  return withJournalLock(journal.dir, async () => {
    const folder = await ensureJournalDir(journal.dir, `${PRIVATE_ROOT}/${location.dir}`);
    const name = await createNewFile(folder, location.stem, serializeEntry(marked));
    const relPath = `${PRIVATE_ROOT}/${location.dir}/${name}`;
    return { id: entryId(relPath), relPath, absPath: path.join(journal.dir, relPath), leftoversCommitted: 0, private: true };
  });
}
