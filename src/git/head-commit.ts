import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Git } from './git.js';

/*
 * The commit HEAD names, read from git's own files where nothing is in doubt, so that a commit
 * can name its parent before git is asked anything (index-commit.ts).
 */

const MAX_BYTES = 4096;
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const BRANCH_REF = /^refs\/heads\/[^\s\0\\:?*[~^]+$/;

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
