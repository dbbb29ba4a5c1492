import type { Git } from '../git/git.js';
import { blobHeads } from '../git/objects.js';
import { ATTRIBUTES_FILE } from '../store/layout.js';
import { startsWithMagic } from './cipher.js';

const ZERO = /^0+$/;
const ENCRYPTED_PATH = /^(entries|templates)\//;
/** attached files are encrypted whatever their kind */
const ATTACHMENT = /^attachments\//;

/**
 * The paths about to be pushed whose blobs are plain text although the journal is encrypted.
 * History from before encryption was turned on is not judged: it was plain by design.
 */
export async function plaintextInPush(git: Git, updates: Array<{ localSha: string }>): Promise<string[]> {
  const introduced = (await git.text(['log', '--format=%H', '--diff-filter=A', '--', ATTRIBUTES_FILE]))
    .trim()
    .split('\n')
    .filter(Boolean)
    .at(-1);
  const exclude: string[] = ['--not', '--remotes'];
  if (introduced) {
    const parents = (await git.text(['rev-list', '--parents', '-n', '1', introduced])).trim().split(' ').slice(1);
    exclude.push(...parents);
  }
  const offending: string[] = [];
  for (const { localSha } of updates) {
    if (ZERO.test(localSha)) continue; // a deletion sends no content
    const listing = await git.text(['rev-list', '--objects', localSha, ...exclude]);
    const blobs = new Map<string, string>();
    for (const line of listing.split('\n')) {
      const space = line.indexOf(' ');
      if (space < 0) continue;
      const file = line.slice(space + 1);
      if ((ENCRYPTED_PATH.test(file) && /\.(md|ya?ml)$/.test(file)) || ATTACHMENT.test(file))
        blobs.set(line.slice(0, space), file);
    }
    const heads = await blobHeads(git, [...blobs.keys()]);
    for (const [id, file] of blobs) {
      const head = heads.get(id);
      if (head && head.length > 0 && !startsWithMagic(head)) offending.push(file);
    }
  }
  return [...new Set(offending)];
}
