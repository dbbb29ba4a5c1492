import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { ENTRIES_DIR } from './naming.js';
import { gitText } from './git-run.js';
import { JournalRepo, type BranchState } from './repo.js';

/**
 * git's own record of the journal's files, read with plain `git ls-files` (no simple-git, so
 * the read path stays quick to start). The index holds each committed or staged file's blob
 * id; `--modified` names the files whose content on disk differs from it, which git decides
 * with its stat data and, when that is in doubt, by hashing the file. Files git does not know
 * at all are simply absent from the result.
 */
async function gitLines(dir: string, args: string[]): Promise<string[]> {
  return (await gitText(args, dir)).split('\0').filter((line) => line !== '');
}

export interface IndexRecord {
  /** path → blob id, for files whose content on disk is the blob's */
  clean: Map<string, string>;
}

/**
 * Blob ids of the files under `pathspec` that are unchanged on disk; undefined outside a git
 * repository. `changed`: the files a look just taken found different from the index
 * (WorktreeCheck.offIndex), so git need not look at every file a second time.
 */
export async function cleanBlobIds(
  dir: string,
  pathspec: string,
  changed?: string[],
): Promise<IndexRecord | undefined> {
  let staged: string[];
  let dirty: string[];
  try {
    [staged, dirty] = await Promise.all([
      gitLines(dir, ['ls-files', '--stage', '-z', '--', pathspec]),
      changed ?? gitLines(dir, ['ls-files', '--modified', '-z', '--', pathspec]),
    ]);
  } catch {
    return undefined;
  }
  const differs = new Set(dirty);
  const clean = new Map<string, string>();
  for (const line of staged) {
    // <mode> SP <blob> SP <stage> TAB <path>
    const tab = line.indexOf('\t');
    const [, blob, stage] = line.slice(0, tab).split(' ');
    const relPath = line.slice(tab + 1);
    if (blob && stage === '0' && !differs.has(relPath)) clean.set(relPath, blob);
  }
  return { clean };
}

const CHECKSUM_BYTES = 20;

/**
 * The checksum git writes at the end of its index file: it changes whenever the index does
 * (a commit, an add, a checkout or merge by sync, a refresh of stat data). Only the journal's
 * own `.git/index` is read; when git would use another index (GIT_DIR, GIT_INDEX_FILE or
 * GIT_WORK_TREE set, `.git` a file as in a linked worktree) or writes no checksum
 * (index.skipHash), the answer is undefined and callers check file by file instead.
 */
export function indexChecksum(dir: string): string | undefined {
  const env = process.env;
  if (env.GIT_DIR || env.GIT_INDEX_FILE || env.GIT_WORK_TREE) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path.join(dir, '.git', 'index'), 'r');
    const size = fstatSync(fd).size;
    if (size < CHECKSUM_BYTES) return undefined;
    const bytes = Buffer.alloc(CHECKSUM_BYTES);
    if (readSync(fd, bytes, 0, CHECKSUM_BYTES, size - CHECKSUM_BYTES) !== CHECKSUM_BYTES) return undefined;
    return bytes.every((byte) => byte === 0) ? undefined : bytes.toString('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface WorktreeCheck {
  /** the index checksum, read before git looked */
  checksum: string;
  /**
   * true when git found no file under entries/ that differs from the index (edited,
   * deleted, untracked or ignored), hidden files aside, and the index did not change meanwhile
   */
  matchesIndex: boolean;
  /** the files under entries/ that git found different from the index (changed, deleted, untracked, ignored) */
  offIndex: string[];
  /**
   * the commit HEAD pointed at, when entries/ on disk and in the index were exactly as in it
   * (hidden files aside): the cache can then catch up from the commit it was made for
   */
  cleanHead?: string;
}

/** Hidden files and folders are neither entries nor strays (see scanEntryFiles). */
function isHidden(relPath: string): boolean {
  return relPath.split('/').some((part) => part.startsWith('.'));
}

export interface JournalLook {
  branch?: BranchState;
  worktree?: WorktreeCheck;
}

/**
 * One `git status` (which looks at every file once): where the branch stands, for status, and
 * whether entries/ on disk is what git's index and HEAD record, for the front matter cache.
 * Start it early: git runs on the other core while node loads modules. Never rejects; no
 * worktree answer outside a plain git repository.
 */
export async function lookAtJournal(repo: JournalRepo): Promise<JournalLook> {
  const checksum = indexChecksum(repo.dir); // read before git looks, so a race can only make it older
  let branch: BranchState;
  try {
    branch = await repo.branchState({ ignored: true });
  } catch {
    return {};
  }
  if (checksum === undefined) return { branch };
  const underEntries = (paths: string[] | undefined) =>
    (paths ?? []).filter((relPath) => relPath.startsWith(`${ENTRIES_DIR}/`));
  const visible = (paths: string[]) => paths.filter((relPath) => !isHidden(relPath));
  const offIndex = underEntries(branch.offIndex);
  const unchanged = indexChecksum(repo.dir) === checksum;
  const matchesIndex = unchanged && visible(offIndex).length === 0;
  const cleanHead = matchesIndex && visible(underEntries(branch.offHead)).length === 0 ? branch.head : undefined;
  return { branch, worktree: { checksum, matchesIndex, offIndex, ...(cleanHead ? { cleanHead } : {}) } };
}

/** lookAtJournal's answer about entries/, for callers that need nothing else. Never rejects. */
export async function checkEntries(dir: string): Promise<WorktreeCheck | undefined> {
  return (await lookAtJournal(new JournalRepo(dir))).worktree;
}
