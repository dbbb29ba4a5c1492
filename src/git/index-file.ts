import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Git } from './git.js';

/*
 * git's own record of the files: the index. It holds each committed or staged file's blob id;
 * `--modified` names the files whose content on disk differs from it, which git decides with
 * its stat data and, when that is in doubt, by hashing the file. Files git does not know at
 * all are simply absent from the result.
 */

async function gitLines(git: Git, args: string[]): Promise<string[]> {
  return (await git.text(args)).split('\0').filter((line) => line !== '');
}

export interface IndexRecord {
  /** path → blob id, for files whose content on disk is the blob's */
  clean: Map<string, string>;
}

/**
 * Blob ids of the files under `pathspec` that are unchanged on disk; undefined outside a git
 * repository. `changed`: the files a look just taken found different from the index, so git
 * need not look at every file a second time.
 */
export async function cleanBlobIds(git: Git, pathspec: string, changed?: string[]): Promise<IndexRecord | undefined> {
  let staged: string[];
  let dirty: string[];
  try {
    [staged, dirty] = await Promise.all([
      gitLines(git, ['ls-files', '--stage', '-z', '--', pathspec]),
      changed ?? gitLines(git, ['ls-files', '--modified', '-z', '--', pathspec]),
    ]);
  } catch {
    return undefined;
  }
  const differs = new Set(dirty);
  const clean = new Map<string, string>();
  for (const line of staged) {
    // <mode> SP <blob> SP <stage> TAB <path>
    const tab = line.indexOf('\t');
    const [, blob, stage] = line.slice(0, tab).split(' ');
    const relPath = line.slice(tab + 1);
    if (blob && stage === '0' && !differs.has(relPath)) clean.set(relPath, blob);
  }
  return { clean };
}

/**
 * For each of `folders` (relative, forward slashes), the names directly in it that git's index
 * holds (a file, or a folder holding files), hidden ones aside, sorted as folderNames sorts;
 * undefined when git cannot say.
 */
export async function indexedNames(git: Git, folders: string[]): Promise<Map<string, string[]> | undefined> {
  let paths: string[];
  try {
    paths = await gitLines(git, ['ls-files', '-z', '--', ...folders.map((folder) => `:(literal)${folder}/`)]);
  } catch {
    return undefined;
  }
  const names = new Map(folders.map((folder) => [folder, new Set<string>()]));
  for (const relPath of paths)
    for (const [folder, found] of names) {
      if (!relPath.startsWith(`${folder}/`)) continue;
      const name = relPath.slice(folder.length + 1).split('/')[0]!;
      if (!name.startsWith('.')) found.add(name);
    }
  return new Map([...names].map(([folder, found]) => [folder, [...found].sort()]));
}

const CHECKSUM_BYTES = 20;

/**
 * The checksum git writes at the end of its index file: it changes whenever the index does
 * (a commit, an add, a checkout or merge by sync, a refresh of stat data). Read without
 * starting git, so only where git's layout leaves no doubt (Git.knownGitPath): elsewhere, or
 * when git writes no checksum (index.skipHash), the answer is undefined and callers check
 * file by file instead.
 */
export function indexChecksum(git: Git): string | undefined {
  const index = git.knownGitPath('index');
  if (index === undefined) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(index, 'r');
    const size = fstatSync(fd).size;
    if (size < CHECKSUM_BYTES) return undefined;
    const bytes = Buffer.alloc(CHECKSUM_BYTES);
    if (readSync(fd, bytes, 0, CHECKSUM_BYTES, size - CHECKSUM_BYTES) !== CHECKSUM_BYTES) return undefined;
    return bytes.every((byte) => byte === 0) ? undefined : bytes.toString('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
