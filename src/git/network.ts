import type { GitConfigValues } from './config.js';
import type { Git } from './git.js';
import type { GitRun } from './run.js';

/** git options that keep command-running transports off whatever the user's config says. */
export const SAFE_TRANSPORT = ['-c', 'protocol.ext.allow=never', '-c', 'protocol.fd.allow=never'];

/** The config as already read, so that git is not asked again for the ssh command. */
export type KnownConfig = Pick<GitConfigValues, 'sshCommand'>;

/**
 * No network step may wait for a password or passphrase: git's own prompt is off, no askpass
 * program is offered (it could open a window and wait; without one git gives up at once) and
 * ssh runs in batch mode. The user's own ssh command (GIT_SSH_COMMAND or core.sshCommand) is
 * kept and only extended; ssh takes the first value given for an option, so their choices win.
 */
function batchOptions(git: Git, configuredSsh: string | undefined): { env: Record<string, string>; unset: string[] } {
  const unset = ['GIT_ASKPASS', 'SSH_ASKPASS'];
  // A program without a shell line; leave it be.
  if (git.env.GIT_SSH && !git.env.GIT_SSH_COMMAND) return { env: {}, unset };
  const ssh = git.env.GIT_SSH_COMMAND || configuredSsh || 'ssh';
  return { env: { GIT_SSH_COMMAND: `${ssh} -o BatchMode=yes -o ConnectTimeout=15` }, unset };
}

async function configuredSsh(git: Git): Promise<string | undefined> {
  if (git.env.GIT_SSH_COMMAND || git.env.GIT_SSH) return undefined;
  const run = await git.run(['config', '--get', 'core.sshCommand']);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}

/**
 * A network step (fetch, push, clone) under a hard time limit that ends ssh too. With the
 * config known, git starts in this very tick, ahead of anything queued after it.
 */
export function networkStep(
  git: Git,
  args: string[],
  options: { timeoutMs: number; config?: KnownConfig },
): Promise<GitRun> {
  const run = (sshCommand: string | undefined) =>
    git.run([...SAFE_TRANSPORT, ...args], { ...batchOptions(git, sshCommand), timeoutMs: options.timeoutMs });
  if (options.config) return run(options.config.sshCommand);
  return configuredSsh(git).then(run);
}
