import type { Git } from '../../git/git.js';
import { isAncestor, revision } from '../../git/history.js';
import { networkStep } from '../../git/network.js';
import type { Journal } from '../../journal/journal.js';
import {
  journalRemoteUrl,
  networkError,
  networkTimeoutMs,
  REMOTE,
  REMOTE_LOST,
  remoteLost,
  setItAgain,
} from '../../sync/remote.js';
import { type Check, check } from './check.js';

/** A doctor waits less for the remote than sync does: it is asked to look, not to carry entries. */
const DOCTOR_NETWORK_SECONDS = 15;

/** The remote: set, answering within the time limit, and whether it holds commits this clone has not seen. */
export async function remoteChecks(journal: Journal, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const url = await journalRemoteUrl(journal);
  if (!url && (await remoteLost(journal.git)))
    return [check('remote', 'warn', REMOTE_LOST, { fix: setItAgain(journal.git) })];
  if (!url)
    return [
      check('remote', 'warn', 'No remote is set: the journal is not shared yet.', {
        fix: 'Add a private git remote with intimacy remote set URL, then intimacy sync.',
      }),
    ];
  const timeoutMs = Math.min(networkTimeoutMs(env, DOCTOR_NETWORK_SECONDS), DOCTOR_NETWORK_SECONDS * 1000);
  const branch = await currentBranch(journal.git);
  const run = await networkStep(journal.git, ['ls-remote', REMOTE, `refs/heads/${branch}`], { timeoutMs });
  if (run.code !== 0 || run.timedOut) {
    const problem = networkError(run, url, timeoutMs);
    return [
      check('remote', 'ok', `The remote is ${url}.`),
      check('remote-reachable', 'fail', problem.message.replace(/\.$/, '') + '.', {
        ...(problem.suggestion ? { fix: problem.suggestion } : {}),
      }),
    ];
  }
  const theirs = run.stdout.toString('utf8').split(/\s/)[0] || undefined;
  return [
    check('remote', 'ok', `The remote is ${url}.`),
    check('remote-reachable', 'ok', 'The remote answers.'),
    await aheadCheck(journal.git, branch, theirs),
  ];
}

async function currentBranch(git: Git): Promise<string> {
  const run = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : 'main';
}

async function aheadCheck(git: Git, branch: string, theirs: string | undefined): Promise<Check> {
  if (!theirs)
    return check('remote-ahead', 'warn', `The remote has no ${branch} branch yet.`, {
      fix: 'intimacy sync sends your entries there.',
    });
  const mine = await revision(git, 'HEAD');
  if (mine === theirs) return check('remote-ahead', 'ok', 'This clone and the remote hold the same entries.');
  const known = (await git.run(['cat-file', '-e', `${theirs}^{commit}`])).code === 0;
  if (known && mine && (await isAncestor(git, theirs, mine)))
    return check('remote-ahead', 'ok', 'This clone has commits the remote does not have yet.', {
      fix: 'intimacy sync sends them.',
    });
  return check('remote-ahead', 'warn', 'The remote has commits this clone has not brought in yet.', {
    fix: "intimacy sync brings in your partner's entries.",
  });
}
