import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { CommitFailedError, UsageError, UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { isGuessed } from '../journal/identity.js';
import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { parseSettings, type Settings } from '../journal/settings.js';
import { shownShellWord } from '../shell-word.js';
import { partnerNamed, slugsOf } from '../store/authors.js';
import { commitJournalFiles } from '../store/commit.js';
import { MAX_ENTRY_BYTES } from '../store/entry-files.js';
import { writeFileAtomic } from '../store/files.js';
import { SETTINGS_FILE, TEMPLATES_DIR } from '../store/layout.js';
import { candidateFileName, ENTRIES_DIR, entryId, isEntryPath, parseEntryName } from '../store/naming.js';
import { copyNameOf } from './conflict-copy.js';
import { settingsNamesProblem } from './incoming-names.js';

/*
 * The conflict copies sync keeps when both partners changed one file: which are still open,
 * whose version each file holds, and settling one (keep mine, theirs, or both) in a commit.
 */

export type Keep = 'mine' | 'theirs' | 'both';

export interface OpenConflict {
  /** what to type in `intimacy conflicts resolve`: the copy's entry id, or its path */
  id: string;
  /** the file the copy is a version of */
  path: string;
  copy: string;
  kind: 'entry' | 'settings' | 'template';
  /** whose version the copy holds, as the journal names them */
  copyFrom: string;
  /** which of the two files holds this user's version */
  mineIn: 'path' | 'copy';
  /** the two texts (undefined: the file is gone, or is not a plain readable file) */
  pathText?: string;
  copyText?: string;
}

/** Every open conflict copy in the journal folder, oldest first. */
export async function openConflicts(journal: Journal): Promise<OpenConflict[]> {
  const listed = await journal.git.text([
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--',
    ENTRIES_DIR,
    TEMPLATES_DIR,
    'intimacy-conflict_*.yaml',
  ]);
  const mySlugs = new Set(slugsOf(journal.settings, journal.me.name));
  const conflicts: OpenConflict[] = [];
  for (const copy of [...new Set(listed.split('\0').filter(Boolean))].sort()) {
    const name = copyNameOf(copy);
    if (!name) continue;
    const copyText = readPlain(path.join(journal.dir, copy));
    if (copyText === undefined) continue; // settled by hand meanwhile, or not a file
    const kind = isEntryPath(copy) ? 'entry' : name.original === SETTINGS_FILE ? 'settings' : 'template';
    conflicts.push({
      id: kind === 'entry' ? entryId(copy) : copy,
      path: name.original,
      copy,
      kind,
      copyFrom: partnerNamed(journal.settings, name.whoSlug) ?? name.whoSlug,
      mineIn: mySlugs.has(name.whoSlug) ? 'copy' : 'path',
      pathText: readPlain(path.join(journal.dir, name.original)),
      copyText,
    });
  }
  return conflicts;
}

/** The one open conflict `id` names: a copy's id or path, or the original's, or a unique prefix of one. */
export function findConflict(conflicts: OpenConflict[], id: string): OpenConflict {
  const wanted = id.trim();
  // Every id starts with "": an empty one (a shell variable left unset) must not pick the only conflict.
  if (wanted === '')
    throw new UsageError(
      'Give the id of the conflict to settle; nothing was changed.',
      'intimacy conflicts lists them, with their ids.',
    );
  const exact = conflicts.filter((c) => [c.id, c.copy, c.path, entryId(c.path)].includes(wanted));
  const found =
    exact.length > 0
      ? exact
      : conflicts.filter((c) => c.id.startsWith(wanted) || (c.kind === 'entry' && entryId(c.path).startsWith(wanted)));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new UsageError(
      conflicts.length === 0 ? 'There is no open conflict to settle.' : `No open conflict matches "${wanted}".`,
      conflicts.length === 0 ? undefined : 'intimacy conflicts lists them, with their ids.',
    );
  }
  throw new UsageError(
    `"${wanted}" matches ${found.length} open conflicts: ${found.map((c) => c.id).join(', ')}.`,
    'Give more of the id.',
  );
}

export interface Settled {
  conflict: OpenConflict;
  keep: Keep;
  /** where the kept versions are now */
  kept: string[];
  commitProblem?: string;
}

/**
 * Settles one conflict in a commit: `mine` or `theirs` keeps that version at the original path
 * and removes the copy; `both` (entries only) keeps the copy as an entry of its own.
 */
export async function settleConflict(journal: Journal, conflict: OpenConflict, keep: Keep): Promise<Settled> {
  const dir = journal.dir;
  const abs = (file: string) => path.join(dir, file);
  if (keep === 'both') {
    if (conflict.kind !== 'entry') {
      throw new UsageError(
        `Both versions of ${conflict.path} cannot be kept: the journal has one ${conflict.kind === 'settings' ? 'settings file' : 'template of that name'}.`,
        `Keep one: intimacy conflicts resolve ${shownShellWord(conflict.id)} --keep mine (or theirs).`,
      );
    }
    const renamed = await freeEntryName(journal, conflict.copy);
    await fs.rename(abs(conflict.copy), abs(renamed));
    const problem = await commit(
      journal,
      [conflict.copy, renamed],
      `Settle the conflict in ${conflict.path}: keep both versions`,
    );
    return { conflict, keep, kept: [conflict.path, renamed], ...problem };
  }
  const wantCopy = (keep === 'mine') === (conflict.mineIn === 'copy');
  if (wantCopy) {
    if (conflict.copyText === undefined) throw new UsageError(`${conflict.copy} cannot be read; nothing was changed.`);
    // Whichever side its name gives it: a copy that arrived through git may carry any name.
    if (conflict.kind === 'settings') refuseNamesMerged(journal, conflict, conflict.copyText, keep);
    await writeFileAtomic(abs(conflict.path), conflict.copyText);
  }
  await fs.rm(abs(conflict.copy), { force: true });
  const whose = keep === 'mine' ? journal.me.name : conflict.mineIn === 'path' ? conflict.copyFrom : partnerOf(journal);
  const problem = await commit(
    journal,
    [conflict.path, conflict.copy],
    `Settle the conflict in ${conflict.path}: keep ${whose ? `${whose}'s` : 'the other'} version`,
  );
  return { conflict, keep, kept: [conflict.path], ...problem };
}

/**
 * The copy's intimacy.yaml, taken over the one in place, may not make two of the journal's
 * people one: sync refuses such a file (integrate.ts), and a conflict settled by hand is no way
 * round it, whether the copy is named as the partner's version or as yours (a partner can push
 * a copy under either name).
 */
function refuseNamesMerged(journal: Journal, conflict: OpenConflict, text: string, keep: 'mine' | 'theirs'): void {
  let theirs: Settings;
  try {
    theirs = parseSettings(text);
  } catch {
    return; // a broken file: the settings' own checks say so once it is in place
  }
  const me = isGuessed(journal.me.source) ? undefined : journal.me.name;
  const problem = settingsNamesProblem(journal.settings, theirs, me);
  if (!problem) return;
  throw new UserError(
    `The version of ${SETTINGS_FILE} in ${conflict.copy} ${problem.text}; nothing was changed.`,
    `Keep the one in ${SETTINGS_FILE} (intimacy conflicts resolve ${shownShellWord(conflict.id)} --keep ${keep === 'mine' ? 'theirs' : 'mine'}), or ${problem.ask} ${conflict.copy} first.`,
  );
}

async function commit(journal: Journal, paths: string[], message: string): Promise<{ commitProblem?: string }> {
  try {
    await commitJournalFiles(journal, paths, message);
    return {};
  } catch (error) {
    if (error instanceof CommitFailedError) return { commitProblem: error.reason };
    throw error;
  }
}

/** The copy's entry name without its conflict part, numbered so that it is free. */
async function freeEntryName(journal: Journal, copy: string): Promise<string> {
  const folder = copy.slice(0, copy.lastIndexOf('/'));
  const name = parseEntryName(copy.slice(folder.length + 1));
  if (!name) throw new UsageError(`${copy} is not an entry's name.`);
  const stem = `${name.stamp}-${name.typeSlug}-${name.authorSlug}`;
  for (let attempt = 2; ; attempt++) {
    const candidate = `${folder}/${candidateFileName(stem, attempt)}`;
    const taken = await fs.lstat(path.join(journal.dir, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}

/**
 * A file's text when it is a plain file of readable size: opened without following a link or
 * waiting on a FIFO, whatever the partner committed.
 */
function readPlain(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_ENTRY_BYTES) return undefined;
    const bytes = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < stat.size) {
      const n = readSync(fd, bytes, filled, stat.size - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return bytes.subarray(0, filled).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
