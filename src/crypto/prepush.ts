import type { Git } from '../git/git.js';
import { plural } from '../plural.js';
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
  const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
  return {
    message: `Refusing to push ${plural(files.length, 'file')} stored as plain text in an encrypted journal (${shown}); nothing was sent.`,
    suggestion: hasKey
      ? 'Run intimacy encrypt init: it stores them encrypted, re-writing the commits not pushed yet, then sync again.'
      : 'Import the key (intimacy encrypt import-key FILE), run intimacy encrypt init, then sync again.',
  };
}
