import { promises as fs } from 'node:fs';
import type { Git } from '../git/git.js';
import { writeFileAtomic } from '../store/files.js';
import { KEY_PATH } from '../store/layout.js';
import { type DerivedKeys, deriveKeys } from './cipher.js';

/**
 * The journal key lives in this clone's git folder (.git/intimacy/key, 0600): never in the
 * working tree, never committed, never pushed. Each partner imports it once.
 */

export async function readKey(git: Git): Promise<Buffer | undefined> {
  try {
    const text = await fs.readFile(await git.gitPath(KEY_PATH), 'utf8');
    const key = Buffer.from(text.trim(), 'base64');
    return key.length === 32 ? key : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function readKeys(git: Git): Promise<DerivedKeys | undefined> {
  const key = await readKey(git);
  return key ? deriveKeys(key) : undefined;
}

export async function writeKey(git: Git, key: Buffer): Promise<void> {
  await writeFileAtomic(await git.gitPath(KEY_PATH), key.toString('base64') + '\n');
}
