import type { GitConfigValues } from './config.js';
import type { Git } from './git.js';
import { parseLsRemote, type RemoteRefs } from './remote-refs.js';
import type { GitRun } from './run.js';

/** git options that keep command-running transports off whatever the user's config says. */
export const SAFE_TRANSPORT = ['-c', 'protocol.ext.allow=never', '-c', 'protocol.fd.allow=never'];

/** The config as already read, so that git is not asked again for the ssh command. */
export type KnownConfig = Pick<GitConfigValues, 'sshCommand'>;

/**
 * The limits of one network step. `connectMs` bounds the wait for a server that says
 * nothing (ssh's ConnectTimeout, http's low-speed limit); `timeoutMs` is the hard limit of the
 * whole step, after which git and whatever it started (ssh, a git:// connection) are killed.
 */
export interface NetworkLimits {
  timeoutMs: number;
  /** default: CONNECT_MS */
  connectMs?: number;
  config?: KnownConfig;
}

/** How long a server that says nothing is waited for, unless the caller says otherwise. */
export const CONNECT_MS = 15_000;

/**
 * No network step may wait for a password or passphrase: git's own prompt is off, no askpass
 * program is offered (it could open a window and wait; without one git gives up at once) and
 * ssh runs in batch mode. The user's own ssh command (GIT_SSH_COMMAND or core.sshCommand) is
 * kept and only extended; ssh takes the first value given for an option, so their choices win.
 */
function batchOptions(
  git: Git,
  configuredSsh: string | undefined,
  connectSeconds: number,
): { env: Record<string, string>; unset: string[] } {
  const unset = ['GIT_ASKPASS', 'SSH_ASKPASS'];
  // A program without a shell line; leave it be.
  if (git.env.GIT_SSH && !git.env.GIT_SSH_COMMAND) return { env: {}, unset };
  const ssh = git.env.GIT_SSH_COMMAND || configuredSsh || 'ssh';
  // ConnectTimeout covers the TCP connection and ssh's own handshake; the keep-alives end a
  // connection that goes silent later.
  const options = `-o BatchMode=yes -o ConnectTimeout=${connectSeconds} -o ServerAliveInterval=${connectSeconds} -o ServerAliveCountMax=2`;
  return { env: { GIT_SSH_COMMAND: `${ssh} ${options}` }, unset };
}

/** http(s): give up when no byte at all arrives for the connect limit (curl's low-speed check). */
function httpOptions(connectSeconds: number): string[] {
  return ['-c', 'http.lowSpeedLimit=1', '-c', `http.lowSpeedTime=${connectSeconds}`];
}

async function configuredSsh(git: Git): Promise<string | undefined> {
  if (git.env.GIT_SSH_COMMAND || git.env.GIT_SSH) return undefined;
  const run = await git.run(['config', '--get', 'core.sshCommand']);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}

/**
 * A network step (fetch, push, clone) under its limits. With the config known, git starts in
 * this very tick, ahead of anything queued after it.
 */
export function networkStep(git: Git, args: string[], limits: NetworkLimits): Promise<GitRun> {
  const connectSeconds = Math.max(1, Math.ceil(Math.min(limits.connectMs ?? CONNECT_MS, limits.timeoutMs) / 1000));
  const run = (sshCommand: string | undefined) =>
    git.run([...SAFE_TRANSPORT, ...httpOptions(connectSeconds), ...args], {
      ...batchOptions(git, sshCommand, connectSeconds),
      timeoutMs: Math.max(1, limits.timeoutMs),
    });
  if (limits.config) return run(limits.config.sshCommand);
  return configuredSsh(git).then(run);
}

/**
 * The remote's branches and HEAD, asked with the connect limit as the hard limit: the first
 * contact with any transport (ssh, http, git://, a folder) ends there when the server does not
 * answer. `remote` is a remote's name or a URL.
 */
export async function askRemote(
  git: Git,
  remote: string,
  limits: NetworkLimits,
): Promise<{ run: GitRun; refs?: RemoteRefs }> {
  const timeoutMs = Math.min(limits.connectMs ?? CONNECT_MS, limits.timeoutMs);
  const run = await networkStep(git, ['ls-remote', '--symref', '--', remote, 'HEAD', 'refs/heads/*'], {
    ...limits,
    timeoutMs,
  });
  if (run.code === 0) return { run, refs: parseLsRemote(run.stdout.toString('utf8')) };
  // ssh's ConnectTimeout is this very limit: when ssh ends the wait for a silent server first
  // ("Connection timed out during banner exchange"), the answer is the same as when the limit
  // here ends it, and the user reads the same words either way.
  return { run: { ...run, timedOut: run.timedOut || SSH_GAVE_UP.test(run.stderr) } };
}

/** ssh's words when its ConnectTimeout ends the wait (for the connection, or for the server's greeting). */
const SSH_GAVE_UP = /timed out during banner exchange|^ssh: connect to host .* port \d+: Connection timed out/im;
