import { UserError } from '../errors.js';
import { askRemote, CONNECT_MS } from '../git/network.js';
import type { Journal } from '../journal/journal.js';
import { withJournalLock } from '../store/lock.js';
import { assertRemoteUrl, networkError, REMOTE, setRemoteUrl } from '../sync/remote.js';
import { type EncryptionOutcome, initEncryption } from './encryption.js';

/*
 * Leaving plain history behind: the journal moves to a fresh, empty remote, and its whole
 * history is re-written encrypted first (authors, dates and messages kept), so the new remote
 * never holds plain text. The old remote is never pushed to, let alone force-pushed: the
 * partner's history there stays as it was until the couple deletes it. A run killed half way
 * is safe: with the old remote forgotten, the pre-push check refuses every plain blob until
 * `encrypt init` (which this runs) has re-written it.
 */

export interface MoveOutcome extends EncryptionOutcome {
  url: string;
  previous?: string;
}

export async function moveToFreshRemote(journal: Journal, wanted: string, timeoutMs: number): Promise<MoveOutcome> {
  const url = assertRemoteUrl(wanted);
  const asked = await askRemote(journal.git, url, { timeoutMs, connectMs: CONNECT_MS });
  if (!asked.refs) throw networkError(asked.run, url, Math.min(CONNECT_MS, timeoutMs));
  if (asked.refs.branches.size > 0)
    throw new UserError(
      `${url} is not empty, so the journal cannot move there without mixing in its history.`,
      'Create a new, empty private repository and give its URL.',
    );
  const previous = await withJournalLock(journal.dir, async () => {
    const before = await setRemoteUrl(journal.git, url);
    // What the old remote held is no longer "already shared": all of it is re-written.
    const tracking = await journal.git.text(['for-each-ref', '--format=%(refname)', `refs/remotes/${REMOTE}/`]);
    for (const ref of tracking.split('\n').filter(Boolean)) await journal.git.text(['update-ref', '-d', ref]);
    return before;
  });
  journal.gitConfig = { ...journal.gitConfig, remoteUrl: url };
  const outcome = await initEncryption(journal);
  return { ...outcome, url, ...(previous ? { previous } : {}) };
}
