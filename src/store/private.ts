import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Attachment, plannedPaths, storeAttachments, withAttachments } from './attachments.js';
import type { JournalStore } from './commit.js';
import type { Entry } from './entry.js';
import { readEntryFile, scanEntryFiles, writableEntryText } from './entry-files.js';
import { createNewFile, ensureJournalDir } from './files.js';
import { STATE_DIR } from './layout.js';
import { withJournalLock } from './lock.js';
import { entryId, entryLocation, slugify } from './naming.js';
import type { SavedEntry } from './save.js';
import type { EntrySummary } from './summaries.js';

/**
 * Private entries live in .intimacy/private/entries/YYYY/MM/ on this computer only: .intimacy/
 * is git-ignored, so they are never committed, pushed or seen by the partner's clone.
 */
export const PRIVATE_ROOT = `${STATE_DIR}/private`;
/** laid out like entries/: YYYY/MM/<stamp>-<type>-<author>.md */
export const PRIVATE_ENTRIES = `${PRIVATE_ROOT}/entries`;

export async function savePrivateEntry(
  journal: JournalStore,
  entry: Entry,
  when: Date,
  attachments: Attachment[] = [],
): Promise<SavedEntry> {
  const location = entryLocation(when, entry.type, entry.author);
  const marked: Entry = { ...entry, fields: { ...entry.fields, private: true } };
  writableEntryText(withAttachments(marked, plannedPaths(attachments, when, entry.author), attachments));
  return withJournalLock(journal.dir, async () => {
    // Its files stay beside it, in .intimacy/private/attachments/: never committed either.
    const stored = await storeAttachments(journal.dir, PRIVATE_ROOT, attachments, when, entry.author);
    const text = writableEntryText(withAttachments(marked, stored, attachments));
    const folder = await ensureJournalDir(journal.dir, `${PRIVATE_ROOT}/${location.dir}`); // location.dir starts with entries/
    // An id names one entry, shared or private: skip names the shared folder already has.
    const shared = path.join(journal.dir, location.dir);
    const name = await createNewFile(folder, location.stem, text, (candidate) =>
      existsSync(path.join(shared, candidate)),
    );
    const relPath = `${PRIVATE_ROOT}/${location.dir}/${name}`;
    return {
      id: entryId(relPath),
      relPath,
      absPath: path.join(journal.dir, relPath),
      leftoversCommitted: 0,
      private: true,
      ...(stored.length > 0 ? { attachments: stored.map((file) => `${PRIVATE_ROOT}/${file}`) } : {}),
    };
  });
}

/** This author's own private entries, as summaries (for stats and status on this computer). */
export async function loadOwnPrivateSummaries(
  journal: JournalStore,
  mine: string[] = [slugify(journal.me.name)],
): Promise<EntrySummary[]> {
  const summaries: EntrySummary[] = [];
  for (const file of (await scanEntryFiles(journal.dir, PRIVATE_ENTRIES)).files) {
    if (!mine.includes(file.authorSlug)) continue;
    try {
      const { type, author, date, tags, fields } = await readEntryFile(journal.dir, file);
      summaries.push({ id: file.id, relPath: file.relPath, type, author, date, tags, fields });
    } catch {
      // a damaged private file is left alone; log and grep name it
    }
  }
  return summaries;
}
