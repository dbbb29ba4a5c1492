import { FileProblem } from '../errors.js';
import type { Git } from '../git/git.js';
import { shellWord } from '../shell-word.js';
import { writeFileAtomic } from '../store/files.js';
import { KEY_PATH } from '../store/layout.js';
import { FILE_LIMITS, readLocalFile } from '../store/safe-file.js';
import { type DerivedKeys, deriveKeys } from './cipher.js';

/**
 * The journal key lives in this clone's git folder (.git/intimacy/key, 0600): never in the
 * working tree, never committed, never pushed. Each partner imports it once.
 */

/** The key, undefined when there is none; a pipe or a device at its name is refused by name, never waited on. */
export async function readKey(git: Git): Promise<Buffer | undefined> {
  const file = await git.gitPath(KEY_PATH);
  let text: string | undefined;
  try {
    text = readLocalFile(file, FILE_LIMITS.small);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    throw new FileProblem(
      error.file,
      error.reason,
      `Remove it (rm ${shellWord(file)}); if the journal is encrypted, intimacy encrypt import-key then puts its key back.`,
    );
  }
  if (text === undefined) return undefined;
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? key : undefined;
}

export async function readKeys(git: Git): Promise<DerivedKeys | undefined> {
  const key = await readKey(git);
  return key ? deriveKeys(key) : undefined;
}

export async function writeKey(git: Git, key: Buffer): Promise<void> {
  await writeFileAtomic(await git.gitPath(KEY_PATH), key.toString('base64') + '\n');
}
