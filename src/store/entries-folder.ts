import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { shellWord } from '../shell-word.js';
import { ENTRIES_DIR } from './naming.js';

/**
 * entries/ is the journal's own folder, never a link to one: moved elsewhere and linked back,
 * it is a link that readers do not follow (log would find no entry), and to git every entry
 * is then deleted, which the next commit or sync must not take for a change to share. Every
 * command on the journal stops at it first, and says how to put the folder back.
 */
export function refuseLinkedEntries(journalDir: string): void {
  const entries = path.join(journalDir, ENTRIES_DIR);
  let target: string;
  try {
    if (!lstatSync(entries, { throwIfNoEntry: false })?.isSymbolicLink()) return;
    target = path.resolve(journalDir, readlinkSync(entries));
  } catch {
    return; // not there to look at: whatever reads it next says why
  }
  throw new UserError(
    `${entries} is a link to ${target}: intimacy does not follow links in a journal, and git would count every entry as deleted. Nothing was changed.`,
    `Put the folder itself back in the journal: rm ${shellWord(entries)} && mv ${shellWord(target)} ${shellWord(entries)}`,
  );
}
