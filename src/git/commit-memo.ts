import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Git } from './git.js';
import { indexChecksum } from './index-file.js';

/*
 * What the index held after intimacy's last quick commit (index-commit.ts), kept in
 * .git/intimacy/commit.json (this clone's own: nothing that arrives through git can write it),
 * so that the next entry's commit can skip two of git's looks:
 * - what else is staged: nothing, when the index is byte for byte the one that commit left (its
 *   checksum) and HEAD is still that commit, whose tree it is;
 * - whether git's record of the files is current: it was then (git said so of the probe), and
 *   the probe is still the same file with the same stat data. A journal copied or restored has
 *   new inodes and change times, so the probe differs and git looks as before.
 * Anything else (no memo, a damaged one, HEAD that is not a plain branch with its own ref file,
 * another index) and git is asked, as before. A memo costs one small write after a commit.
 */

const COMMIT_MEMO = 'intimacy/commit.json';
const MAX_BYTES = 4096;
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const BRANCH_REF = /^refs\/heads\/[^\s\0\\:?*[~^]+$/;

export interface CommitMemo {
  /** the index's checksum after the commit */
  index: string;
  /** the commit made, and its tree */
  head: string;
  tree: string;
  /** the probe's stat data then */
  probe: string;
}

/** The commit HEAD names, read without git where nothing is in doubt (a branch's own ref file, or a detached HEAD). */
export function headCommit(git: Git): string | undefined {
  const headFile = git.knownGitPath('HEAD');
  if (headFile === undefined) return undefined;
  try {
    const head = smallFile(headFile).trim();
    if (OBJECT_ID.test(head)) return head;
    const ref = head.startsWith('ref: ') ? head.slice('ref: '.length) : undefined;
    if (ref === undefined || !BRANCH_REF.test(ref) || ref.split('/').includes('..')) return undefined;
    const refFile = git.knownGitPath(ref);
    if (refFile === undefined) return undefined;
    const commit = smallFile(refFile).trim();
    return OBJECT_ID.test(commit) ? commit : undefined;
  } catch {
    return undefined; // a packed ref, or none yet: git is asked
  }
}

/**
 * A small regular file's text, never through a link and never waiting (a named pipe put there
 * by hand is no file): anything else throws, and git is asked instead.
 */
function smallFile(file: string): string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_BYTES) throw new Error(`${file} is not a small file`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** The probe's stat data as git's record of it depends on them: device, inode, size, times. */
export function statStamp(git: Git, probe: string): string | undefined {
  try {
    const stat = lstatSync(path.join(git.dir, probe), { bigint: true });
    if (!stat.isFile()) return undefined;
    return [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs, stat.mode].join(':');
  } catch {
    return undefined;
  }
}

/**
 * Whether the index, as it is before `git add` (its checksum `before`), is the one the last
 * quick commit left, on that commit, with the probe unchanged: the memo when so.
 */
export function vouchedIndex(git: Git, before: string | undefined, probe: string): CommitMemo | undefined {
  const file = git.knownGitPath(COMMIT_MEMO);
  if (before === undefined || file === undefined) return undefined;
  let memo: Partial<CommitMemo>;
  try {
    memo = JSON.parse(smallFile(file)) as Partial<CommitMemo>;
  } catch {
    return undefined;
  }
  if (
    typeof memo?.tree !== 'string' ||
    !OBJECT_ID.test(memo.tree) ||
    memo.index !== before ||
    memo.head === undefined ||
    memo.head !== headCommit(git) ||
    memo.probe === undefined ||
    memo.probe !== statStamp(git, probe)
  )
    return undefined;
  return memo as CommitMemo;
}

/** Kept after a quick commit of `tree` as `head`, git having said the probe's record was current. */
export function keepCommitMemo(git: Git, head: string, tree: string, probe: string): void {
  const file = git.knownGitPath(COMMIT_MEMO);
  const index = indexChecksum(git);
  const stamp = statStamp(git, probe);
  if (file === undefined || index === undefined || stamp === undefined) return;
  const memo: CommitMemo = { index, head, tree, probe: stamp };
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temp, JSON.stringify(memo), { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch {
    // Only a memo: the next commit asks git, as it would without one.
  }
}
