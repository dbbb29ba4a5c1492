import type { Git } from '../git/git.js';
import { EMPTY_TREE } from '../git/history.js';
import { treeChanges } from '../git/tree.js';
import { plural } from '../plural.js';
import { shownPath } from '../unsafe-chars.js';
import type { DerivedKeys } from './cipher.js';
import { undecryptable } from './incoming.js';
import { isEncryptedPath } from './paths.js';
import { plainBlobsIn } from './reachable.js';

const ZERO = /^0+$/;

export interface PushUpdate {
  localSha: string;
  remoteSha?: string;
}

/**
 * The files about to be pushed (every commit the remote lacks, not only the newest) whose blobs
 * are plain text under the encrypted folders, whatever their names. What the remote holds
 * already (its remote-tracking branches, the tips it reported) is not judged: sending it again
 * sends nothing. A journal made before encryption was turned on was pushed plain by design;
 * history that was never pushed is encrypted by `encrypt init`, so it is judged like the rest.
 */
export async function plaintextInPush(git: Git, remote: string | undefined, updates: PushUpdate[]): Promise<string[]> {
  const sending = updates.filter((update) => !ZERO.test(update.localSha)).map((update) => update.localSha);
  if (sending.length === 0) return [];
  const known: string[] = [];
  const remotes = (await git.text(['remote'])).split('\n').filter(Boolean);
  if (remote && remotes.includes(remote)) known.push(`--remotes=${remote}`);
  for (const { remoteSha } of updates) {
    if (!remoteSha || ZERO.test(remoteSha)) continue;
    const here = await git.run(['rev-parse', '--quiet', '--verify', `${remoteSha}^{commit}`]);
    if (here.code === 0) known.push(remoteSha);
  }
  const found = await plainBlobsIn(
    git,
    [...sending, ...(known.length > 0 ? ['--not', ...known] : [])],
    isEncryptedPath,
  );
  return [...new Set(found.values())].sort();
}

/** What a refused push says: which files, and the one command that puts it right. */
export function plainPushRefusal(files: string[], hasKey: boolean): { message: string; suggestion: string } {
  const shown = files.slice(0, 3).map(shownPath).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
  return {
    message: `Refusing to push ${plural(files.length, 'file')} stored as plain text in an encrypted journal (${shown}); nothing was sent.`,
    suggestion: hasKey
      ? 'Run intimacy encrypt init: it stores them encrypted, re-writing the commits not pushed yet, then sync again.'
      : 'Import the key (intimacy encrypt import-key FILE), run intimacy encrypt init, then sync again.',
  };
}

/**
 * The encrypted files a push would bring the partner that do not decrypt with this clone's key
 * (damaged here, or another key's): what the partner's sync would refuse by name, stopping it.
 * Judged as the partner's sync judges them: the tip's files that differ from what the remote
 * holds (all of them for a branch it lacks), so a damaged version put right by a later commit
 * is no reason to refuse.
 */
export async function damagedInPush(git: Git, keys: DerivedKeys, updates: PushUpdate[]): Promise<string[]> {
  const found = new Set<string>();
  for (const { localSha, remoteSha } of updates) {
    if (ZERO.test(localSha)) continue;
    const known =
      remoteSha && !ZERO.test(remoteSha)
        ? (await git.run(['rev-parse', '--quiet', '--verify', `${remoteSha}^{commit}`])).code === 0
        : false;
    const changes = await treeChanges(git, known ? remoteSha! : EMPTY_TREE, localSha);
    const landing = changes.flatMap(({ path, to }) => (to ? [{ path, item: to }] : []));
    for (const file of (await undecryptable(git, keys, landing)).keys()) found.add(file);
  }
  return [...found].sort();
}

/** What a push refused for damaged encrypted files says. */
export function damagedPushRefusal(files: string[]): { message: string; suggestion: string } {
  const shown = files.slice(0, 3).map(shownPath).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
  return {
    message: `Refusing to push ${plural(files.length, 'encrypted file')} that cannot be decrypted (${shown}): damaged here, or another key's, your partner's sync would refuse ${files.length === 1 ? 'it' : 'them'}; nothing was sent.`,
    suggestion: `Commit a good version over ${files.length === 1 ? 'it' : 'each'} (git checkout COMMIT -- FILE from git log -- FILE, or git rm FILE), then push again.`,
  };
}
