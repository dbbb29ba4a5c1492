import type { Git } from '../git/git.js';
import { indexChecksum, indexedNames } from '../git/index-file.js';
import { removeJournalFile, writeCacheFile } from '../store/files.js';
import {
  type FolderStamp,
  folderNames,
  foldersUnchanged,
  isStampedFolder,
  stampEntryFolders,
} from '../store/folder-stamp.js';
import { STATE_DIR } from '../store/layout.js';
import { FILE_LIMITS, readJournalText } from '../store/safe-file.js';

/*
 * What `status --prompt` prints before every shell prompt: the number of rituals due, kept by
 * each status run whose figures git vouched for, so that the prompt need not wait for a `git
 * status` over every file (most of its time on a large journal). The prompt uses it while
 *   - git's index is the one git vouched for (a commit, a pull, an add all change it),
 *   - every entry folder is the same folder with the same time (a file added, removed or
 *     renamed, by intimacy, by git or by hand, changes its folder's time; folder-stamp.ts),
 *     and a folder that changed just before git looked (a prompt right after a write) holds
 *     the very names git's index holds there,
 *   - and everything else the count is made from is the same (the status memo's inputs:
 *     settings, who I am, the day, the zone, the build).
 * What it does not see is an entry file rewritten in place by hand and not committed: the
 * prompt counts as before until the next commit, or the next `intimacy status`, which looks
 * with git, finds the edit, and removes this file. Only the prompt reads it; every other view
 * looks with git. Local to this machine, in .intimacy/cache/ (git-ignored).
 */

const PROMPT_FILE = `${STATE_DIR}/cache/prompt.json`;
const VERSION = 2;

interface PromptMemo {
  version: number;
  index: string;
  inputs: string;
  folders: FolderStamp;
  /** the racy folders (folder-stamp.ts), each with the names git's index holds in it */
  names: Record<string, string[]>;
  due: number;
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === 'string');
}

function readPromptMemo(journalDir: string): PromptMemo | undefined {
  try {
    const text = readJournalText(journalDir, PROMPT_FILE, { maxBytes: FILE_LIMITS.prompt });
    if (text === undefined) return undefined;
    const memo = JSON.parse(text) as Partial<PromptMemo> | null;
    if (
      memo?.version !== VERSION ||
      typeof memo.index !== 'string' ||
      typeof memo.inputs !== 'string' ||
      !Number.isSafeInteger(memo.due) ||
      (memo.due as number) < 0 ||
      typeof memo.folders !== 'object' ||
      memo.folders === null ||
      !Object.values(memo.folders).every((value) => typeof value === 'string') ||
      typeof memo.names !== 'object' ||
      memo.names === null ||
      !Object.entries(memo.names).every(([folder, names]) => isStampedFolder(folder) && isNameList(names))
    )
      return undefined;
    return memo as PromptMemo;
  } catch {
    return undefined; // missing or damaged: the prompt asks git, as without it
  }
}

/**
 * The count of what is due as the last vouched status made it, with the inputs it was made from,
 * when none of the files it saw has changed. Read without git, so it can be checked while git
 * reads the config; the caller compares the inputs (statusInputs) once the journal is open.
 */
export function heldPromptCount(git: Git): { inputs: string; due: number } | undefined {
  const memo = readPromptMemo(git.dir);
  if (memo === undefined) return undefined;
  const index = indexChecksum(git);
  if (index === undefined || index !== memo.index) return undefined;
  if (!foldersUnchanged(git.dir, memo.folders)) return undefined;
  return namesUnchanged(git.dir, memo.names) ? { inputs: memo.inputs, due: memo.due } : undefined;
}

function sameNames(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((name, i) => name === b[i]);
}

function namesUnchanged(journalDir: string, names: Record<string, string[]>): boolean {
  return Object.entries(names).every(([folder, held]) => sameNames(folderNames(journalDir, folder), held));
}

/**
 * The racy folders' names as git's index holds them, when each folder holds just those now
 * and the index is still the vouched one; undefined otherwise (the prompt then asks git).
 */
async function racyNames(git: Git, racy: string[], index: string): Promise<Record<string, string[]> | undefined> {
  if (racy.length === 0) return {};
  const indexed = await indexedNames(git, racy);
  if (indexed === undefined || indexChecksum(git) !== index) return undefined;
  const names: Record<string, string[]> = {};
  for (const folder of racy) {
    const held = indexed.get(folder) ?? [];
    if (!sameNames(folderNames(git.dir, folder), held)) return undefined;
    names[folder] = held;
  }
  return names;
}

/**
 * After a status: `vouched` is the index checksum git vouched for the entries read, with the
 * time (this machine's clock) git began that look; without it the prompt's count is removed,
 * so the next prompt asks git. Kept only when no folder changed during that look (and one that
 * changed shortly before, only with its names); written only when it says something new.
 * Never fails the status.
 */
export async function keepPromptCount(
  git: Git,
  inputs: string,
  due: number,
  vouched: { index: string; lookedAt: number } | undefined,
): Promise<void> {
  try {
    const stamped = vouched && stampEntryFolders(git.dir, vouched.lookedAt);
    const names = stamped && (await racyNames(git, stamped.racy, vouched.index));
    const old = readPromptMemo(git.dir);
    if (!vouched || !stamped || !names) {
      if (old) await removeJournalFile(git.dir, PROMPT_FILE);
      return;
    }
    const memo: PromptMemo = { version: VERSION, index: vouched.index, inputs, folders: stamped.stamp, names, due };
    if (JSON.stringify(old) === JSON.stringify(memo)) return;
    await writeCacheFile(git.dir, PROMPT_FILE, JSON.stringify(memo));
  } catch {
    // Only a cache: the next prompt asks git.
  }
}
