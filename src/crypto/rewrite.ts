import path from 'node:path';
import { fileCalls as fs } from '../file-calls.js';
import type { Git } from '../git/git.js';
import { blobHeads } from '../git/objects.js';
import { isEntryPath } from '../store/naming.js';
import { type DerivedKeys, encrypt, HEADER_LENGTH, startsWithMagic } from './cipher.js';
import { isEncryptedPath } from './paths.js';
import { plainBlobsIn } from './reachable.js';

/*
 * Re-writing commits that were never shared so that they hold no plain text: every blob under
 * the encrypted folders is replaced by its ciphertext (the same bytes the clean filter makes,
 * so the files on disk stay unchanged for git) and each commit gets the .gitattributes that
 * says so. Authors, dates and messages stay. Everything is built in git's objects first; the
 * branch then moves in one `update-ref`, so a kill leaves either the old history or the new.
 * Commits a remote already holds are never rewritten (that would force-push over the partner).
 */

export interface RewriteOutcome {
  /** commits given new, encrypted versions */
  commits: number;
}

interface RawCommit {
  id: string;
  tree: string;
  parents: string[];
  env: Record<string, string>;
  message: Buffer;
}

/** The commits to rewrite, oldest first: those of `tip` that `exclude` (rev-list arguments) leaves. */
async function commitsOf(git: Git, tip: string, exclude: string[]): Promise<string[]> {
  const listed = await git.text(['rev-list', '--reverse', '--topo-order', tip, ...exclude]);
  return listed.split('\n').filter(Boolean);
}

function person(line: string, role: 'AUTHOR' | 'COMMITTER'): Record<string, string> {
  const match = /^(.*) <([^>]*)> (\d+ [+-]\d{4})$/.exec(line);
  if (!match) return {};
  return {
    [`GIT_${role}_NAME`]: match[1]!,
    [`GIT_${role}_EMAIL`]: match[2]!,
    [`GIT_${role}_DATE`]: `@${match[3]!}`,
  };
}

async function readCommit(git: Git, id: string): Promise<RawCommit> {
  const raw = (await git.run(['cat-file', 'commit', id])).stdout;
  const split = raw.indexOf('\n\n');
  const headers = raw
    .subarray(0, split < 0 ? raw.length : split)
    .toString('utf8')
    .split('\n');
  const commit: RawCommit = {
    id,
    tree: '',
    parents: [],
    env: {},
    message: split < 0 ? Buffer.alloc(0) : raw.subarray(split + 2),
  };
  for (const header of headers) {
    const space = header.indexOf(' ');
    const [key, value] = [header.slice(0, space), header.slice(space + 1)];
    if (key === 'tree') commit.tree = value;
    else if (key === 'parent') commit.parents.push(value);
    else if (key === 'author') Object.assign(commit.env, person(value, 'AUTHOR'));
    else if (key === 'committer') Object.assign(commit.env, person(value, 'COMMITTER'));
  }
  return commit;
}

/** Every blob of a tree: path → [mode, id]. */
async function treeBlobs(git: Git, tree: string): Promise<Map<string, [string, string]>> {
  const out = await git.text(['ls-tree', '-r', '-z', '--full-tree', tree]);
  const blobs = new Map<string, [string, string]>();
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', id = ''] = record.slice(0, tab).split(' ');
    if (type === 'blob') blobs.set(record.slice(tab + 1), [mode, id]);
  }
  return blobs;
}

/** Plain blobs (of the encrypted folders) among `ids`, read whole. */
async function plainBlobs(git: Git, ids: string[]): Promise<Map<string, Buffer>> {
  const heads = await blobHeads(git, ids, HEADER_LENGTH);
  const plain = [...heads].filter(([, head]) => head.length > 0 && !startsWithMagic(head)).map(([id]) => id);
  return blobHeads(git, plain, Number.POSITIVE_INFINITY);
}

/** Writes blobs without any filter, through one git: content → id. */
async function writeBlobs(git: Git, contents: Buffer[]): Promise<string[]> {
  if (contents.length === 0) return [];
  const folder = await git.gitPath(`intimacy/rewrite-${process.pid}`);
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  try {
    const files = await Promise.all(
      contents.map(async (content, index) => {
        const file = path.join(folder, String(index));
        await fs.writeFile(file, content, { mode: 0o600 });
        return file;
      }),
    );
    const out = await git.text(['hash-object', '-w', '--no-filters', '--stdin-paths'], {
      input: files.join('\n') + '\n',
    });
    return out.split('\n').filter(Boolean);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** Whether any of these commits holds a plain blob under the encrypted folders. */
export async function holdsPlainText(git: Git, tip: string, exclude: string[]): Promise<boolean> {
  return (await plainBlobsIn(git, [tip, ...exclude], isEncryptedPath)).size > 0;
}

/**
 * Rewrites the commits of the branch HEAD is on (or of a detached HEAD) that `exclude` leaves
 * (`['--not', '--remotes']`: the unshared ones; `[]`: the whole history), so that none holds plain
 * text and each carries `attributes` as its .gitattributes. The index is then set to the new
 * HEAD (the files on disk are not touched).
 */
export async function encryptHistory(
  git: Git,
  keys: DerivedKeys,
  attributes: string,
  exclude: string[],
): Promise<RewriteOutcome> {
  const head = (await git.run(['rev-parse', '--quiet', '--verify', 'HEAD'])).stdout.toString('utf8').trim();
  if (head === '' || !(await holdsPlainText(git, head, exclude))) return { commits: 0 };
  const ids = await commitsOf(git, head, exclude);
  const commits = await Promise.all(ids.map((id) => readCommit(git, id)));
  const trees = await Promise.all(commits.map((commit) => treeBlobs(git, commit.tree)));
  const wanted = new Set<string>();
  for (const blobs of trees) for (const [file, [, id]] of blobs) if (isEncryptedPath(file)) wanted.add(id);
  const plain = await plainBlobs(git, [...wanted]);
  const plainIds = [...plain.keys()];
  const [attributesId = '', ...encryptedIds] = await writeBlobs(git, [
    Buffer.from(attributes),
    ...plainIds.map((id) => encrypt(plain.get(id)!, keys)),
  ]);
  const replaced = new Map(plainIds.map((id, index) => [id, encryptedIds[index]!]));

  const indexFile = await git.gitPath(`intimacy/rewrite-index-${process.pid}`);
  const mapped = new Map<string, string>();
  let rewritten = 0;
  try {
    for (const [index, commit] of commits.entries()) {
      const records = [`100644 ${attributesId}\t.gitattributes`];
      for (const [file, [mode, id]] of trees[index]!) {
        const encrypted = isEncryptedPath(file) ? replaced.get(id) : undefined;
        if (encrypted) records.push(`${mode} ${encrypted}\t${file}`);
      }
      const env = { GIT_INDEX_FILE: indexFile };
      await git.text(['read-tree', commit.tree], { env });
      await git.text(['update-index', '-z', '--index-info'], { env, input: records.join('\0') + '\0' });
      const tree = (await git.text(['write-tree'], { env })).trim();
      const parents = commit.parents.map((parent) => mapped.get(parent) ?? parent);
      if (tree === commit.tree && parents.every((parent, i) => parent === commit.parents[i])) {
        mapped.set(commit.id, commit.id);
        continue;
      }
      const made = await git.text(['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent])], {
        env: commit.env,
        input: commit.message,
      });
      mapped.set(commit.id, made.trim());
      rewritten++;
    }
  } finally {
    await fs.rm(indexFile, { force: true });
  }
  const tip = mapped.get(head) ?? head;
  if (tip === head) return { commits: 0 };
  const branch = (await git.run(['symbolic-ref', '--quiet', 'HEAD'])).stdout.toString('utf8').trim();
  await git.text(['update-ref', '-m', 'intimacy: encrypt the unshared history', branch || 'HEAD', tip, head]);
  await resetIndexToHead(git);
  return { commits: rewritten };
}

/** The index as HEAD holds it, keeping the files on disk (they are plain; git sees them unchanged). */
export async function resetIndexToHead(git: Git): Promise<void> {
  await git.text(['read-tree', 'HEAD']);
  await git.run(['update-index', '-q', '--refresh']);
}

/** Entries whose plain text a remote's history holds (as far as the remote-tracking branches show). */
export async function plainEntriesOnRemotes(git: Git): Promise<number> {
  const remotes = (await git.text(['for-each-ref', '--format=%(objectname)', 'refs/remotes/'])).trim();
  if (remotes === '') return 0;
  return new Set((await plainBlobsIn(git, ['--remotes'], isEntryPath)).values()).size;
}
