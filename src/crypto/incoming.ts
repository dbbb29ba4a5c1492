import type { Git } from '../git/git.js';
import { blobHeads } from '../git/objects.js';
import { ATTRIBUTES_FILE } from '../store/layout.js';
import { type DerivedKeys, decrypt, startsWithMagic } from './cipher.js';
import { isEncryptedPath } from './paths.js';

/*
 * What an encrypted journal checks in a partner's history before it lands (sync's `inspect`):
 * every encrypted file must decrypt here, since git would otherwise delete the file on disk and
 * then fail to write its new version (a deletion the next sync would commit); and the history
 * must not turn the encryption off by rewriting .gitattributes, which would have this clone
 * commit its entries as plain text. Either way nothing is merged.
 */

export interface Landing {
  path: string;
  item: { mode: string; id: string };
}

/** Files of the encrypted folders that would land and do not decrypt with this clone's key: path → why. */
export async function undecryptable(git: Git, keys: DerivedKeys, landing: Landing[]): Promise<Map<string, string>> {
  const blobs = landing.filter(({ path, item }) => isEncryptedPath(path) && item.mode.startsWith('100'));
  const contents = await blobHeads(
    git,
    blobs.map(({ item }) => item.id),
    Number.POSITIVE_INFINITY,
  );
  const problems = new Map<string, string>();
  for (const { path, item } of blobs) {
    const bytes = contents.get(item.id);
    if (!bytes || !startsWithMagic(bytes)) continue; // plain: the pre-push check is the partner's guard
    try {
      decrypt(bytes, keys);
    } catch (error) {
      problems.set(path, error instanceof Error ? error.message : String(error));
    }
  }
  return problems;
}

/** The lines of `current` (this clone's .gitattributes) that send files through the filter. */
function filterLines(text: string): string[] {
  return text.split('\n').filter((line) => /filter=intimacy/.test(line));
}

/**
 * Whether the history stops encrypting something this clone's .gitattributes encrypts: it
 * removes .gitattributes, or its version lacks one of the filter lines.
 */
export async function turnsEncryptionOff(
  git: Git,
  current: string,
  landing: Landing[],
  removed: string[],
): Promise<boolean> {
  const ours = filterLines(current);
  if (ours.length === 0) return false;
  if (removed.includes(ATTRIBUTES_FILE)) return true;
  const arriving = landing.find(({ path }) => path === ATTRIBUTES_FILE);
  if (!arriving) return false;
  const text = (await blobHeads(git, [arriving.item.id], 64 * 1024)).get(arriving.item.id)?.toString('utf8') ?? '';
  const theirs = new Set(filterLines(text));
  return ours.some((line) => !theirs.has(line));
}
