import path from 'node:path';
import { serializeEntry, type Entry } from './entry.js';
import { commitAuthor, type Journal } from './journal.js';
import { withJournalLock } from './lock.js';
import { entryId, entryLocation, isEntryPath } from './naming.js';
import { CommitFailedError } from './repo.js';
import { SETTINGS_FILE } from './settings.js';
import { createNewFile } from './store.js';

export interface SavedEntry {
  id: string;
  /** relative to the journal, forward slashes */
  relPath: string;
  absPath: string;
  /** why git could not commit it (the file is safe and a later command commits it) */
  commitProblem?: string;
  /** files an earlier command left uncommitted, committed now */
  leftoversCommitted: number;
}

/** The partner's intimacy.yaml kept by sync when both changed it (see conflicts.ts). */
const SETTINGS_CONFLICT_COPY = /^intimacy-conflict_[^/]+\.yaml$/;

/** What `intimacy` itself commits: entries, templates, settings. Never stray or temp files. */
export function isJournalContent(relPath: string): boolean {
  return isEntryPath(relPath) || relPath === SETTINGS_FILE || /^templates\/[^/.][^/]*\.ya?ml$/.test(relPath) || SETTINGS_CONFLICT_COPY.test(relPath);
}

/** Commits whatever an earlier, interrupted command wrote but could not commit. */
export async function commitLeftovers(journal: Journal): Promise<number> {
  const changed = (await journal.repo.changedPaths(['entries', 'templates', SETTINGS_FILE, 'intimacy-conflict_*.yaml'])).filter(isJournalContent);
  if (changed.length === 0) return 0;
  const noun = changed.length === 1 ? 'file' : 'files';
  await journal.repo.commitPaths(changed, `Commit ${changed.length} ${noun} left uncommitted`, commitAuthor(journal.me, journal.gitConfig));
  return changed.length;
}

export function commitMessage(entry: Entry): string {
  return `${entry.author} wrote a ${entry.type} entry`;
}

/**
 * Writes a new entry file (never overwriting) and commits exactly that file.
 * The file is on disk before git runs, so a git failure costs the commit, never the entry.
 */
export async function saveEntry(journal: Journal, entry: Entry, when: Date): Promise<SavedEntry> {
  const location = entryLocation(when, entry.type, entry.author);
  const content = serializeEntry(entry);
  return withJournalLock(journal.dir, async () => {
    let leftoversCommitted = 0;
    let commitProblem: string | undefined;
    try {
      leftoversCommitted = await commitLeftovers(journal);
    } catch {
      // Leftovers wait for a later command; they must not stop this entry from being saved.
    }
    const name = await createNewFile(path.join(journal.dir, location.dir), location.stem, content);
    const relPath = `${location.dir}/${name}`;
    try {
      await journal.repo.commitPaths([relPath], commitMessage(entry), commitAuthor(journal.me, journal.gitConfig));
    } catch (error) {
      if (!(error instanceof CommitFailedError)) throw error;
      commitProblem = error.reason;
    }
    return { id: entryId(relPath), relPath, absPath: path.join(journal.dir, relPath), commitProblem, leftoversCommitted };
  });
}
