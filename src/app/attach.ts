import path from 'node:path';
import { attributesWithAttachments } from '../crypto/setup.js';
import type { Journal } from '../journal/journal.js';
import { type Attachment, readAttachments } from '../store/attachments.js';
import { isEncryptedJournal } from '../store/encryption-state.js';
import { writeFileAtomic } from '../store/files.js';
import { ATTRIBUTES_FILE } from '../store/layout.js';
import { FILE_LIMITS, readJournalText } from '../store/safe-file.js';
import type { CommandContext } from './context.js';

/*
 * `--attach FILE` on every writing command: the files are read and their photos cleaned before
 * any question is asked or anything is written (a missing or unreadable file writes nothing),
 * then saved with the entry in its commit (write-entry.ts).
 */

/** The --attach files, read and checked; [] when none were given. */
export function attachmentsOf(ctx: Pick<CommandContext, 'cwd'>, given: string[] | undefined): Attachment[] {
  return given && given.length > 0 ? readAttachments(ctx.cwd, given) : [];
}

/**
 * In a journal encrypted before it could have attachments, .gitattributes learns to encrypt
 * them too, in the commit of the first one (git reads the new line when it adds the files).
 * Returns the files to commit with them.
 */
export async function encryptAttachmentsToo(journal: Journal): Promise<string[]> {
  if (!(await isEncryptedJournal(journal.dir))) return [];
  const text = readJournalText(journal.dir, ATTRIBUTES_FILE, { maxBytes: FILE_LIMITS.small }) ?? '';
  const updated = attributesWithAttachments(text);
  if (updated === undefined) return [];
  await writeFileAtomic(path.join(journal.dir, ATTRIBUTES_FILE), updated);
  return [ATTRIBUTES_FILE];
}
