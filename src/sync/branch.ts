import type { Git } from '../git/git.js';
import { isAncestor, revision } from '../git/history.js';
import { ELSEWHERE_REFS, elsewhereCommits, forgetElsewhereCommit, type NotACommitRef } from '../git/journal-branch.js';
import { moveBranch } from '../git/move.js';
import { type RefSnapshot, refSnapshot } from '../git/ref-snapshot.js';
import type { RemoteRefs } from '../git/remote-refs.js';
import type { Journal } from '../journal/journal.js';
import { integrate } from './integrate.js';
import { REMOTE } from './remote.js';

/*
 * The journal has one shared branch, recorded in this clone (intimacy.branch in .git/config)
 * by init, clone and the first sync. Sync keeps HEAD on it: commits made on a detached HEAD
 * or on another branch are brought onto it (never left behind), and when the remote's branch
 * changes name (its main removed, master made its default), this clone follows.
 */

export interface BranchNotes {
  rejoined?: { from: string; commits: number };
  renamedBranch?: { from: string; to: string };
  /** refs under refs/intimacy/elsewhere/ that point at no commit: left alone, and named */
  notCommits?: NotACommitRef[];
}

/** The branch HEAD is attached to, or undefined on a detached HEAD. */
export async function headBranch(git: Git): Promise<string | undefined> {
  const run = await git.run(['symbolic-ref', '--quiet', 'HEAD']);
  const ref = run.stdout.toString('utf8').trim();
  return run.code === 0 && ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** The journal's branch: as recorded, or as the remote and this clone suggest for an older clone. */
export async function chooseBranch(journal: Journal, remote: RemoteRefs, notes: BranchNotes): Promise<string> {
  const git = journal.git;
  const recorded = journal.gitConfig.journalBranch;
  const on = (name: string | undefined): name is string => name !== undefined && remote.branches.has(name);
  if (!recorded) {
    if (on(remote.head)) return remote.head;
    for (const name of ['main', 'master']) if (remote.branches.has(name)) return name;
    const current = await headBranch(git);
    if (on(current)) return current;
    return current ?? [...remote.branches.keys()][0] ?? 'main';
  }
  if (remote.branches.size === 0 || remote.branches.has(recorded)) return recorded;
  // Our branch is gone from the remote: follow the one it now has.
  const now = on(remote.head) ? remote.head : remote.branches.size === 1 ? [...remote.branches.keys()][0] : undefined;
  if (!now) return recorded;
  const hasLocal = (await revision(git, `refs/heads/${now}`)) !== undefined;
  if (!hasLocal && (await revision(git, `refs/heads/${recorded}`))) {
    await git.text(['branch', '--move', recorded, now]);
  }
  await unsetUpstream(git, recorded);
  notes.renamedBranch = { from: recorded, to: now };
  return now;
}

async function unsetUpstream(git: Git, branch: string): Promise<void> {
  await git.run(['config', '--unset', `branch.${branch}.remote`]);
  await git.run(['config', '--unset', `branch.${branch}.merge`]);
  git.forgetConfig();
}

/** The refs sync reads: the branches, the remote's as last fetched, commits kept off the branch. */
export const SYNC_REFS = ['refs/heads/', `refs/remotes/${REMOTE}/`, ELSEWHERE_REFS];

/**
 * Puts HEAD on the journal's branch, bringing along what was committed elsewhere: a
 * fast-forward when the branch is behind, a move when HEAD is behind, a merge when both
 * moved on. Called under the journal lock. Returns the refs (SYNC_REFS) as they stand when
 * there was nothing to bring, which is the usual case, read in one git process.
 */
export async function bringHeadToBranch(
  journal: Journal,
  branch: string,
  notes: BranchNotes,
): Promise<RefSnapshot | undefined> {
  const refs = await refSnapshot(journal.git, SYNC_REFS);
  const elsewhere = refs && [...refs.tips.keys()].some((name) => name.startsWith(ELSEWHERE_REFS));
  if (refs?.headBranch === branch && !elsewhere) return refs;
  await bringHeadBack(journal, branch, notes);
  await bringElsewhereCommits(journal, branch, notes);
  return undefined;
}

async function bringHeadBack(journal: Journal, branch: string, notes: BranchNotes): Promise<void> {
  const git = journal.git;
  const current = await headBranch(git);
  if (current === branch) return;
  const head = await revision(git, 'HEAD');
  const where = current ? `the branch ${current}` : 'a detached HEAD';
  if (!head) {
    await git.text(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    return;
  }
  const tip = await revision(git, `refs/heads/${branch}`);
  let commits = 0;
  if (!tip || tip === head || (await isAncestor(git, tip, head))) {
    commits = tip ? Number((await git.text(['rev-list', '--count', `${tip}..${head}`])).trim()) : 0;
    await git.text(['update-ref', '-m', 'intimacy sync', `refs/heads/${branch}`, head]);
    await git.text(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  } else if (await isAncestor(git, head, tip)) {
    await moveBranch(git, { from: head, to: tip, branch });
  } else {
    commits = Number((await git.text(['rev-list', '--count', `${tip}..${head}`])).trim());
    await integrate(journal, {
      ours: head,
      theirs: tip,
      branch,
      who: journal.me.name,
      message: `Bring the entries written on ${where} back to ${branch}`,
    });
  }
  notes.rejoined = { from: where, commits };
}

/**
 * Commits a write had to make off the branch (store/commit.ts keeps them under
 * refs/intimacy/elsewhere/), even when HEAD was moved away from them since: merged in.
 */
async function bringElsewhereCommits(journal: Journal, branch: string, notes: BranchNotes): Promise<void> {
  const git = journal.git;
  const kept = await elsewhereCommits(git);
  if (kept.others.length > 0) notes.notCommits = kept.others;
  for (const { ref, commit } of kept.commits) {
    const head = await revision(git, 'HEAD');
    if (head && !(await isAncestor(git, commit, head))) {
      const commits = Number((await git.text(['rev-list', '--count', `${head}..${commit}`])).trim());
      await integrate(journal, {
        ours: head,
        theirs: commit,
        branch,
        who: journal.me.name,
        message: `Bring the entries written off ${branch} back to it`,
      });
      notes.rejoined = {
        from: notes.rejoined?.from ?? 'a detached HEAD',
        commits: (notes.rejoined?.commits ?? 0) + commits,
      };
    }
    await forgetElsewhereCommit(git, ref);
  }
}

/** Records the journal's branch and where plain git pull/status should look for it. */
export async function recordBranch(git: Git, branch: string): Promise<void> {
  const config = await git.config().catch(() => undefined);
  if (config?.journalBranch !== branch) await git.setConfig('intimacy.branch', branch);
  // What the config read already says (any value, as `git config --get` would find it), else git.
  const known = config?.upstreamBranches?.includes(branch) === true;
  if (known || (await git.run(['config', '--get', `branch.${branch}.remote`])).code === 0) return;
  await git.run(['config', `branch.${branch}.remote`, REMOTE]);
  await git.run(['config', `branch.${branch}.merge`, `refs/heads/${branch}`]);
  git.forgetConfig();
}
