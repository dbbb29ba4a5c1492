import { UserError } from '../errors.js';
import type { Git } from '../git/git.js';
import { EMPTY_TREE, isAncestor, nameStatus, refType, revision } from '../git/history.js';
import { askRemote, CONNECT_MS, type NetworkLimits, networkStep } from '../git/network.js';
import { type RefSnapshot, refSnapshot, tipsUnder } from '../git/ref-snapshot.js';
import type { RemoteRefs } from '../git/remote-refs.js';
import type { TreeItem } from '../git/tree.js';
import { pathsIn } from '../git/tree.js';
import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { pushAll } from '../many.js';
import { writeFileAtomic } from '../store/files.js';
import { SETTINGS_FILE, STATE_DIR } from '../store/layout.js';
import { withJournalLock } from '../store/lock.js';
import { isEntryPath } from '../store/naming.js';
import { FILE_LIMITS, readLocalFile } from '../store/safe-file.js';
import { commitLeftovers, uncommittedContent } from '../store/save.js';
import { elapsedMs } from '../timer.js';
import { bringHeadToBranch, chooseBranch, recordBranch, SYNC_REFS } from './branch.js';
import { type ConflictCopy, type Integration, integrate, type Received } from './integrate.js';
import { assertRemoteUrl, journalRemoteUrl, networkError, noRemoteError, REMOTE } from './remote.js';
import { leftoverOptions, repairLocalState } from './repair.js';

/*
 * intimacy sync: repair what an interrupted command left (stale git locks, a half-done
 * merge), commit leftovers, ask the remote what it holds, fetch what is new, bring it in
 * (integrate.ts: checked, merged in git's objects, never rebased), push, and retry when the
 * partner pushed meanwhile. The journal lock is held for the local steps only, so an entry can
 * be saved during a slow network step. Every network step has limits, and so has the whole.
 */

export type { ArrivingConflict, ConflictCopy, Received, ReceivedEntry } from './integrate.js';

export interface SyncOptions {
  /** limit for each network step */
  timeoutMs: number;
  /** how long a server that says nothing is waited for (the first contact of every transport) */
  connectMs?: number;
  /** limit for the whole sync (default: twice the step limit) */
  totalMs?: number;
  /** how often a push rejected because the partner pushed meanwhile is retried */
  maxAttempts?: number;
  /** the time of this sync, recorded as the last one (the journal's clock) */
  now?: () => Date;
  /** a further check of what would land from the partner (see integrate.ts) */
  inspect?: (git: Git, landing: Array<{ path: string; item: TreeItem }>, removed?: string[]) => Promise<void>;
  /** a check of what is about to be pushed (the encryption's plain-text check); throws to refuse */
  beforePush?: (git: Git, branch: string) => Promise<void>;
  /** the first look for uncommitted files (uncommittedContent), when the command started it already */
  firstLook?: Promise<string[]>;
}

export interface SyncResult {
  remote: string;
  branch: string;
  leftoversCommitted: number;
  /** files of this clone left uncommitted and unsent because they are still encrypted (damaged here, or another key's) */
  withheld: string[];
  received: Received;
  sent: { entries: number; otherChanges: number };
  conflicts: ConflictCopy[];
  /** intimacy.yaml, changed on both sides in different settings, merged setting by setting */
  mergedSettings?: boolean;
  /** changed on one side, deleted on the other: the changed version was kept */
  keptEdits: string[];
  /** this user's files that the partner's history removes, kept */
  kept: string[];
  pushed: boolean;
  /** pushes retried because the remote moved on meanwhile */
  retries: number;
  /** the remote was empty: this sync shared the journal for the first time */
  firstShare: boolean;
  /** what an interrupted command had left, put right */
  repaired: { staleLocks: string[]; interruptedMerge: boolean; interruptedMove: boolean };
  /** HEAD was elsewhere (detached, another branch): its commits are now on the journal's branch */
  rejoined?: { from: string; commits: number };
  /** the remote's journal branch changed name (e.g. main → master), and this clone followed */
  renamedBranch?: { from: string; to: string };
  /** refs under refs/intimacy/elsewhere/ that point at a tree, a blob or a tag rather than a commit: left alone */
  notCommits?: Array<{ ref: string; type: string }>;
  /** other branches of the remote holding journal commits, merged in */
  mergedBranches: string[];
  /** the commit HEAD was at before this sync brought anything in (for "git show BEFORE:path") */
  before?: string;
}

export function emptyResult(url: string): SyncResult {
  return {
    remote: url,
    branch: '',
    leftoversCommitted: 0,
    withheld: [],
    received: { entries: [], otherChanges: [], removed: [], changedMine: [], conflicts: [], renamedMine: [] },
    sent: { entries: 0, otherChanges: 0 },
    conflicts: [],
    keptEdits: [],
    kept: [],
    pushed: false,
    retries: 0,
    firstShare: false,
    repaired: { staleLocks: [], interruptedMerge: false, interruptedMove: false },
    mergedBranches: [],
  };
}

export async function syncJournal(journal: Journal, options: SyncOptions): Promise<SyncResult> {
  const { dir, git } = journal;
  const configured = await journalRemoteUrl(journal);
  if (!configured) throw await noRemoteError(git);
  const url = assertRemoteUrl(configured); // .git/config may have been edited by hand
  const known = journal.gitConfig.read ? journal.gitConfig : undefined;
  const stepMs = options.timeoutMs;
  const totalMs = options.totalMs ?? 2 * stepMs;
  const deadline = elapsedMs() + totalMs;
  const limits = (): NetworkLimits => {
    const left = Math.floor(deadline - elapsedMs());
    if (left <= 0) throw tookTooLong(totalMs);
    return { timeoutMs: Math.min(stepMs, left), connectMs: options.connectMs ?? CONNECT_MS, config: known };
  };
  // The remote is asked at once; the local checks run meanwhile.
  const probeLimits = limits();
  const asked = askRemote(git, REMOTE, probeLimits);
  asked.catch(() => undefined); // awaited below, after the local checks have had their say
  const firstLook = options.firstLook ?? uncommittedContent(journal);
  firstLook.catch(() => undefined); // a failure here only means looking again under the lock

  const result = emptyResult(url);
  await repairLocalState(journal, result, await firstLook.catch(() => undefined));
  const answer = await asked;
  if (!answer.refs)
    throw networkError(answer.run, url, Math.min(probeLimits.connectMs ?? CONNECT_MS, probeLimits.timeoutMs));
  const remote = answer.refs;
  result.firstShare = remote.branches.size === 0;
  const who = partnerOf(journal) ?? 'the remote';
  const branch = await chooseBranch(journal, remote, result);
  result.branch = branch;
  // The refs as they stand, when one git process could tell (the usual case): each question
  // below is then answered from them until something (a fetch, a merge) moves a ref.
  let refs = await withJournalLock(dir, () => bringHeadToBranch(journal, branch, result));
  result.before = refs ? refs.head : await revision(git, 'HEAD');

  const maxAttempts = options.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 || (await fetchNeeded(git, remote, refs))) {
      const fetchArgs = ['fetch', '--quiet', '--prune', '--no-tags', REMOTE, `+refs/heads/*:refs/remotes/${REMOTE}/*`];
      let fetch = await networkStep(git, fetchArgs, limits());
      // Another git fetching here at the same moment (an editor's, the user's) holds the ref: once more.
      if (fetch.code !== 0 && /cannot lock ref|unable to update local ref/.test(fetch.stderr))
        fetch = await networkStep(git, fetchArgs, limits());
      if (fetch.code !== 0) throw networkError(fetch, url, stepMs);
      refs = await refSnapshot(git, SYNC_REFS);
    }
    const theirs = refs
      ? refs.tips.get(`refs/remotes/${REMOTE}/${branch}`)
      : await revision(git, `refs/remotes/${REMOTE}/${branch}`);
    // A snapshot holds commits only; without one, a remote branch that is no commit is named here.
    if (theirs === undefined && !refs) await refuseNotACommit(git, branch, dir);
    const others = await otherJournalBranches(git, branch, refs);
    const head = refs ? refs.head : await revision(git, 'HEAD');
    // The remote's branch already in ours (we only have more to send): nothing to bring in, so
    // no look for leftovers to merge with (git status over every file) and no merge.
    const incoming = theirs !== undefined && theirs !== head && !(head && (await isAncestor(git, theirs, head)));
    if (incoming || others.length > 0) {
      refs = undefined; // HEAD moves: asked again
      await withJournalLock(dir, async () => {
        // Anything written while we fetched is committed first, so that it is part of the merge.
        result.leftoversCommitted += await commitLeftovers(journal, leftoverOptions(journal, result.withheld));
        const histories = theirs ? [{ name: branch, tip: theirs }, ...others] : others;
        for (const { name, tip } of histories) {
          const ours = await revision(git, 'HEAD');
          if (!ours) {
            // a journal without a commit yet (cannot happen after init, but a hand-made one)
            await git.text(['update-ref', `refs/heads/${branch}`, tip]);
            await git.text(['read-tree', '-m', '-u', EMPTY_TREE, tip]);
            continue;
          }
          const merged = await integrate(journal, {
            ours,
            theirs: tip,
            branch,
            who,
            message: name === branch ? `Merge ${who}'s changes` : `Merge ${who}'s changes from the branch ${name}`,
            inspect: options.inspect,
          });
          if (merged) {
            addIntegration(result, merged);
            if (name !== branch) result.mergedBranches.push(name);
          }
        }
      });
    }

    const outgoing = await outgoingChanges(git, theirs, refs?.head);
    if (outgoing.commits === 0) break;
    await refuseSendingLocalState(git, theirs, branch);
    await options.beforePush?.(git, branch);
    const push = await networkStep(
      git,
      ['push', '--porcelain', REMOTE, `refs/heads/${branch}:refs/heads/${branch}`],
      limits(),
    );
    if (push.code === 0) {
      result.sent = { entries: outgoing.entries, otherChanges: outgoing.otherChanges };
      result.pushed = true;
      break;
    }
    const said = push.stdout.toString('utf8') + push.stderr;
    const remoteLock = remoteLockLeft(said);
    if (!push.timedOut && remoteLock && attempt >= maxAttempts) {
      throw new UserError(
        `The remote is locked: ${remoteLock} is there, left by a push that was interrupted; nothing was lost.`,
        'If no sync is running on either computer, delete that file on the remote, then run intimacy sync again.',
      );
    }
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
    // The journal's own pre-push check said no: its words say what and what to do.
    const hook = /intimacy: (Refusing to push[^\n]*)/.exec(said)?.[1];
    if (hook) throw new UserError(hook);
    const refused = /\[remote rejected\][^\n]*\(([^)]*)\)/.exec(said)?.[1];
    if (refused)
      throw new UserError(
        `The remote refused the push (${refused}).`,
        'Check the repository settings on the server (branch protection, permissions).',
      );
    throw networkError(push, url, stepMs);
  }
  await recordBranch(git, branch);
  await recordSynced(git, (options.now ?? (() => new Date()))());
  return result;
}

/**
 * The remote's journal branch points at a tree, a blob or a tag (a damaged or tampered remote:
 * git itself never makes a branch of one): nothing of it can be merged, and a push would be
 * refused as if the partner had just pushed, so sync stops here, having changed nothing.
 */
async function refuseNotACommit(git: Git, branch: string, dir: string): Promise<void> {
  const type = await refType(git, `refs/remotes/${REMOTE}/${branch}`);
  if (type === undefined || type === 'commit') return;
  throw new UserError(
    `The remote's branch ${branch} points at a ${type}, not a commit: the remote's copy is damaged or was tampered with; nothing was changed here.`,
    `Repair it on the server, or delete the branch there (git -C ${dir} push origin --delete ${branch}) and run intimacy sync: this journal is shared again, and your partner's next sync adds theirs.`,
  );
}

function tookTooLong(totalMs: number): UserError {
  return new UserError(
    `Syncing took longer than ${Math.round(totalMs / 1000)} seconds, so it stopped; nothing was lost.`,
    'Check your connection and run intimacy sync again (INTIMACY_NETWORK_TIMEOUT sets the seconds per step).',
  );
}

function addIntegration(result: SyncResult, merged: Integration): void {
  pushAll(result.conflicts, merged.conflicts);
  if (merged.mergedSettings) result.mergedSettings = true;
  pushAll(result.keptEdits, merged.keptEdits);
  pushAll(result.kept, merged.kept);
  const { received } = result;
  pushAll(received.entries, merged.received.entries);
  pushAll(received.otherChanges, merged.received.otherChanges);
  pushAll(received.removed, merged.received.removed);
  pushAll(received.changedMine, merged.received.changedMine);
  pushAll(received.conflicts, merged.received.conflicts);
  pushAll(received.renamedMine, merged.received.renamedMine);
}

/** Whether the remote's branches differ from what the last fetch brought (so a fetch can be skipped). */
async function fetchNeeded(git: Git, remote: RemoteRefs, refs: RefSnapshot | undefined): Promise<boolean> {
  const tracked = await trackingTips(git, refs);
  if (tracked.size !== remote.branches.size) return true;
  for (const [name, tip] of remote.branches) if (tracked.get(name) !== tip) return true;
  return false;
}

async function trackingTips(git: Git, refs: RefSnapshot | undefined): Promise<Map<string, string>> {
  if (refs) {
    const tips = tipsUnder(refs, `refs/remotes/${REMOTE}/`);
    tips.delete('HEAD');
    return tips;
  }
  const out = await git.text([
    'for-each-ref',
    '--format=%(refname:strip=3)%00%(objectname)',
    `refs/remotes/${REMOTE}/`,
  ]);
  const tips = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [name, id] = line.split('\0');
    if (name && id && name !== 'HEAD') tips.set(name, id);
  }
  return tips;
}

/**
 * Other branches of the remote that hold journal commits ours lacks: a partner whose clone
 * writes to `master` while this one uses `main`. Merged in, so nobody's entries are missed.
 */
async function otherJournalBranches(
  git: Git,
  branch: string,
  refs: RefSnapshot | undefined,
): Promise<Array<{ name: string; tip: string }>> {
  const found: Array<{ name: string; tip: string }> = [];
  for (const [name, id] of await trackingTips(git, refs)) {
    if (name === branch) continue;
    // Without a snapshot a tip may be a tag, a tree or a blob (a host's doing): its commit, or passed over.
    const tip = refs ? id : await revision(git, id);
    if (tip === undefined) continue;
    if (await isAncestor(git, tip, 'HEAD')) continue;
    const related = (await git.run(['merge-base', tip, 'HEAD'])).code === 0;
    if (related && (await pathsIn(git, tip, [SETTINGS_FILE])).has(SETTINGS_FILE)) found.push({ name, tip });
  }
  return found;
}

/**
 * The partner pushed between our fetch and our push: git says so before sending ("fetch
 * first"), or the remote says so when its branch moved while ours was on the way. Then sync
 * fetches and merges again.
 */
/**
 * The lock file a push found on the remote ("Unable to create '…/main.lock': File exists"):
 * another push running there, or one that was killed and left it (a folder remote whose
 * receive-pack died with the sync). Tried again like a lost race, then named.
 */
export function remoteLockLeft(pushOutput: string): string | undefined {
  const file = /Unable to create '([^'\n]+\.lock)': File exists/.exec(pushOutput)?.[1];
  return file?.replace(/\/\.\//g, '/');
}

export function pushLostRace(pushOutput: string): boolean {
  return (
    /\[rejected\]|non-fast-forward|fetch first/.test(pushOutput) ||
    /\[remote rejected\].*\((failed to update ref|cannot lock ref)/.test(pushOutput)
  );
}

/** `head`: HEAD's commit when already known; a branch at that very commit has nothing to send. */
async function outgoingChanges(
  git: Git,
  theirs: string | undefined,
  head: string | undefined,
): Promise<{ commits: number; entries: number; otherChanges: number }> {
  if (head !== undefined && head === theirs) return { commits: 0, entries: 0, otherChanges: 0 };
  if (!(head ?? (await revision(git, 'HEAD')))) return { commits: 0, entries: 0, otherChanges: 0 };
  const commits = Number((await git.text(['rev-list', '--count', theirs ? `${theirs}..HEAD` : 'HEAD'])).trim());
  if (commits === 0) return { commits, entries: 0, otherChanges: 0 };
  const changes = await nameStatus(git, theirs ?? EMPTY_TREE, 'HEAD');
  const entries = changes.filter((change) => change.status === 'A' && isEntryPath(change.path)).length;
  return { commits, entries, otherChanges: changes.length - entries };
}

/**
 * Nothing of this computer's own (.intimacy/: private entries, drafts, sealed keys) leaves in a
 * push, whatever committed it: an earlier intimacy's edit of a private entry did, and so can a
 * `git add -f` by hand. Asked only when there is something to send: one git over the commits
 * not sent yet, in any spelling of the folder a case-insensitive disk takes for it.
 */
async function refuseSendingLocalState(git: Git, theirs: string | undefined, branch: string): Promise<void> {
  const range = theirs ? `${theirs}..HEAD` : 'HEAD';
  const found = await git.text(['log', '--format=%h', '-1', range, '--', `:(icase)${STATE_DIR}`]);
  if (found.trim() === '') return;
  const upstream = theirs ? `${REMOTE}/${branch}` : undefined;
  throw new UserError(
    `Commits not sent yet hold files under ${STATE_DIR}/ (this computer's own: private entries, drafts, sealed keys), so nothing was sent.`,
    upstream
      ? `Take them out of those commits: git reset --soft ${upstream} && git rm -r -q --cached --ignore-unmatch ${STATE_DIR} && git commit -m "Journal changes", then intimacy sync again.`
      : `Take them out: git rm -r -q --cached --ignore-unmatch ${STATE_DIR}, then commit, and make the history again without them (git rebase -i --root), then intimacy sync again.`,
  );
}

const SYNCED_FILE = 'intimacy/synced';

/** When this clone last synced, by the journal's clock (status reads it). */
export async function recordSynced(git: Git, when: Date): Promise<void> {
  // Put in place by a rename: whatever stands at the name (a pipe, a link) is replaced, never written through.
  await writeFileAtomic(await git.gitPath(SYNCED_FILE), `${when.toISOString()}\n`, { durable: false });
}

/**
 * The time recorded by the last successful sync, if any. Read at once and never waited on (a
 * pipe at its name is no record): status reads it while git is still looking at the files, so
 * it adds nothing to the wait.
 */
export async function lastSynced(git: Git): Promise<Date | undefined> {
  try {
    const text = readLocalFile(await git.gitPath(SYNCED_FILE), FILE_LIMITS.small);
    if (text === undefined) return undefined;
    const when = new Date(text.trim());
    return Number.isNaN(when.getTime()) ? undefined : when;
  } catch {
    return undefined;
  }
}
