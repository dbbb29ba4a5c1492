import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EntryFormatError, UserError } from '../errors.js';
import type { JournalStore } from './commit.js';
import { commitOrKeep } from './commit.js';
import { type Entry, parseEntry } from './entry.js';
import type { EntryFile } from './entry-folders.js';
import { ensureDir, readTextIfExists, writeFileAtomic } from './files.js';
import { STATE_DIR } from './layout.js';
import { withJournalLock } from './lock.js';

/*
 * Editing an entry safely: the user edits a draft copy in .intimacy/edits/, never the entry
 * itself, so a half-saved or invalid edit cannot damage it. The draft is only removed once
 * the edit is saved or found unchanged: a rejected edit stays there and is resumed next time.
 */

export interface EditSession {
  file: EntryFile;
  /** the entry's text as it was when the edit started */
  original: string;
  draftPath: string;
  /** an earlier, unsaved edit of this entry was found and is being resumed */
  resumed: boolean;
}

export const EDITS_DIR = `${STATE_DIR}/edits`;

export async function startEdit(journal: JournalStore, file: EntryFile): Promise<EditSession> {
  const original = await fs.readFile(path.join(journal.dir, file.relPath), 'utf8');
  const dir = path.join(journal.dir, EDITS_DIR);
  await ensureDir(dir);
  const draftPath = path.join(dir, `${file.id}.md`);
  const earlier = await readTextIfExists(draftPath);
  const resumed = earlier !== undefined && earlier !== original;
  if (!resumed) await writeFileAtomic(draftPath, original);
  return { file, original, draftPath, resumed };
}

export type EditCheck =
  | { kind: 'unchanged' }
  | { kind: 'valid'; text: string; entry: Entry }
  | { kind: 'invalid'; text: string; problem: string };

/** What the draft holds now: no change, a valid entry, or why it is not one. */
export async function checkDraft(session: EditSession): Promise<EditCheck> {
  const text = await fs.readFile(session.draftPath, 'utf8');
  if (text === session.original) return { kind: 'unchanged' };
  try {
    return { kind: 'valid', text, entry: parseEntry(text, session.file.relPath) };
  } catch (error) {
    // Said as the line of the file the user just had open, not as the file's path.
    if (error instanceof EntryFormatError)
      return { kind: 'invalid', text, problem: error.line ? `line ${error.line}: ${error.reason}` : error.reason };
    throw error;
  }
}

export async function discardDraft(session: EditSession): Promise<void> {
  await fs.rm(session.draftPath, { force: true });
}

export function editMessage(file: EntryFile, entry: Entry): string {
  return `edit: ${entry.author}'s ${entry.type} entry ${file.id}`;
}

/**
 * Replaces the entry with the edited text and commits exactly that file, under the journal
 * write lock. If the entry changed on disk meanwhile (a sync, another edit), nothing is
 * overwritten: the draft stays and the user is told.
 */
export async function saveEdit(
  journal: JournalStore,
  session: EditSession,
  text: string,
  entry: Entry,
): Promise<{ commitProblem?: string }> {
  const target = path.join(journal.dir, session.file.relPath);
  return withJournalLock(journal.dir, async () => {
    const now = await readTextIfExists(target);
    if (now !== session.original) {
      throw new UserError(
        `${session.file.relPath} changed while you were editing it; it was not overwritten.`,
        `Your edit is kept in ${session.draftPath}; run intimacy edit ${session.file.id} again to merge it by hand.`,
      );
    }
    await writeFileAtomic(target, text);
    await discardDraft(session);
    return commitOrKeep(journal, [session.file.relPath], editMessage(session.file, entry));
  });
}
