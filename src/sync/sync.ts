import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Git } from '../git/git.js';
import { blob, EMPTY_TREE, isAncestor, nameStatus, refTips, revision } from '../git/history.js';
import { networkStep } from '../git/network.js';
import type { Journal } from '../journal/journal.js';
import { authorName } from '../store/authors.js';
import { readEntryFile } from '../store/entry-files.js';
import { SETTINGS_FILE } from '../store/layout.js';
import { withJournalLock } from '../store/lock.js';
import { isEntryPath, parseEntryName } from '../store/naming.js';
import { commitLeftovers, uncommittedContent } from '../store/save.js';
import { type ConflictCopy, cannotMerge, mergeKeepingBoth } from './merge.js';
import { assertRemoteUrl, journalRemoteUrl, networkError, noRemoteError, REMOTE } from './remote.js';

/*
 * intimacy sync: commit leftovers, fetch, merge the partner's commits, push. The partner's
 * history is only ever merged (never rebased, never force-pushed over). When both changed a
 * file, ours stays at its path and theirs is kept beside it as a conflict copy; the merge is
 * finished or aborted before this returns, so the repo is never left mid-merge.
 * The journal lock is held for the local steps only, so an entry can be saved during a slow fetch.
 */

export interface SyncOptions {
  /** limit for each network step */
  timeoutMs: number;
  /** how often a push rejected because the partner pushed meanwhile is retried */
  maxAttempts?: number;
}

export interface ReceivedEntry {
  path: string;
  author: string;
}

export interface SyncResult {
  remote: string;
  branch: string;
  leftoversCommitted: number;
  received: { entries: ReceivedEntry[]; otherChanges: string[] };
  sent: { entries: number; otherChanges: number };
  conflicts: ConflictCopy[];
  /** changed on one side, deleted on the other: the changed version was kept */
  keptEdits: string[];
  pushed: boolean;
  /** pushes retried because the remote moved on meanwhile */
  retries: number;
}

export async function syncJournal(journal: Journal, options: SyncOptions): Promise<SyncResult> {
  const dir = journal.dir;
  // The config was read when the journal was opened; git is asked again only if that failed.
  const known = journal.gitConfig.read ? journal.gitConfig : undefined;
  const configured = await journalRemoteUrl(journal);
  if (!configured) throw noRemoteError();
  const url = assertRemoteUrl(configured); // .git/config may have been edited by hand
  const git = journal.git;
  const fetchArgs = ['fetch', '--quiet', '--prune', '--no-tags', REMOTE, `+refs/heads/*:refs/remotes/${REMOTE}/*`];
  const fetchNow = () => networkStep(git, fetchArgs, { timeoutMs: options.timeoutMs, config: known });
  // The first fetch starts at once: it only brings the partner's commits into
  // refs/remotes/, so it is safe beside the local checks, which run at the same time.
  const firstFetch = fetchNow();
  firstFetch.catch(() => undefined); // awaited below, after the checks have had their say
  // So is a first look for files left uncommitted (git status only reads).
  const firstLook = uncommittedContent(journal);
  firstLook.catch(() => undefined); // a failure here only means looking again under the lock
  const failure = (error: unknown) => ({ error });
  const [unfinished, onBranch] = await Promise.all([
    assertNoUnfinishedOperation(git).then(() => undefined, failure),
    currentBranch(git).then((name) => ({ name }), failure),
  ]);
  if (unfinished) throw unfinished.error;
  if ('error' in onBranch) throw onBranch.error;
  const branch = onBranch.name;
  const result: SyncResult = {
    remote: url,
    branch,
    // Committed while the fetch is under way; both touch different parts of the repository.
    leftoversCommitted: await commitLeftoversSeen(journal, await firstLook.catch(() => undefined)),
    received: { entries: [], otherChanges: [] },
    sent: { entries: 0, otherChanges: 0 },
    conflicts: [],
    keptEdits: [],
    pushed: false,
    retries: 0,
  };
  const maxAttempts = options.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    const fetch = attempt === 1 ? await firstFetch : await fetchNow();
    if (fetch.code !== 0) throw networkError(fetch, url, options.timeoutMs);
    const theirsRef = `refs/remotes/${REMOTE}/${branch}`;
    const tips = await refTips(git, [theirsRef, `refs/heads/${branch}`]);
    const theirs = tips.get(theirsRef);
    const head = tips.get(`refs/heads/${branch}`);
    // Already the same commit on both sides (the common case): nothing to merge or to send.
    if (theirs && theirs === head) break;
    if (theirs) {
      await withJournalLock(dir, async () => {
        // Anything written while we fetched is committed first, so the merge cannot refuse it.
        result.leftoversCommitted += await commitLeftovers(journal, { always: true });
        await integrate(journal, theirs, result);
      });
    }

    const outgoing = await outgoingChanges(git, theirs);
    if (outgoing.commits === 0) break;
    const pushArgs = ['push', '--porcelain', REMOTE, `HEAD:refs/heads/${branch}`];
    const push = await networkStep(git, pushArgs, { timeoutMs: options.timeoutMs, config: known });
    if (push.code === 0) {
      result.sent = { entries: outgoing.entries, otherChanges: outgoing.otherChanges };
      result.pushed = true;
      await rememberUpstream(git, branch);
      break;
    }
    const said = push.stdout.toString('utf8') + push.stderr;
    if (!push.timedOut && pushLostRace(said)) {
      if (attempt < maxAttempts) {
        result.retries++;
        continue;
      }
      throw new UserError(
        'The remote kept changing while syncing; nothing was lost.',
        'Run intimacy sync again in a moment.',
      );
    }
    const refused = /\[remote rejected\][^\n]*\(([^)]*)\)/.exec(said)?.[1];
    if (refused)
      throw new UserError(
        `The remote refused the push (${refused}).`,
        'Check the repository settings on the server (branch protection, permissions).',
      );
    throw networkError(push, url, options.timeoutMs);
  }
  return result;
}

/**
 * Nothing left uncommitted at the first look means nothing to do (a command writing meanwhile
 * commits its own files). Otherwise look again under the lock and commit what is there.
 */
async function commitLeftoversSeen(journal: Journal, seen: string[] | undefined): Promise<number> {
  if (seen?.length === 0) return 0;
  return withJournalLock(journal.dir, () => commitLeftovers(journal, { always: true }));
}

/**
 * The partner pushed between our fetch and our push: git says so before sending ("fetch
 * first"), or the remote says so when its branch moved while ours was on the way. Then sync
 * fetches and merges again.
 */
export function pushLostRace(pushOutput: string): boolean {
  return (
    /\[rejected\]|non-fast-forward|fetch first/.test(pushOutput) ||
    /\[remote rejected\].*\((failed to update ref|cannot lock ref)/.test(pushOutput)
  );
}

/** A merge, rebase or cherry-pick left unfinished by a manual git command: report it, touch nothing. */
async function assertNoUnfinishedOperation(git: Git): Promise<void> {
  const markers: Array<[string, string, string]> = [
    ['MERGE_HEAD', 'a merge', 'git commit (to finish it) or git merge --abort'],
    ['rebase-merge', 'a rebase', 'git rebase --continue or git rebase --abort'],
    ['rebase-apply', 'a rebase', 'git rebase --continue or git rebase --abort'],
    ['CHERRY_PICK_HEAD', 'a cherry-pick', 'git cherry-pick --continue or git cherry-pick --abort'],
    ['REVERT_HEAD', 'a revert', 'git revert --continue or git revert --abort'],
  ];
  const places = await git.gitPaths(markers.map(([marker]) => marker));
  for (const [index, [, what, fix]] of markers.entries()) {
    const where = places[index];
    if (where && existsSync(where)) {
      throw new UserError(
        `This journal is in the middle of ${what} that git left unfinished; sync did not touch it.`,
        `In ${git.dir} run ${fix}, then intimacy sync again.`,
      );
    }
  }
}

async function currentBranch(git: Git): Promise<string> {
  const run = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const branch = run.stdout.toString('utf8').trim();
  if (run.code !== 0 || branch === '') {
    throw new UserError(
      'This journal is not on a branch (git is in "detached HEAD" state).',
      `In ${git.dir} run git switch main (or your journal's branch), then intimacy sync again.`,
    );
  }
  return branch;
}

async function integrate(journal: Journal, theirs: string, result: SyncResult): Promise<void> {
  const git = journal.git;
  const before = await revision(git, 'HEAD');
  if (!before || before === theirs || (await isAncestor(git, theirs, before))) return;
  const copies = new Set<string>();
  if (await isAncestor(git, before, theirs)) {
    const run = await git.run(['merge', '--ff-only', '--quiet', theirs]);
    if (run.code !== 0) throw cannotMerge(git.dir, run.stderr);
  } else {
    let base = (await git.run(['merge-base', before, theirs])).stdout.toString('utf8').trim();
    const unrelated = base === '';
    if (unrelated) {
      // Two journals started separately may be joined; any other repository is refused.
      if (!(await blob(git, `${theirs}:${SETTINGS_FILE}`))) {
        throw new UserError(
          `The remote holds a git history unrelated to this journal, and it is not an intimacy journal.`,
          'Check the remote URL (intimacy remote); nothing was changed.',
        );
      }
      base = EMPTY_TREE;
    }
    const merged = await mergeKeepingBoth(journal, { base, theirs, unrelated });
    result.conflicts.push(...merged.conflicts);
    result.keptEdits.push(...merged.keptEdits);
    for (const conflict of merged.conflicts) copies.add(conflict.copy);
  }
  const after = await revision(git, 'HEAD');
  if (!after) return;
  for (const change of await nameStatus(git, before, after)) {
    if (copies.has(change.path) || result.keptEdits.includes(change.path)) continue;
    if (change.status === 'A' && isEntryPath(change.path)) {
      // Named as the journal names them now (an earlier name stands for the partner).
      const author = authorName(journal.settings, await entryAuthor(git.dir, change.path));
      result.received.entries.push({ path: change.path, author });
    } else {
      result.received.otherChanges.push(change.path);
    }
  }
}

async function entryAuthor(dir: string, relPath: string): Promise<string> {
  try {
    return (await readEntryFile(dir, { relPath })).author;
  } catch {
    return parseEntryName(relPath.slice(relPath.lastIndexOf('/') + 1))?.authorSlug ?? 'someone';
  }
}

async function outgoingChanges(
  git: Git,
  theirs: string | undefined,
): Promise<{ commits: number; entries: number; otherChanges: number }> {
  if (!(await revision(git, 'HEAD'))) return { commits: 0, entries: 0, otherChanges: 0 };
  const commits = Number((await git.text(['rev-list', '--count', theirs ? `${theirs}..HEAD` : 'HEAD'])).trim());
  if (commits === 0) return { commits, entries: 0, otherChanges: 0 };
  const changes = await nameStatus(git, theirs ?? EMPTY_TREE, 'HEAD');
  const entries = changes.filter((change) => change.status === 'A' && isEntryPath(change.path)).length;
  return { commits, entries, otherChanges: changes.length - entries };
}

/** So that plain git pull/status in the journal know where it syncs to. */
async function rememberUpstream(git: Git, branch: string): Promise<void> {
  const current = await git.run(['config', '--get', `branch.${branch}.remote`]);
  if (current.code === 0) return;
  await git.run(['config', `branch.${branch}.remote`, REMOTE]);
  await git.run(['config', `branch.${branch}.merge`, `refs/heads/${branch}`]);
  git.forgetConfig();
}
