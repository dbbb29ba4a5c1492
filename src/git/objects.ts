import type { Git } from './git.js';
import { objectSizes } from './tree.js';

/** The first `length` bytes of each blob, read through one `git cat-file --batch`. */
export async function blobHeads(git: Git, ids: string[], length = 64): Promise<Map<string, Buffer>> {
  const heads = new Map<string, Buffer>();
  if (ids.length === 0) return heads;
  const run = await git.run(['cat-file', '--batch'], { input: ids.join('\n') + '\n' });
  if (run.code !== 0) throw new Error(`git cat-file exited with ${run.code}`);
  for (const [id, bytes] of batchObjects(run.stdout)) if (bytes) heads.set(id, bytes.subarray(0, length));
  return heads;
}

/**
 * The blobs of at most `maxBytes`, read whole: their sizes asked first, so a larger one (a
 * partner may push 16 MiB) is never read. One too large, missing, or past a failed read is
 * absent from the answer.
 */
export async function smallBlobs(git: Git, ids: string[], maxBytes: number): Promise<Map<string, Buffer>> {
  const sizes = await objectSizes(git, ids);
  const small = [...new Set(ids.filter((id) => (sizes.get(id) ?? Infinity) <= maxBytes))];
  return blobHeads(git, small, maxBytes).catch(() => new Map<string, Buffer>());
}

/**
 * Blobs as git writes them to disk at their paths: through the journal's filters (in an
 * encrypted journal the blob holds ciphertext, the file its plain text). Keyed by path; a blob
 * git cannot give, or a path that cannot go on one line, is left out.
 */
export async function checkedOutTexts(
  git: Git,
  files: Array<{ blob: string; path: string }>,
): Promise<Map<string, Buffer>> {
  const texts = new Map<string, Buffer>();
  const asked = files.filter((file) => /^[0-9a-f]{40,64}$/.test(file.blob) && !/[\r\n]/.test(file.path));
  if (asked.length === 0) return texts;
  // Each line "<blob> <path>": the path says which filters apply (git 2.39 takes no "<rev>:<path>" here).
  const run = await git.run(['cat-file', '--batch', '--filters'], {
    input: `${asked.map((file) => `${file.blob} ${file.path}`).join('\n')}\n`,
  });
  if (run.code !== 0) return texts;
  // One answer per line asked, in order ("missing" for a blob git cannot give).
  const answers = batchObjects(run.stdout, true);
  asked.forEach((file, i) => {
    const bytes = answers[i]?.[1];
    if (bytes !== undefined) texts.set(file.path, bytes);
  });
  return texts;
}

/** `git cat-file --batch` output as [id, content] pairs; with `keepMissing`, a missing name gives [name, undefined]. */
function batchObjects(out: Buffer, keepMissing = false): Array<[string, Buffer | undefined]> {
  const objects: Array<[string, Buffer | undefined]> = [];
  let offset = 0;
  while (offset < out.length) {
    const lineEnd = out.indexOf(0x0a, offset);
    if (lineEnd < 0) break;
    const line = out.subarray(offset, lineEnd).toString();
    const header = /^([0-9a-f]{40,64}) [a-z]+ (\d+)$/.exec(line);
    if (!header) {
      // "<name> missing" (or ambiguous; a name may hold spaces): no content follows
      if (keepMissing) objects.push([line, undefined]);
      offset = lineEnd + 1;
      continue;
    }
    const bytes = Number(header[2]);
    objects.push([header[1]!, out.subarray(lineEnd + 1, lineEnd + 1 + bytes)]);
    offset = lineEnd + 1 + bytes + 1;
  }
  return objects;
}
