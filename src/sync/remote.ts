import { GitStepError, refuseInvalid, UserError } from '../errors.js';
import type { Git } from '../git/git.js';
import type { GitRun } from '../git/run.js';
import { keepInCloneCopy, readCloneCopy } from '../journal/clone-copy.js';
import type { Journal } from '../journal/journal.js';
import { shellWord } from '../shell-word.js';
import { describeNetworkFailure } from './network-errors.js';
import { remoteUrlProblem } from './remote-url.js';

/** The one remote a journal syncs with. */
export const REMOTE = 'origin';

/** Seconds one network step may take; INTIMACY_NETWORK_TIMEOUT overrides (slow links, tests). */
export function networkTimeoutMs(env: NodeJS.ProcessEnv, fallbackSeconds = 60): number {
  const seconds = Number(env.INTIMACY_NETWORK_TIMEOUT);
  return Math.round((Number.isFinite(seconds) && seconds > 0 ? seconds : fallbackSeconds) * 1000);
}

export function assertRemoteUrl(url: string): string {
  refuseInvalid(
    remoteUrlProblem(url),
    'Use the URL of a git repository, e.g. git@github.com:you/journal.git or ssh://host/path.',
  );
  return url.trim();
}

/** `step`: a clone has no entries here yet, so its advice does not promise they are safe. */
export function networkError(run: GitRun, url: string, timeoutMs: number, step: 'sync' | 'clone' = 'sync'): UserError {
  const failure = describeNetworkFailure(run.stderr, url, run.timedOut ? timeoutMs : undefined);
  const suggestion =
    step === 'clone'
      ? failure.suggestion.replace(/;? ?your entries are saved and committed here\.?/, '.').replace(/\.\.$/, '.')
      : failure.suggestion;
  return new UserError(failure.message, suggestion);
}

/** The journal's remote URL from the config read when it was opened; git is asked only if that read failed. */
export async function journalRemoteUrl(journal: Pick<Journal, 'git' | 'gitConfig'>): Promise<string | undefined> {
  return journal.gitConfig.read ? journal.gitConfig.remoteUrl : remoteUrl(journal.git);
}

export async function remoteUrl(git: Git): Promise<string | undefined> {
  const run = await git.run(['config', '--get', `remote.${REMOTE}.url`]);
  const url = run.code === 0 ? run.stdout.toString('utf8').trim() : '';
  return url === '' ? undefined : url;
}

/** Adds the remote, or points the existing one at a new URL. Returns the previous URL. */
export async function setRemoteUrl(git: Git, url: string): Promise<string | undefined> {
  const checked = assertRemoteUrl(url);
  const previous = await remoteUrl(git);
  const hasRemote = (await git.run(['remote'])).stdout.toString('utf8').split('\n').includes(REMOTE);
  const args = hasRemote ? ['remote', 'set-url', REMOTE, checked] : ['remote', 'add', REMOTE, checked];
  git.forgetConfig();
  const run = await git.run(args);
  git.forgetConfig();
  if (run.code !== 0) throw new GitStepError('git remote', run.stderr.trim());
  await keepInCloneCopy(git, { remote: checked });
  return previous;
}

/**
 * With no remote set: whether this clone synced with one before (git still holds what it last
 * fetched), so that its .git/config lost it, rather than the journal not being shared yet.
 */
export async function remoteLost(git: Git): Promise<boolean> {
  return git
    .run(['for-each-ref', '--count=1', '--format=%(refname)', `refs/remotes/${REMOTE}/`])
    .then((run) => run.code === 0 && run.stdout.length > 0)
    .catch(() => false);
}

export const REMOTE_LOST =
  "This clone no longer knows its remote, though it synced with one before (this clone's .git/config lost it).";
/** How to set a lost remote again: the very command, when this clone kept a copy of its URL (journal/clone-copy.ts). */
export function setItAgain(git: Git): string {
  const kept = readCloneCopy(git).remote;
  return kept
    ? `Set it again with intimacy remote set ${shellWord(kept)} (the URL this clone last used).`
    : 'Set it again with intimacy remote set URL, the same URL as before (your partner sees it with intimacy remote).';
}

export async function noRemoteError(git: Git): Promise<UserError> {
  if (await remoteLost(git)) return new UserError(REMOTE_LOST, setItAgain(git));
  return new UserError(
    'This journal has no remote to sync with yet.',
    'Add one with intimacy remote set URL (a private git repository both of you can reach).',
  );
}
