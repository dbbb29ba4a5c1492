import type { Git } from './git.js';

/** The first `length` bytes of each blob, read through one `git cat-file --batch`. */
export async function blobHeads(git: Git, ids: string[], length = 64): Promise<Map<string, Buffer>> {
  const heads = new Map<string, Buffer>();
  if (ids.length === 0) return heads;
  const run = await git.run(['cat-file', '--batch'], { input: ids.join('\n') + '\n' });
  if (run.code !== 0) throw new Error(`git cat-file exited with ${run.code}`);
  const out = run.stdout;
  let offset = 0;
  while (offset < out.length) {
    const lineEnd = out.indexOf(0x0a, offset);
    const [id = '', , size = '0'] = out.subarray(offset, lineEnd).toString().split(' ');
    const bytes = Number(size);
    heads.set(id, out.subarray(lineEnd + 1, lineEnd + 1 + Math.min(bytes, length)));
    offset = lineEnd + 1 + bytes + 1;
  }
  return heads;
}
