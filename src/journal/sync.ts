import { existsSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { conflictCopyPath } from './conflicts.js';
import { partnerOf } from './gratitude.js';
import { gitText, runGit } from './git-run.js';
import { commitAuthor, type Journal } from './journal.js';
import { withJournalLock } from './lock.js';
import { isEntryPath, parseEntryName } from './naming.js';
import { readEntryFile } from './read.js';
import { assertRemoteUrl, networkError, noRemoteError, REMOTE, remoteUrl, runNetworkStep } from './remote.js';
import { firstGitLine, gitEnv } from './repo.js';
import { commitLeftovers } from './save.js';
import { SETTINGS_FILE } from './settings.js';
import { ensureDir, writeFileAtomic } from './store.js';

/**
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

export interface ConflictCopy {
  /** our version stays here */
  path: string;
  /** the partner's version, kept beside it */
  copy: string;
  from: string;
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

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export async function syncJournal(journal: Journal, options: SyncOptions): Promise<SyncResult> {
  const dir = journal.dir;
  const configured = await remoteUrl(dir);
  if (!configured) throw noRemoteError();
  const url = assertRemoteUrl(configured); // .git/config may have been edited by hand
  await assertNoUnfinishedOperation(dir);
  const branch = await currentBranch(dir);
  const result: SyncResult = {
    remote: url,
    branch,
    leftoversCommitted: await withJournalLock(dir, () => commitLeftovers(journal)),
    received: { entries: [], otherChanges: [] },
    sent: { entries: 0, otherChanges: 0 },
    conflicts: [],
    keptEdits: [],
    pushed: false,
    retries: 0,
  };
  const maxAttempts = options.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    const fetch = await runNetworkStep(['fetch', '--quiet', '--prune', '--no-tags', REMOTE, `+refs/heads/*:refs/remotes/${REMOTE}/*`], { cwd: dir, url, timeoutMs: options.timeoutMs });
    if (fetch.code !== 0) throw networkError(fetch, url, options.timeoutMs);
    const theirs = await revision(dir, `refs/remotes/${REMOTE}/${branch}`);
    if (theirs) {
      await withJournalLock(dir, async () => {
        // Anything written while we fetched is committed first, so the merge cannot refuse it.
        result.leftoversCommitted += await commitLeftovers(journal);
        await integrate(journal, theirs, result);
      });
    }

    const outgoing = await outgoingChanges(dir, theirs);
    if (outgoing.commits === 0) break;
    const push = await runNetworkStep(['push', '--porcelain', REMOTE, `HEAD:refs/heads/${branch}`], { cwd: dir, url, timeoutMs: options.timeoutMs });
    if (push.code === 0) {
      result.sent = { entries: outgoing.entries, otherChanges: outgoing.otherChanges };
      result.pushed = true;
      await rememberUpstream(dir, branch);
      break;
    }
    const said = push.stdout.toString('utf8') + push.stderr;
    if (!push.timedOut && pushLostRace(said)) {
      if (attempt < maxAttempts) {
        result.retries++;
        continue;
      }
      throw new UserError('The remote kept changing while syncing; nothing was lost.', 'Run intimacy sync again in a moment.');
    }
    const refused = /\[remote rejected\][^\n]*\(([^)]*)\)/.exec(said)?.[1];
    if (refused) throw new UserError(`The remote refused the push (${refused}).`, 'Check the repository settings on the server (branch protection, permissions).');
    throw networkError(push, url, options.timeoutMs);
  }
  return result;
}

/**
 * The partner pushed between our fetch and our push: git says so before sending ("fetch
 * first"), or the remote says so when its branch moved while ours was on the way. Then sync
 * fetches and merges again.
 */
export function pushLostRace(pushOutput: string): boolean {
  return /\[rejected\]|non-fast-forward|fetch first/.test(pushOutput) || /\[remote rejected\].*\((failed to update ref|cannot lock ref)/.test(pushOutput);
}

/** A merge, rebase or cherry-pick left unfinished by a manual git command: report it, touch nothing. */
async function assertNoUnfinishedOperation(dir: string): Promise<void> {
  const markers: Array<[string, string, string]> = [
    ['MERGE_HEAD', 'a merge', 'git commit (to finish it) or git merge --abort'],
    ['rebase-merge', 'a rebase', 'git rebase --continue or git rebase --abort'],
    ['rebase-apply', 'a rebase', 'git rebase --continue or git rebase --abort'],
    ['CHERRY_PICK_HEAD', 'a cherry-pick', 'git cherry-pick --continue or git cherry-pick --abort'],
    ['REVERT_HEAD', 'a revert', 'git revert --continue or git revert --abort'],
  ];
  const places = (await gitText(['rev-parse', ...markers.flatMap(([marker]) => ['--git-path', marker])], dir)).split('\n');
  for (const [index, [, what, fix]] of markers.entries()) {
    const where = places[index]?.trim();
    if (where && existsSync(path.resolve(dir, where))) {
      throw new UserError(`This journal is in the middle of ${what} that git left unfinished; sync did not touch it.`, `In ${dir} run ${fix}, then intimacy sync again.`);
    }
  }
}

async function currentBranch(dir: string): Promise<string> {
  const run = await runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: dir });
  const branch = run.stdout.toString('utf8').trim();
  if (run.code !== 0 || branch === '') {
    throw new UserError('This journal is not on a branch (git is in "detached HEAD" state).', `In ${dir} run git switch main (or your journal's branch), then intimacy sync again.`);
  }
  return branch;
}

async function revision(dir: string, ref: string): Promise<string | undefined> {
  const run = await runGit(['rev-parse', '--quiet', '--verify', `${ref}^{commit}`], { cwd: dir });
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}

async function isAncestor(dir: string, older: string, newer: string): Promise<boolean> {
  return (await runGit(['merge-base', '--is-ancestor', older, newer], { cwd: dir })).code === 0;
}

async function blob(dir: string, spec: string): Promise<Buffer | undefined> {
  const run = await runGit(['cat-file', 'blob', spec], { cwd: dir });
  return run.code === 0 ? run.stdout : undefined;
}

async function changedNames(dir: string, from: string, to: string): Promise<string[]> {
  return (await gitText(['diff', '--name-only', '--no-renames', '-z', from, to, '--'], dir)).split('\0').filter(Boolean);
}

async function nameStatus(dir: string, from: string, to: string): Promise<Array<{ status: string; path: string }>> {
  const fields = (await gitText(['diff', '--name-status', '--no-renames', '-z', from, to, '--'], dir)).split('\0');
  const changes: Array<{ status: string; path: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i];
    const file = fields[i + 1];
    if (status && file) changes.push({ status: status.charAt(0), path: file });
  }
  return changes;
}

async function integrate(journal: Journal, theirs: string, result: SyncResult): Promise<void> {
  const dir = journal.dir;
  const before = await revision(dir, 'HEAD');
  if (!before || before === theirs || (await isAncestor(dir, theirs, before))) return;
  const copies = new Set<string>();
  if (await isAncestor(dir, before, theirs)) {
    const run = await runGit(['merge', '--ff-only', '--quiet', theirs], { cwd: dir });
    if (run.code !== 0) throw cannotMerge(dir, run.stderr);
  } else {
    let base = (await runGit(['merge-base', before, theirs], { cwd: dir })).stdout.toString('utf8').trim();
    const unrelated = base === '';
    if (unrelated) {
      // Two journals started separately may be joined; any other repository is refused.
      if (!(await blob(dir, `${theirs}:${SETTINGS_FILE}`))) {
        throw new UserError(`The remote holds a git history unrelated to this journal, and it is not an intimacy journal.`, 'Check the remote URL (intimacy remote); nothing was changed.');
      }
      base = EMPTY_TREE;
    }
    for (const conflict of await mergeKeepingBoth(journal, { base, theirs, unrelated }, result)) copies.add(conflict);
  }
  const after = await revision(dir, 'HEAD');
  if (!after) return;
  for (const change of await nameStatus(dir, before, after)) {
    if (copies.has(change.path) || result.keptEdits.includes(change.path)) continue;
    if (change.status === 'A' && isEntryPath(change.path)) {
      result.received.entries.push({ path: change.path, author: await entryAuthor(dir, change.path) });
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

function cannotMerge(dir: string, stderr: string): UserError {
  return new UserError(`git could not bring in your partner's changes: ${firstGitLine(stderr)}.`, `Look at git status in ${dir}; nothing was lost.`);
}

/**
 * A real merge commit (both histories kept). Files changed on both sides are settled here,
 * not by git's line merge, so no entry can end up with conflict markers or a half-merged
 * YAML header: ours stays, theirs becomes a conflict copy; an edit wins over a delete.
 */
async function mergeKeepingBoth(journal: Journal, input: { base: string; theirs: string; unrelated: boolean }, result: SyncResult): Promise<string[]> {
  const dir = journal.dir;
  const { base, theirs } = input;
  const [ours, theirsChanged, differing] = await Promise.all([changedNames(dir, base, 'HEAD'), changedNames(dir, base, theirs), changedNames(dir, 'HEAD', theirs)]);
  const theirSet = new Set(theirsChanged);
  const differs = new Set(differing);
  const contested = new Set(ours.filter((file) => theirSet.has(file) && differs.has(file)));

  const author = commitAuthor(journal.me, journal.gitConfig);
  const env = gitEnv({ GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email });
  const merge = await runGit(
    ['merge', '--no-ff', '--no-commit', '--no-verify', '--quiet', '-X', 'no-renames', ...(input.unrelated ? ['--allow-unrelated-histories'] : []), theirs],
    { cwd: dir, env },
  );
  const mergeHead = (await gitText(['rev-parse', '--git-path', 'MERGE_HEAD'], dir)).trim();
  if (!existsSync(path.resolve(dir, mergeHead))) {
    // git refused to start (e.g. an untracked file is in the way) and changed nothing.
    if (merge.code !== 0) throw cannotMerge(dir, merge.stderr);
    return [];
  }
  const copies: string[] = [];
  try {
    for (const file of await unmergedPaths(dir)) contested.add(file);
    for (const file of [...contested].sort()) {
      const copy = await settleContested(journal, file, theirs, result);
      if (copy) copies.push(copy);
    }
    const left = await unmergedPaths(dir);
    if (left.length > 0) throw new Error(`could not settle ${left.join(', ')}`);
    const who = partnerOf(journal) ?? 'the remote';
    const commit = await runGit(['commit', '--quiet', '--no-verify', '-m', `Merge ${who}'s changes`], { cwd: dir, env });
    if (commit.code !== 0) throw new Error(firstGitLine(commit.stderr));
  } catch (error) {
    // Never leave the journal mid-merge: back to exactly where it was before.
    const abort = await runGit(['merge', '--abort'], { cwd: dir });
    if (abort.code !== 0) await runGit(['reset', '--merge'], { cwd: dir });
    if (error instanceof UserError) throw error;
    throw new UserError(`Merging your partner's changes failed (${error instanceof Error ? error.message : String(error)}); the journal is back as it was.`, 'Nothing was lost. Please report this, and look at git log in the journal.');
  }
  return copies;
}

async function unmergedPaths(dir: string): Promise<string[]> {
  return [...new Set((await gitText(['diff', '--name-only', '--diff-filter=U', '-z'], dir)).split('\0').filter(Boolean))];
}

/** Returns the conflict copy written, if any. */
async function settleContested(journal: Journal, file: string, theirs: string, result: SyncResult): Promise<string | undefined> {
  const dir = journal.dir;
  const [oursContent, theirsContent] = await Promise.all([blob(dir, `HEAD:${file}`), blob(dir, `${theirs}:${file}`)]);
  if (oursContent && theirsContent) {
    await gitText(['checkout', 'HEAD', '--', file], dir);
    const from = (await gitText(['log', '-1', '--format=%an', theirs, '--', file], dir)).trim() || partnerOf(journal) || 'partner';
    const copy = conflictCopyPath(file, from, (candidate) => existsSync(path.join(dir, candidate)));
    await ensureDir(path.dirname(path.join(dir, copy)));
    await writeFileAtomic(path.join(dir, copy), theirsContent);
    await gitText(['add', '--', copy], dir);
    result.conflicts.push({ path: file, copy, from });
    return copy;
  }
  if (oursContent) {
    await gitText(['checkout', 'HEAD', '--', file], dir);
    result.keptEdits.push(file);
  } else if (theirsContent) {
    await gitText(['checkout', theirs, '--', file], dir);
    result.keptEdits.push(file);
  } else {
    await gitText(['rm', '--quiet', '--cached', '--ignore-unmatch', '--', file], dir);
    await fs.rm(path.join(dir, file), { force: true });
  }
  return undefined;
}

async function outgoingChanges(dir: string, theirs: string | undefined): Promise<{ commits: number; entries: number; otherChanges: number }> {
  if (!(await revision(dir, 'HEAD'))) return { commits: 0, entries: 0, otherChanges: 0 };
  const commits = Number((await gitText(['rev-list', '--count', theirs ? `${theirs}..HEAD` : 'HEAD'], dir)).trim());
  if (commits === 0) return { commits, entries: 0, otherChanges: 0 };
  const changes = await nameStatus(dir, theirs ?? EMPTY_TREE, 'HEAD');
  const entries = changes.filter((change) => change.status === 'A' && isEntryPath(change.path)).length;
  return { commits, entries, otherChanges: changes.length - entries };
}

/** So that plain git pull/status in the journal know where it syncs to. */
async function rememberUpstream(dir: string, branch: string): Promise<void> {
  const current = await runGit(['config', '--get', `branch.${branch}.remote`], { cwd: dir });
  if (current.code === 0) return;
  await runGit(['config', `branch.${branch}.remote`, REMOTE], { cwd: dir });
  await runGit(['config', `branch.${branch}.merge`, `refs/heads/${branch}`], { cwd: dir });
}
