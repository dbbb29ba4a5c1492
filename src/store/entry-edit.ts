import { existsSync } from 'node:fs';
import path from 'node:path';
import { EntryFormatError, FileProblem, UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { shownShellWord } from '../shell-word.js';
import type { JournalStore } from './commit.js';
import { commitOrKeep } from './commit.js';
import { type Entry, parseEntry } from './entry.js';
import { MAX_ENTRY_BYTES } from './entry-files.js';
import type { EntryFile } from './entry-folders.js';
import { ensureJournalDir, removeJournalFile, writeJournalFile } from './files.js';
import { STATE_DIR } from './layout.js';
import { withJournalLock } from './lock.js';
import { partsOf } from './misnamed.js';
import { candidateFileName, entryId } from './naming.js';
import { PRIVATE_ROOT } from './private.js';
import { FILE_LIMITS, readJournalText } from './safe-file.js';

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
  /** the same, relative to the journal */
  draftRel: string;
  journalDir: string;
  /** an earlier, unsaved edit of this entry was found and is being resumed */
  resumed: boolean;
}

export const EDITS_DIR = `${STATE_DIR}/edits`;

export async function startEdit(journal: JournalStore, file: EntryFile): Promise<EditSession> {
  // Read the safe way, but whatever it holds: editing is how a malformed entry gets fixed.
  const original = readJournalText(journal.dir, file.relPath, { maxBytes: MAX_ENTRY_BYTES });
  if (original === undefined) throw new UserError(`${file.relPath} is no longer there.`, 'Look with intimacy log.');
  const draftRel = `${EDITS_DIR}/${file.id}.md`;
  const earlier = readEditDraft(journal.dir, draftRel);
  const resumed = earlier !== undefined && earlier !== original;
  if (!resumed) await writeJournalFile(journal.dir, draftRel, original);
  return { file, original, draftPath: path.join(journal.dir, draftRel), draftRel, journalDir: journal.dir, resumed };
}

/** The edit copy, when one is there and readable (a link or a pipe planted there is not one). */
function readEditDraft(journalDir: string, draftRel: string): string | undefined {
  try {
    return readJournalText(journalDir, draftRel, { maxBytes: FILE_LIMITS.draft });
  } catch (error) {
    if (error instanceof FileProblem) return undefined;
    throw error;
  }
}

export type EditCheck =
  | { kind: 'unchanged' }
  | { kind: 'valid'; text: string; entry: Entry }
  | { kind: 'invalid'; text: string; problem: string };

/** What the draft holds now: no change, a valid entry, or why it is not one. */
export async function checkDraft(session: EditSession): Promise<EditCheck> {
  const text = readJournalText(session.journalDir, session.draftRel, { maxBytes: FILE_LIMITS.draft });
  if (text === undefined)
    throw new UserError(`Your edit (${session.draftPath}) is no longer there; the entry was not changed.`);
  if (text === session.original) return { kind: 'unchanged' };
  if (Buffer.byteLength(text) > MAX_ENTRY_BYTES)
    return {
      kind: 'invalid',
      text,
      problem: `it is bigger than ${MAX_ENTRY_BYTES / 1024} KiB, the most an entry holds`,
    };
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
  await removeJournalFile(session.journalDir, session.draftRel);
}

export function editMessage(file: EntryFile, entry: Entry, renamedFrom?: string): string {
  return `edit: ${entry.author}'s ${entry.type} entry ${file.id}${renamedFrom ? ` (was ${renamedFrom})` : ''}`;
}

/**
 * The file name an edited entry takes: the same stamp, the type and author its front matter now
 * has. Undefined when the name already says them (or the file is a conflict copy, whose name
 * pairs it with its original: settling the conflict removes it anyway).
 */
export function renamedStem(file: EntryFile, entry: Pick<Entry, 'type' | 'author'>): string | undefined {
  if (file.conflictCopy) return undefined;
  const { typeSlug, authorSlug } = partsOf(entry);
  if (typeSlug === file.typeSlug && authorSlug === file.authorSlug) return undefined;
  return `${file.stamp}-${typeSlug}-${authorSlug}`;
}

/** Where an entry is kept: shared (entries/, committed) or private (this computer only, never committed). */
function isPrivatePath(relPath: string): boolean {
  return relPath.startsWith(`${PRIVATE_ROOT}/`);
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
  options: { renameTo?: string } = {},
): Promise<{ commitProblem?: string; renamed?: { id: string; relPath: string } }> {
  return withJournalLock(journal.dir, async () => {
    const now = readJournalText(journal.dir, session.file.relPath, { maxBytes: MAX_ENTRY_BYTES });
    if (now !== session.original) {
      throw new UserError(
        `${session.file.relPath} changed while you were editing it; it was not overwritten.`,
        `Your edit is kept in ${session.draftPath}; run intimacy edit ${shownShellWord(session.file.id)} again to merge it by hand.`,
      );
    }
    const old = session.file.relPath;
    const renamed = options.renameTo ? await writeRenamed(journal.dir, old, options.renameTo, text) : undefined;
    if (!renamed) await writeJournalFile(journal.dir, old, text);
    await discardDraft(session);
    // A private entry stays on this computer: it is never committed, edited or not.
    if (isPrivatePath(old)) return renamed ? { renamed } : {};
    const message = renamed
      ? editMessage({ ...session.file, id: renamed.id }, entry, session.file.id)
      : editMessage(session.file, entry);
    // The old name's deletion and the new name in one commit: git (and the partner's sync) sees
    // the entry go from one name to the other in one step.
    const committed = await commitOrKeep(journal, renamed ? [old, renamed.relPath] : [old], message);
    return renamed ? { ...committed, renamed } : committed;
  });
}

/**
 * The edited text under its new name in the same folder (`stem`, or stem-2… when taken, and
 * never a name the other side, shared or private, has: an id names one entry). The text is
 * written in place first, then the file renamed, which is one step: a command killed on the way
 * leaves one file, under its old name with the new text (which filters still find by its front
 * matter) or under the new one, never two copies of the entry.
 */
async function writeRenamed(
  journalDir: string,
  old: string,
  stem: string,
  text: string,
): Promise<{ id: string; relPath: string }> {
  const dir = path.posix.dirname(old);
  const other = isPrivatePath(old) ? dir.slice(PRIVATE_ROOT.length + 1) : `${PRIVATE_ROOT}/${dir}`;
  await writeJournalFile(journalDir, old, text);
  const folder = await ensureJournalDir(journalDir, dir);
  // Under the journal's lock: no other command of intimacy's writes a name here meanwhile.
  let name: string | undefined;
  for (let attempt = 1; attempt < 1000 && name === undefined; attempt++) {
    const candidate = candidateFileName(stem, attempt);
    if (!existsSync(path.join(folder, candidate)) && !existsSync(path.join(journalDir, other, candidate)))
      name = candidate;
  }
  if (name === undefined) throw new Error(`could not find a free file name for ${stem} in ${dir}`);
  await fs.rename(path.join(journalDir, old), path.join(folder, name));
  const relPath = `${dir}/${name}`;
  return { id: entryId(relPath), relPath };
}
