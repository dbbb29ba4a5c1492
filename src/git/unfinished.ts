import { existsSync } from 'node:fs';
import { fileCalls as fs } from '../file-calls.js';
import type { Git } from './git.js';
import { firstGitLine } from './messages.js';

/*
 * A merge, rebase, cherry-pick or revert that git left unfinished: a sync killed in the
 * middle of a merge (by an older intimacy, which merged in the work tree), or a git command
 * the user ran. A merge of the partner's commits is intimacy's own and is undone safely
 * here (sync then merges again its own way); anything else is the user's, and only named.
 */

export type Unfinished = 'merge' | 'rebase' | 'cherry-pick' | 'revert';

const MARKERS: Array<[string, Unfinished]> = [
  ['MERGE_HEAD', 'merge'],
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
];

/** Which operation git left unfinished here, if any (looked up without starting git where the layout is plain). */
export async function unfinishedOperation(git: Git): Promise<Unfinished | undefined> {
  const places = await git.gitPaths(MARKERS.map(([marker]) => marker));
  for (const [index, [, what]] of MARKERS.entries()) if (existsSync(places[index]!)) return what;
  return undefined;
}

/** What to run to finish or undo each, for a message. */
export function finishAdvice(what: Unfinished): string {
  switch (what) {
    case 'merge':
      return 'git commit (to finish it) or git merge --abort';
    case 'rebase':
      return 'git rebase --continue or git rebase --abort';
    case 'cherry-pick':
      return 'git cherry-pick --continue or git cherry-pick --abort';
    case 'revert':
      return 'git revert --continue or git revert --abort';
  }
}

/**
 * The merge under way brings in commits of the remote (what sync merges), or was started by
 * sync (its message): then it is intimacy's own, and safe to undo and redo.
 */
export async function isSyncMerge(git: Git): Promise<boolean> {
  const [message] = await git.gitPaths(['MERGE_MSG']);
  // Only a file is git's message: a pipe put at its name would be waited on for ever.
  const isFile = await fs.lstat(message!).then(
    (stat) => stat.isFile(),
    () => false,
  );
  const text = isFile ? await fs.readFile(message!, 'utf8').catch(() => '') : '';
  if (/^Merge .*'s changes/m.test(text) || /^Merge the remote's changes/m.test(text)) return true;
  const merging = await git.run(['rev-parse', '--quiet', '--verify', 'MERGE_HEAD^{commit}']);
  if (merging.code !== 0) return false;
  const contains = await git.run([
    'for-each-ref',
    '--count=1',
    '--contains',
    merging.stdout.toString('utf8').trim(),
    'refs/remotes/',
  ]);
  return contains.code === 0 && contains.stdout.toString('utf8').trim() !== '';
}

/**
 * Undoes a merge left unfinished, keeping every change it did not bring: files staged or
 * written meanwhile (new entries, edits) are first taken out of the merge's index, so that
 * `git merge --abort`, which resets what is staged, leaves them on disk as uncommitted
 * changes for the caller to commit. Returns those paths.
 */
export async function undoUnfinishedMerge(git: Git): Promise<string[]> {
  const mergedIn = (await git.text(['rev-parse', '--verify', 'MERGE_HEAD^{commit}'])).trim();
  const [staged, fromMerge] = await Promise.all([
    git.text(['diff', '--cached', '--name-only', '--no-renames', '-z', 'HEAD', '--']),
    git.text(['diff', '--name-only', '--no-renames', '-z', 'HEAD', mergedIn, '--']),
  ]);
  // A path the merge does not change (the same at HEAD and in the merged commit) keeps HEAD's
  // version in the merge; a staged change there was made by someone else.
  const merged = new Set(fromMerge.split('\0').filter(Boolean));
  const keep = [...new Set(staged.split('\0').filter((file) => file !== '' && !merged.has(file)))];
  if (keep.length > 0) {
    const unstage = await git.run(['reset', '--quiet', '--', ...keep]);
    // reset exits 1 when it leaves unstaged changes behind: that is what we want
    if (unstage.code > 1) throw new Error(firstGitLine(unstage.stderr));
  }
  const abort = await git.run(['merge', '--abort']);
  if (abort.code !== 0) {
    const reset = await git.run(['reset', '--merge']);
    if (reset.code !== 0) throw new Error(firstGitLine(reset.stderr || abort.stderr));
  }
  return keep;
}
