import { startsWithMagic } from '../../crypto/cipher.js';
import type { Git } from '../../git/git.js';
import { blobHeads } from '../../git/objects.js';
import type { Journal } from '../../journal/journal.js';
import { ATTRIBUTES_FILE } from '../../store/layout.js';
import { REMOTE } from '../../sync/remote.js';
import { type Check, check, some } from './check.js';
import { type CommittedFile, onlyEncrypted } from './encrypted-paths.js';

/*
 * Whether the remote still holds the plain text of an entry: every blob of the history this
 * clone last fetched from it (the remote-tracking branches) at a path the journal encrypts,
 * that is not ciphertext. History from before encryption was turned on is plain by design
 * (`encrypt init` says so) and is a warning; plain text committed after it is a failure. The
 * look is bounded in time: a long history gets a warning that it was not looked at to the end.
 */

const SCAN_MS = 20_000;

export async function plainOnRemoteChecks(journal: Journal, limitMs = SCAN_MS): Promise<Check[]> {
  const deadline = performance.now() + limitMs;
  const left = () => Math.max(1, Math.round(deadline - performance.now()));
  const tips = (await journal.git.text(['for-each-ref', '--format=%(objectname)', `refs/remotes/${REMOTE}/`]))
    .split('\n')
    .filter(Boolean);
  if (tips.length === 0)
    return [
      check('remote-plain', 'ok', 'Nothing has been fetched from the remote yet, so nothing plain is known there.'),
    ];
  const all = await blobsOf(journal.git, tips, [], left());
  const since = await encryptedSince(journal.git);
  const after = since === undefined ? undefined : await blobsOf(journal.git, tips, since, left());
  if (!all || (since !== undefined && !after)) return [unfinished(limitMs)];
  let encrypted: CommittedFile[];
  let heads: Map<string, Buffer>;
  try {
    encrypted = await onlyEncrypted(journal.git, await onlyBlobs(journal.git, all, left()), { timeoutMs: left() });
    heads = await blobHeads(journal.git, [...new Set(encrypted.map((file) => file.id))], 16);
  } catch {
    return [unfinished(limitMs)];
  }
  const plain = encrypted.filter((file) => {
    const head = heads.get(file.id);
    return head !== undefined && head.length > 0 && !startsWithMagic(head);
  });
  if (plain.length === 0)
    return [
      check(
        'remote-plain',
        'ok',
        "No plain text of an entry is in the remote's history (as this clone last fetched it).",
      ),
    ];
  const newer = new Set((after ?? []).map((file) => file.id));
  const leaked = names(plain.filter((file) => newer.has(file.id)));
  if (leaked.length > 0)
    return [
      check(
        'remote-plain',
        'fail',
        `The remote holds the plain text of ${files(leaked.length)} committed after encryption was turned on.`,
        {
          fix: 'They can be read by whoever hosts the remote: move the journal to a fresh remote whose history holds no plain text (see "intimacy encrypt" in the README).',
          details: some(leaked),
        },
      ),
    ];
  const older = names(plain);
  return [
    check(
      'remote-plain',
      'warn',
      `The remote's history still holds the plain text of ${files(older.length)} from before encryption was turned on.`,
      {
        fix: 'Whoever hosts the remote can read those versions; a fresh remote whose history holds no plain text ends that (see "intimacy encrypt" in the README).',
        details: some(older),
      },
    ),
  ];
}

function files(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}

function names(list: CommittedFile[]): string[] {
  return [...new Set(list.map((file) => file.path))].sort();
}

function unfinished(limitMs: number): Check {
  return check(
    'remote-plain',
    'warn',
    `The remote's history is too long to look through for plain text in ${Math.round(limitMs / 1000)} seconds.`,
    {
      fix: 'git log --remotes shows it; run intimacy doctor again when the computer is less busy.',
    },
  );
}

/** Every blob (with the path it has there) in the history of `tips`, but for what `not` reaches; undefined if git ran out of time. */
async function blobsOf(
  git: Git,
  tips: string[],
  not: string[],
  timeoutMs: number,
): Promise<CommittedFile[] | undefined> {
  const run = await git.run(['rev-list', '--objects', ...tips, ...(not.length > 0 ? ['--not', ...not] : [])], {
    timeoutMs,
  });
  if (run.code !== 0 || run.timedOut) return undefined;
  const found: CommittedFile[] = [];
  for (const line of run.stdout.toString('utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && space < line.length - 1) found.push({ id: line.slice(0, space), path: line.slice(space + 1) });
  }
  return found;
}

/** The files among `objects` (rev-list --objects lists folders too). */
async function onlyBlobs(git: Git, objects: CommittedFile[], timeoutMs: number): Promise<CommittedFile[]> {
  if (objects.length === 0) return [];
  const run = await git.run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    input: objects.map((object) => object.id).join('\n') + '\n',
    timeoutMs,
  });
  if (run.code !== 0 || run.timedOut) throw new Error('git cat-file did not answer');
  const blobs = new Set<string>();
  for (const line of run.stdout.toString('utf8').split('\n')) {
    const [id, type] = line.split(' ');
    if (id && type === 'blob') blobs.add(id);
  }
  return objects.filter((object) => blobs.has(object.id));
}

/**
 * The commits from before encryption was turned on: the parents of the commit that added
 * .gitattributes (when it is in this clone's history), so that `--not` them leaves what came after.
 */
async function encryptedSince(git: Git): Promise<string[] | undefined> {
  const added = (await git.text(['log', '--all', '--format=%H', '--diff-filter=A', '--', ATTRIBUTES_FILE]))
    .trim()
    .split('\n')
    .filter(Boolean)
    .at(-1);
  if (!added) return undefined;
  const parents = (await git.text(['rev-list', '--parents', '-n', '1', added])).trim().split(' ').slice(1);
  return parents;
}
