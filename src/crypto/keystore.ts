import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../journal/store.js';
import { deriveKeys, type DerivedKeys } from './cipher.js';

/**
 * The journal key lives in this clone's .git/ folder (0600): never in the working tree, never
 * committed, never pushed. Each partner imports it once.
 */
export function keyFile(gitDir: string): string {
  return path.join(gitDir, 'intimacy', 'key');
}

export async function readKey(gitDir: string): Promise<Buffer | undefined> {
  try {
    const text = await fs.readFile(keyFile(gitDir), 'utf8');
    const key = Buffer.from(text.trim(), 'base64');
    return key.length === 32 ? key : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function readKeys(gitDir: string): Promise<DerivedKeys | undefined> {
  const key = await readKey(gitDir);
  return key ? deriveKeys(key) : undefined;
}

export async function writeKey(gitDir: string, key: Buffer): Promise<void> {
  await writeFileAtomic(keyFile(gitDir), key.toString('base64') + '\n');
}
