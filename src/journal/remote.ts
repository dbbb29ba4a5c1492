import { UsageError, UserError } from '../errors.js';
import { GitStepError, runGit, type GitRun } from './git-run.js';
import { describeNetworkFailure } from './network-errors.js';
import { remoteUrlProblem } from './remote-url.js';
import type { Journal } from './journal.js';
import { gitEnv, type GitConfigValues } from './repo.js';

/** The one remote a journal syncs with. */
export const REMOTE = 'origin';

/** Seconds one network step may take; INTIMACY_NETWORK_TIMEOUT overrides (slow links, tests). */
export function networkTimeoutMs(env: NodeJS.ProcessEnv, fallbackSeconds = 60): number {
  const seconds = Number(env.INTIMACY_NETWORK_TIMEOUT);
  return Math.round((Number.isFinite(seconds) && seconds > 0 ? seconds : fallbackSeconds) * 1000);
}

export function assertRemoteUrl(url: string): string {
  const problem = remoteUrlProblem(url);
  if (problem)
    throw new UsageError(
      problem + '.',
      'Use the URL of a git repository, e.g. git@github.com:you/journal.git or ssh://host/path.',
    );
  return url.trim();
}

/** The journal's git config as already read (`git config --list`), so it is not asked again. */
export type KnownConfig = Pick<GitConfigValues, 'sshCommand'>;

/**
 * No network step may wait for a password or passphrase: git's own prompt is off and ssh runs
 * in batch mode. The user's own ssh command (GIT_SSH_COMMAND or core.sshCommand) is kept and
 * only extended; ssh takes the first value given for an option, so their choices still win.
 */
export async function networkEnv(dir: string, config?: KnownConfig): Promise<Record<string, string>> {
  const env = gitEnv();
  if (config || env.GIT_SSH_COMMAND || env.GIT_SSH) return batchEnv(env, config?.sshCommand);
  const configured = await runGit(['config', '--get', 'core.sshCommand'], { cwd: dir });
  return batchEnv(env, configured.code === 0 ? configured.stdout.toString('utf8').trim() : undefined);
}

function batchEnv(env: Record<string, string>, configuredSsh: string | undefined): Record<string, string> {
  // An askpass program could open a window and wait; without one git gives up at once.
  delete env.GIT_ASKPASS;
  delete env.SSH_ASKPASS;
  if (env.GIT_SSH && !env.GIT_SSH_COMMAND) return env; // a program without a shell line; leave it be
  env.GIT_SSH_COMMAND = `${env.GIT_SSH_COMMAND || configuredSsh || 'ssh'} -o BatchMode=yes -o ConnectTimeout=15`;
  return env;
}

/** git options that keep command-running transports off whatever the user's config says. */
export const SAFE_TRANSPORT = ['-c', 'protocol.ext.allow=never', '-c', 'protocol.fd.allow=never'];

/** A network step (fetch, push, clone) under a hard time limit; failures become one clear sentence. */
export function runNetworkStep(
  args: string[],
  options: { cwd: string; url: string; timeoutMs: number; config?: KnownConfig },
): Promise<GitRun> {
  const run = (env: Record<string, string>) =>
    runGit([...SAFE_TRANSPORT, ...args], { cwd: options.cwd, env, timeoutMs: options.timeoutMs });
  // With the config known, git starts in this very tick, ahead of anything queued after it.
  if (options.config) return run(batchEnv(gitEnv(), options.config.sshCommand));
  return networkEnv(options.cwd).then(run);
}

export function networkError(run: GitRun, url: string, timeoutMs: number): UserError {
  const failure = describeNetworkFailure(run.stderr, url, run.timedOut ? timeoutMs : undefined);
  return new UserError(failure.message, failure.suggestion);
}

/** The journal's remote URL from the config read when it was opened; git is asked only if that read failed. */
export async function journalRemoteUrl(journal: Pick<Journal, 'dir' | 'gitConfig'>): Promise<string | undefined> {
  return journal.gitConfig.read ? journal.gitConfig.remoteUrl : remoteUrl(journal.dir);
}

export async function remoteUrl(dir: string): Promise<string | undefined> {
  const run = await runGit(['config', '--get', `remote.${REMOTE}.url`], { cwd: dir });
  const url = run.code === 0 ? run.stdout.toString('utf8').trim() : '';
  return url === '' ? undefined : url;
}

/** Adds the remote, or points the existing one at a new URL. Returns the previous URL. */
export async function setRemoteUrl(dir: string, url: string): Promise<string | undefined> {
  const checked = assertRemoteUrl(url);
  const previous = await remoteUrl(dir);
  const hasRemote = (await runGit(['remote'], { cwd: dir })).stdout.toString('utf8').split('\n').includes(REMOTE);
  const args = hasRemote ? ['remote', 'set-url', REMOTE, checked] : ['remote', 'add', REMOTE, checked];
  const run = await runGit(args, { cwd: dir });
  if (run.code !== 0) throw new GitStepError('git remote', run.stderr.trim());
  return previous;
}

export function noRemoteError(): UserError {
  return new UserError(
    'This journal has no remote to sync with yet.',
    'Add one with intimacy remote set URL (a private git repository both of you can reach).',
  );
}
