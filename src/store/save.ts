import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { fileCalls as fs } from '../file-calls.js';
import { changedPaths } from '../git/branch-state.js';
import { prepareToCommit } from '../git/prepare.js';
import {
  ATTACHMENTS_DIR,
  type Attachment,
  isAttachmentPath,
  plannedPaths,
  storeAttachments,
  withAttachments,
} from './attachments.js';
import { commitJournalFiles, commitOrKeep, type JournalStore, markUncommitted, pendingMarkerPath } from './commit.js';
import { isEncryptedJournal } from './encryption-state.js';
import { refuseLinkOnTheWay } from './entries-folder.js';
import { ENCRYPTED_PREFIX, type Entry } from './entry.js';
import { writableEntryText } from './entry-files.js';
import { createNewFile, ensureJournalDir, exists } from './files.js';
import { SETTINGS_FILE } from './layout.js';
import { leftoverMessage } from './leftovers.js';
import { withJournalLock } from './lock.js';
import { entryId, entryLocation, isEntryPath } from './naming.js';
import { PRIVATE_ROOT } from './private.js';
import { FILE_LIMITS, readJournalBytes } from './safe-file.js';

export interface SavedEntry {
  id: string;
  /** relative to the journal, forward slashes */
  relPath: string;
  absPath: string;
  /** why git could not commit it (the file is safe and a later command commits it) */
  commitProblem?: string;
  /** files an earlier command left uncommitted, committed now */
  leftoversCommitted: number;
  /** kept on this computer only, never committed */
  private?: boolean;
  /** the files kept with it, from the journal's folder */
  attachments?: string[];
}

/** The partner's intimacy.yaml kept by sync when both changed it (see conflicts.ts). */
const SETTINGS_CONFLICT_COPY = /^intimacy-conflict_[^/]+\.yaml$/;

/** What `intimacy` itself commits: entries, their attachments, templates, decks, settings. Never stray or temp files. */
export function isJournalContent(relPath: string): boolean {
  return (
    isEntryPath(relPath) ||
    isAttachmentPath(relPath) ||
    relPath === SETTINGS_FILE ||
    /^(templates|decks)\/[^/.][^/]*\.ya?ml$/.test(relPath) ||
    SETTINGS_CONFLICT_COPY.test(relPath)
  );
}

/**
 * A marker in .intimacy/ says "files may be waiting for a commit". It is set before an entry is
 * written and whenever a commit fails, and cleared once everything is committed, so the common
 * case (nothing left over) costs no `git status` at all.
 */
function pendingMarker(journal: JournalStore): string {
  return pendingMarkerPath(journal.dir);
}

async function clearPending(journal: JournalStore): Promise<void> {
  await fs.rm(pendingMarker(journal), { force: true });
}

/** Where intimacy's own files live, for `git status`. */
const CONTENT_PATHSPECS = ['entries', ATTACHMENTS_DIR, 'templates', 'decks', SETTINGS_FILE, 'intimacy-conflict_*.yaml'];

/** intimacy's own files that differ from the last commit (read-only: takes no lock). */
export async function uncommittedContent(journal: Pick<JournalStore, 'dir' | 'git'>): Promise<string[]> {
  return (await changedPaths(journal.git, CONTENT_PATHSPECS))
    .filter(isJournalContent)
    .filter((relPath) => regularOrGone(journal.dir, relPath));
}

/**
 * Only files are the journal's to commit (or their deletion): a link, a pipe or a folder put
 * where a file was is left alone, so no commit records where a link points or pushes it.
 */
function regularOrGone(journalDir: string, relPath: string): boolean {
  try {
    return lstatSync(path.join(journalDir, relPath)).isFile();
  } catch {
    return true;
  }
}

/**
 * Changed files still in their encrypted form in an encrypted journal's folder. With the key,
 * git's filter writes every file out decrypted, so such a file was damaged here (cut short or
 * edited), or is another key's: the filter would store its bytes as they are, and the
 * partner's sync would refuse them by name. They are never committed; they stay on disk.
 * (Without the key nothing is committed at all: commitJournalFiles refuses.)
 */
export async function stillEncryptedChanges(dir: string, changed: string[]): Promise<string[]> {
  if (changed.length === 0 || !(await isEncryptedJournal(dir))) return [];
  return changed.filter((relPath) => startsEncrypted(dir, relPath));
}

/**
 * The changed paths under `dirs` that a commit of those folders whole (encrypt init's) must
 * leave out, judged as leftovers are: anything not of the journal's kinds (an ignored,
 * half-written temp file), a link, a pipe, and a file still in its encrypted form. `withheld`
 * names the last, which the user is told about.
 */
export async function notCommittedUnder(
  journal: Pick<JournalStore, 'dir' | 'git'>,
  dirs: string[],
): Promise<{ excluded: string[]; withheld: string[] }> {
  if (dirs.length === 0) return { excluded: [], withheld: [] };
  const changed = await changedPaths(journal.git, dirs);
  const content = changed.filter((relPath) => isJournalContent(relPath) && regularOrGone(journal.dir, relPath));
  const withheld = await stillEncryptedChanges(journal.dir, content);
  const kept = new Set(content.filter((relPath) => !withheld.includes(relPath)));
  return { excluded: changed.filter((relPath) => !kept.has(relPath)), withheld };
}

/** Through the journal's own reader: never a link, a pipe or a device, and never blocking. */
function startsEncrypted(dir: string, relPath: string): boolean {
  try {
    const bytes = readJournalBytes(dir, relPath, { maxBytes: FILE_LIMITS.entry });
    return bytes?.subarray(0, ENCRYPTED_PREFIX.length).toString('latin1') === ENCRYPTED_PREFIX;
  } catch {
    return false; // a link, a pipe, too big or unreadable: not ciphertext (and judged elsewhere)
  }
}

/** Commits whatever an earlier, interrupted command wrote but could not commit. */
/**
 * `except`: paths left uncommitted whatever they hold (sync's, for an intimacy.yaml that does not parse).
 * `withheld`: receives the files left uncommitted because they are still encrypted (see stillEncryptedChanges).
 */
export async function commitLeftovers(
  journal: JournalStore,
  options: { always?: boolean; except?: string[]; withheld?: string[] } = {},
): Promise<number> {
  const marked = await exists(pendingMarker(journal));
  if (!options.always && !marked) return 0;
  // Before looking: a merge an interrupted sync left would otherwise look like changes of ours.
  await prepareToCommit(journal.git);
  const candidates = (await uncommittedContent(journal)).filter((file) => !options.except?.includes(file));
  // A year or month folder put back as a link: its entries look deleted, and git would refuse them.
  refuseLinkOnTheWay(journal.dir, candidates);
  const damaged = await stillEncryptedChanges(journal.dir, candidates);
  for (const file of damaged) if (!options.withheld?.includes(file)) options.withheld?.push(file);
  const changed = candidates.filter((file) => !damaged.includes(file));
  const committed =
    changed.length > 0
      ? await commitJournalFiles(journal, changed, await leftoverMessage(journal.dir, changed, marked))
      : 0;
  await clearPending(journal);
  return committed;
}

export function commitMessage(entry: Entry): string {
  const article = /^[aeiou]/i.test(entry.type) ? 'an' : 'a';
  return `${entry.author} wrote ${article} ${entry.type} entry`;
}

/**
 * Writes a new entry file (never overwriting) and commits exactly that file.
 * The file is on disk before git runs, so a git failure costs the commit, never the entry.
 */
export async function saveEntry(
  journal: JournalStore,
  entry: Entry,
  when: Date,
  extra: SaveExtras = {},
): Promise<SavedEntry> {
  const [saved] = await saveEntries(journal, [entry], when, commitMessage(entry), extra);
  return saved!;
}

export interface SaveExtras {
  /** files kept with the entries (each entry links all of them), committed with them */
  attachments?: Attachment[];
  /** run under the lock before the commit: writes other files that belong in it, returns their paths */
  alongside?: () => Promise<string[]>;
}

/** Writes several entries (e.g. both partners' answers with --together) and commits them as one. */
export async function saveEntries(
  journal: JournalStore,
  given: Entry[],
  when: Date,
  message: string,
  extra: SaveExtras = {},
): Promise<SavedEntry[]> {
  const attachments = extra.attachments ?? [];
  // Checked before the lock and any file: an entry no reader would show is refused whole
  // (with its files' links as they will be, give or take a number that makes a name unique).
  const author = given[0]?.author ?? journal.me.name;
  const planned = plannedPaths(attachments, when, author);
  for (const entry of given) writableEntryText(withAttachments(entry, planned, attachments));
  return withJournalLock(journal.dir, async () => {
    let leftoversCommitted = 0;
    try {
      leftoversCommitted = await commitLeftovers(journal);
    } catch {
      // Leftovers wait for a later command; they must not stop these entries from being saved.
    }
    await markUncommitted(journal.dir);
    const stored = await storeAttachments(journal.dir, '', attachments, when, author);
    const entries = given.map((entry) => withAttachments(entry, stored, attachments));
    const texts = entries.map(writableEntryText);
    const relPaths: string[] = [];
    for (const [i, entry] of entries.entries()) {
      const location = entryLocation(when, entry.type, entry.author);
      const folder = await ensureJournalDir(journal.dir, location.dir);
      // Ids are unique across shared and private entries: pass over names a private entry has.
      const privateFolder = path.join(journal.dir, PRIVATE_ROOT, location.dir);
      const name = await createNewFile(folder, location.stem, texts[i]!, (candidate) =>
        existsSync(path.join(privateFolder, candidate)),
      );
      relPaths.push(`${location.dir}/${name}`);
    }
    const others = extra.alongside ? await extra.alongside() : [];
    const { commitProblem } = await commitOrKeep(journal, [...others, ...stored, ...relPaths], message);
    if (!commitProblem) await clearPending(journal);
    return relPaths.map((relPath, i) => ({
      id: entryId(relPath),
      relPath,
      absPath: path.join(journal.dir, relPath),
      commitProblem,
      leftoversCommitted: i === 0 ? leftoversCommitted : 0,
      ...(stored.length > 0 ? { attachments: stored } : {}),
    }));
  });
}
