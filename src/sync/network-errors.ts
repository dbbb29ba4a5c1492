import { firstGitLine } from '../git/messages.js';
import { remoteHost } from './remote-url.js';

/*
 * Turns what git and ssh print when a remote cannot be used into one sentence that says
 * which problem it is, plus what to do. Pure, so every case is tested without a network.
 */

export type NetworkProblem =
  | 'timeout'
  | 'unknown-host'
  | 'unreachable'
  | 'host-key'
  | 'wrong-key'
  | 'credentials'
  | 'missing-repo'
  | 'not-a-commit'
  | 'other';

export interface NetworkFailure {
  problem: NetworkProblem;
  message: string;
  suggestion: string;
}

const PATTERNS: Array<[NetworkProblem, RegExp]> = [
  [
    'unknown-host',
    /could not resolve (hostname|host)|name or service not known|nodename nor servname|temporary failure in name resolution|no address associated/i,
  ],
  ['host-key', /host key verification failed|remote host identification has changed/i],
  [
    'wrong-key',
    /permission denied \((publickey|.*publickey)|permission denied, please try again|too many authentication failures|no supported authentication methods/i,
  ],
  [
    'credentials',
    /authentication failed|could not read (username|password)|terminal prompts disabled|invalid username or password|HTTP Basic: Access denied/i,
  ],
  [
    'unreachable',
    /connection refused|connection timed out|operation timed out|no route to host|network is unreachable|connection reset|connection closed by|failed to connect|could not connect|kex_exchange_identification/i,
  ],
  [
    'missing-repo',
    /does not appear to be a git repository|repository not found|not a git repository|no such file or directory|not found|does not exist|could not read from remote repository/i,
  ],
];

export function describeNetworkFailure(stderr: string, url: string, timedOutAfterMs?: number): NetworkFailure {
  const host = remoteHost(url);
  const where = host ? `the server ${host}` : 'the remote';
  if (timedOutAfterMs !== undefined) {
    return {
      problem: 'timeout',
      message: `${capital(where)} did not answer within ${Math.round(timedOutAfterMs / 1000)} seconds.`,
      suggestion: 'Check your connection and try again later; your entries are saved and committed here.',
    };
  }
  // curl's low-speed limit (git/network.ts): the server answered, then went silent.
  if (/operation too slow/i.test(stderr)) {
    const seconds = /transferred the last (\d+) seconds/i.exec(stderr)?.[1];
    return {
      problem: 'timeout',
      message: `${capital(where)} stopped answering${seconds ? ` (nothing arrived for ${seconds} seconds)` : ''}.`,
      suggestion: 'Check your connection and try again later; your entries are saved and committed here.',
    };
  }
  // A branch of the remote made a tree or a blob (git never does: a damaged or hostile host).
  const notACommit = /trying to write non-commit object \S+ to branch '(?:refs\/heads\/)?([^']+)'/.exec(stderr);
  if (notACommit)
    return {
      problem: 'not-a-commit',
      message: `The remote's branch ${notACommit[1]} points at something that is not a commit: the remote's copy is damaged or was tampered with.`,
      suggestion:
        'Ask your partner to repair it on the server, or to share the journal through a new remote (intimacy remote set URL, then intimacy sync).',
    };
  const problem = PATTERNS.find(([, pattern]) => pattern.test(stderr))?.[0] ?? 'other';
  switch (problem) {
    case 'unknown-host':
      return {
        problem,
        message: `The remote's host ${host ?? ''} could not be found.`.replace('  ', ' '),
        suggestion: 'Check the spelling of the remote URL (intimacy remote) and your connection.',
      };
    case 'host-key':
      return {
        problem,
        message: `${capital(where)} is not a known SSH host, or its host key changed.`,
        suggestion: `Connect once with ssh to ${host ?? 'the server'} to check and accept its key, then sync again.`,
      };
    case 'wrong-key':
      return {
        problem,
        message: `${capital(where)} refused your SSH key.`,
        suggestion: 'Add your public key to the server (or your git host account), or check which key ssh uses.',
      };
    case 'credentials':
      return {
        problem,
        message: `${capital(where)} needs a login that git could not supply without asking.`,
        suggestion: 'Set up an SSH key or a git credential helper for this remote, then sync again.',
      };
    case 'unreachable':
      return {
        problem,
        message: `${capital(where)} could not be reached.`,
        suggestion: 'Check your connection and that the server is running; your entries are saved and committed here.',
      };
    case 'missing-repo':
      return {
        problem,
        message: `There is no git repository at ${url}.`,
        suggestion: 'Check the remote URL (intimacy remote set URL), or create the repository first.',
      };
    default:
      return {
        problem,
        message: `git could not use the remote: ${firstGitLine(stderr, 'no details').replace(/\.$/, '')}.`,
        suggestion: 'Check the remote URL with intimacy remote; your entries are saved and committed here.',
      };
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
