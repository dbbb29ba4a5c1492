import { spawn } from 'node:child_process';
import type { JournalRepo } from '../journal/repo.js';
import { startsWithMagic } from './cipher.js';
import { ATTRIBUTES_FILE } from './setup.js';

const ZERO = /^0+$/;
const ENCRYPTED_PATH = /^(entries|templates)\//;

/** Reads blobs through one `git cat-file --batch` process; returns their first bytes. */
async function blobHeads(dir: string, ids: string[]): Promise<Map<string, Buffer>> {
  const heads = new Map<string, Buffer>();
  if (ids.length === 0) return heads;
  const child = spawn('git', ['cat-file', '--batch'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdin.end(ids.join('\n') + '\n');
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git cat-file exited with ${code}`))));
  });
  const out = Buffer.concat(chunks);
  let offset = 0;
  while (offset < out.length) {
    const lineEnd = out.indexOf(0x0a, offset);
    const [id = '', , size = '0'] = out.subarray(offset, lineEnd).toString().split(' ');
    const length = Number(size);
    heads.set(id, out.subarray(lineEnd + 1, lineEnd + 1 + Math.min(length, 64)));
    offset = lineEnd + 1 + length + 1;
  }
  return heads;
}

/**
 * The paths about to be pushed whose blobs are plain text although the journal is encrypted.
 * History from before encryption was turned on is not judged: it was plain by design.
 */
export async function plaintextInPush(repo: JournalRepo, updates: Array<{ localSha: string }>): Promise<string[]> {
  const git = await repo.git();
  const introduced = (await git.raw(['log', '--format=%H', '--diff-filter=A', '--', ATTRIBUTES_FILE]))
    .trim()
    .split('\n')
    .filter(Boolean)
    .at(-1);
  const exclude: string[] = ['--not', '--remotes'];
  if (introduced) {
    const parents = (await git.raw(['rev-list', '--parents', '-n', '1', introduced])).trim().split(' ').slice(1);
    exclude.push(...parents);
  }
  const offending: string[] = [];
  for (const { localSha } of updates) {
    if (ZERO.test(localSha)) continue; // a deletion sends no content
    const listing = await git.raw(['rev-list', '--objects', localSha, ...exclude]);
    const blobs = new Map<string, string>();
    for (const line of listing.split('\n')) {
      const space = line.indexOf(' ');
      if (space < 0) continue;
      const file = line.slice(space + 1);
      if (ENCRYPTED_PATH.test(file) && /\.(md|ya?ml)$/.test(file)) blobs.set(line.slice(0, space), file);
    }
    const heads = await blobHeads(repo.dir, [...blobs.keys()]);
    for (const [id, file] of blobs) {
      const head = heads.get(id);
      if (head && head.length > 0 && !startsWithMagic(head)) offending.push(file);
    }
  }
  return [...new Set(offending)];
}
