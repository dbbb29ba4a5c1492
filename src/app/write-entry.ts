import type { Journal } from '../journal/journal.js';
import type { Attachment } from '../store/attachments.js';
import type { Entry } from '../store/entry.js';
import { savePrivateEntry } from '../store/private.js';
import { type SavedEntry, saveEntries, saveEntry } from '../store/save.js';
import { reportAttachments, reportSaved } from '../ui/saved.js';
import { encryptAttachmentsToo } from './attach.js';
import { autosyncAfterSave } from './autosync.js';

export interface WriteOptions {
  /** the moment the entries are filed under (their names and folders) */
  when: Date;
  /** keep it on this computer only: never committed, never synced (one person's entry) */
  private?: boolean;
  env: NodeJS.ProcessEnv;
  /** files kept with the entries (--attach), read and cleaned already (app/attach.ts) */
  attachments?: Attachment[];
  /** work to do once the entries are saved and reported, before autosync sends them */
  beforeSync?: () => Promise<void>;
}

/**
 * The one way a command writes new entries: save them (one, or both partners' answers with
 * --together in one commit), say what happened to each, then sync when autosync is on.
 */
export async function writeEntries(journal: Journal, entries: Entry[], options: WriteOptions): Promise<void> {
  const [first] = entries;
  if (!first) return;
  const attachments = options.attachments ?? [];
  if (options.private) {
    const saved = await savePrivateEntry(journal, first, options.when, attachments);
    reportSaved(saved, first.type);
    reportAttachments(saved, attachments);
    return;
  }
  const extra = attachments.length > 0 ? { attachments, alongside: () => encryptAttachmentsToo(journal) } : {};
  const saved: SavedEntry[] =
    entries.length === 1
      ? [await saveEntry(journal, first, options.when, extra)]
      : await saveEntries(journal, entries, options.when, togetherMessage(entries), extra);
  for (const [i, one] of saved.entries()) {
    reportSaved(one, entries[i]?.type ?? first.type);
  }
  if (saved[0]) reportAttachments(saved[0], attachments);
  await options.beforeSync?.();
  await autosyncAfterSave(journal, options.env, () => options.when);
}

/** "Alex and Jordan wrote checkin entries together" */
function togetherMessage(entries: Entry[]): string {
  return `${entries.map((entry) => entry.author).join(' and ')} wrote ${entries[0]?.type} entries together`;
}
