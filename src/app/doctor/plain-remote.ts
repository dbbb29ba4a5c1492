import { isEncryptedPath } from '../../crypto/paths.js';
import { plainBlobsIn } from '../../crypto/reachable.js';
import type { Git } from '../../git/git.js';
import type { Journal } from '../../journal/journal.js';
import { ATTRIBUTES_FILE } from '../../store/layout.js';
import { REMOTE } from '../../sync/remote.js';
import { elapsedMs } from '../../timer.js';
import { type Check, check, some } from './check.js';

/*
 * Whether the remote still holds the plain text of an entry: every blob of the history this
 * clone last fetched from it (the remote-tracking branches) under the folders the journal
 * encrypts, that is not ciphertext (found as the pre-push check finds them). History from
 * before encryption was turned on is plain by design (`encrypt init` says so) and is a
 * warning; plain text committed after it is a failure. The look is bounded in time: a long
 * history gets a warning that it was not looked at to the end.
 */

const SCAN_MS = 20_000;

export async function plainOnRemoteChecks(journal: Journal, limitMs = SCAN_MS): Promise<Check[]> {
  const deadline = elapsedMs() + limitMs;
  const left = () => Math.max(1, Math.round(deadline - elapsedMs()));
  const tips = (await journal.git.text(['for-each-ref', '--format=%(objectname)', `refs/remotes/${REMOTE}/`]))
    .split('\n')
    .filter(Boolean);
  if (tips.length === 0)
    return [
      check('remote-plain', 'ok', 'Nothing has been fetched from the remote yet, so nothing plain is known there.'),
    ];
  let plain: Map<string, string>;
  let after: Map<string, string> | undefined;
  try {
    plain = await plainBlobsIn(journal.git, tips, isEncryptedPath, { timeoutMs: left() });
    const since = plain.size > 0 ? await encryptedSince(journal.git) : undefined;
    after =
      since === undefined
        ? undefined
        : await plainBlobsIn(journal.git, [...tips, '--not', ...since], isEncryptedPath, { timeoutMs: left() });
  } catch {
    // git stopped at the time limit (or could not read the history): said, never a failure
    return [unfinished(limitMs)];
  }
  // the limit is for the whole look, whichever step went past it
  if (elapsedMs() > deadline) return [unfinished(limitMs)];
  if (plain.size === 0)
    return [
      check(
        'remote-plain',
        'ok',
        "No plain text of an entry is in the remote's history (as this clone last fetched it).",
      ),
    ];
  const leaked = names(after ?? new Map());
  if (leaked.length > 0)
    return [
      check(
        'remote-plain',
        'fail',
        `The remote holds the plain text of ${files(leaked.length)} committed after encryption was turned on.`,
        {
          fix: 'They can be read by whoever hosts the remote: move the journal to a fresh remote whose history holds no plain text (see "intimacy encrypt" in the README).',
          details: some(leaked),
        },
      ),
    ];
  const older = names(plain);
  return [
    check(
      'remote-plain',
      'warn',
      `The remote's history still holds the plain text of ${files(older.length)} from before encryption was turned on.`,
      {
        fix: 'Whoever hosts the remote can read those versions; a fresh remote whose history holds no plain text ends that (see "intimacy encrypt" in the README).',
        details: some(older),
      },
    ),
  ];
}

function files(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}

/** The paths of the blobs found, each once. */
function names(found: Map<string, string>): string[] {
  return [...new Set(found.values())].sort();
}

function unfinished(limitMs: number): Check {
  return check(
    'remote-plain',
    'warn',
    `The remote's history is too long to look through for plain text in ${Math.round(limitMs / 1000)} seconds.`,
    {
      fix: 'git log --remotes shows it; run intimacy doctor again when the computer is less busy.',
    },
  );
}

/**
 * The commits from before encryption was turned on: the parents of the commit that added
 * .gitattributes (when it is in this clone's history), so that `--not` them leaves what came after.
 */
async function encryptedSince(git: Git): Promise<string[] | undefined> {
  const added = (await git.text(['log', '--all', '--format=%H', '--diff-filter=A', '--', ATTRIBUTES_FILE]))
    .trim()
    .split('\n')
    .filter(Boolean)
    .at(-1);
  if (!added) return undefined;
  return (await git.text(['rev-list', '--parents', '-n', '1', added])).trim().split(' ').slice(1);
}
