import type { Journal } from '../journal/journal.js';
import { REPLY_TYPE, repliesTo } from '../reading/replies.js';
import type { ReadEntry } from '../reading/select.js';
import type { EntryWalk } from '../reading/walk.js';
import { authorName } from '../store/authors.js';
import { readEntryFile } from '../store/entry-files.js';
import { byId, type EntryFile } from '../store/entry-folders.js';
import { ENTRIES_DIR } from '../store/naming.js';

/*
 * The replies to what log and show list, found by name: a reply is a shared entry file of
 * type `reply` (entries/YYYY/MM/<stamp>-reply-<author>.md) naming the entry it answers in its
 * front matter. A reply is written after the entry it answers, so its stamp is later, unless
 * the replier's clock was behind the writer's: replies are looked for from the month before
 * the oldest listed entry's to the newest, which allows for a clock a month behind, and only
 * those files are read. Private entries are never replies (a reply is always shared), and a
 * conflict copy is a second version of a reply, not another one; a damaged reply is left out.
 */

/** How many replies each of `listed` has, by its id. */
export async function replyCounts(
  walk: EntryWalk,
  journal: Journal,
  listed: EntryFile[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const [target, list] of await repliesFor(walk, journal, listed)) counts.set(target, list.length);
  return counts;
}

/** The replies to each of `listed`, oldest first, read in full, with their authors as the journal names them now. */
export async function repliesFor(
  walk: EntryWalk,
  journal: Journal,
  listed: EntryFile[],
): Promise<Map<string, ReadEntry[]>> {
  const wanted = new Set(listed.map((file) => file.id));
  const found = new Map<string, ReadEntry[]>();
  for (const reply of await repliesNear(walk, journal, listed)) {
    const target = repliesTo(reply.entry);
    // A reply naming itself (only a hand-made file can) answers nothing: not counted, nor shown under itself.
    if (target === undefined || target === reply.file.id || !wanted.has(target)) continue;
    let list = found.get(target);
    if (!list) found.set(target, (list = []));
    list.push(reply);
  }
  return found;
}

/** Every well-formed reply from the month before the oldest of `listed` on, oldest first. */
async function repliesNear(walk: EntryWalk, journal: Journal, listed: EntryFile[]): Promise<ReadEntry[]> {
  if (listed.length === 0) return [];
  // Stamps sort as their times do: one Date is made, not one for each of a whole log's lines.
  const oldest = listed.reduce((min, file) => (file.stamp < min.stamp ? file : min));
  const files = (await walk.typeSince(REPLY_TYPE, monthBefore(oldest.time)))
    .filter((file) => !file.conflictCopy && file.relPath.startsWith(`${ENTRIES_DIR}/`))
    .sort(byId);
  const read = await Promise.all(
    files.map(async (file) => {
      try {
        const entry = await readEntryFile(journal.dir, file);
        return { file, entry: { ...entry, author: authorName(journal.settings, entry.author) } };
      } catch {
        return undefined; // log and show name a damaged file where they list it
      }
    }),
  );
  return read.filter((reply): reply is ReadEntry => reply !== undefined && repliesTo(reply.entry) !== undefined);
}

/** `YYYY/MM` of the UTC month before `date`'s (folders are UTC months, as stamps are). */
function monthBefore(date: Date): string {
  const before = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1));
  return `${String(before.getUTCFullYear()).padStart(4, '0')}/${String(before.getUTCMonth() + 1).padStart(2, '0')}`;
}
