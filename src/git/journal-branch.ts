import { fileCalls as fs } from '../file-calls.js';
import type { Git } from './git.js';

/*
 * The journal has one shared branch (intimacy.branch). A commit made while HEAD is elsewhere
 * (a detached HEAD, another branch: a `git checkout` of the user's) would be left behind by the
 * next `git checkout main` and never reach the partner. So before each commit HEAD is put back
 * on the branch when that moves no file (HEAD is the branch or a commit after it), and a commit
 * that still has to be made elsewhere is kept under refs/intimacy/elsewhere/, which sync merges
 * into the branch: no entry is orphaned whatever git is asked to do next.
 */

/** Where commits made off the journal's branch are kept until sync brings them onto it. */
export const ELSEWHERE_REFS = 'refs/intimacy/elsewhere/';

/**
 * Puts HEAD on `branch` when no file has to move for it. Returns where HEAD stays when it
 * cannot ("a detached HEAD", "the branch feature"), or undefined when it is on the branch.
 */
export async function keepHeadOnBranch(git: Git, branch: string): Promise<string | undefined> {
  // The common case without starting git: .git/HEAD names the branch.
  const headFile = git.knownGitPath('HEAD');
  if (headFile) {
    const text = await fs.readFile(headFile, 'utf8').catch(() => '');
    if (text.trim() === `ref: refs/heads/${branch}`) return undefined;
  }
  const attached = await git.run(['symbolic-ref', '--quiet', 'HEAD']);
  const ref = attached.stdout.toString('utf8').trim();
  if (attached.code === 0 && ref === `refs/heads/${branch}`) return undefined;
  const where = attached.code === 0 ? `the branch ${ref.replace(/^refs\/heads\//, '')}` : 'a detached HEAD';
  const head = await commitOf(git, 'HEAD');
  if (!head) return where; // no commit yet: nothing to keep
  const tip = await commitOf(git, `refs/heads/${branch}`);
  const ahead = !tip || tip === head || (await git.run(['merge-base', '--is-ancestor', tip, head])).code === 0;
  if (!ahead) return where;
  await git.text(['update-ref', '-m', 'intimacy: back to the journal branch', `refs/heads/${branch}`, head]);
  await git.text(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  return undefined;
}

/** Keeps HEAD's commit where sync finds it (see keepHeadOnBranch). */
export async function keepElsewhereCommit(git: Git): Promise<void> {
  const head = await commitOf(git, 'HEAD');
  if (head) await git.text(['update-ref', `${ELSEWHERE_REFS}${head}`, head]);
}

/** A ref under refs/intimacy/elsewhere/ that points at something other than a commit (made by hand, or fetched with every ref). */
export interface NotACommitRef {
  ref: string;
  /** what it points at: tree, blob or tag */
  type: string;
}

/**
 * The commits kept off the branch, newest ref first, each with its ref; and the refs there that
 * point at anything else, which intimacy never writes and sync leaves alone (a tree or a blob
 * has no history to bring in, and git's commit-tree would refuse it as a parent).
 */
export async function elsewhereCommits(
  git: Git,
): Promise<{ commits: Array<{ ref: string; commit: string }>; others: NotACommitRef[] }> {
  const out = await git.text([
    'for-each-ref',
    '--sort=-committerdate',
    '--format=%(objecttype) %(objectname) %(refname)',
    ELSEWHERE_REFS,
  ]);
  const commits: Array<{ ref: string; commit: string }> = [];
  const others: NotACommitRef[] = [];
  for (const line of out.split('\n')) {
    const [type, id, ref] = line.split(' ');
    if (!type || !id || !ref) continue;
    if (type === 'commit') commits.push({ ref, commit: id });
    else others.push({ ref, type });
  }
  return { commits, others };
}

export async function forgetElsewhereCommit(git: Git, ref: string): Promise<void> {
  await git.run(['update-ref', '-d', ref]);
}

async function commitOf(git: Git, rev: string): Promise<string | undefined> {
  const run = await git.run(['rev-parse', '--quiet', '--verify', `${rev}^{commit}`]);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}
