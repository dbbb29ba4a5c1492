import { execFile } from 'node:child_process';
import { gitEnv } from './repo.js';

/**
 * git's own record of the journal's files, read with plain `git ls-files` (no simple-git, so
 * the read path stays quick to start). The index holds each committed or staged file's blob
 * id; `--modified` names the files whose content on disk differs from it, which git decides
 * with its stat data and, when that is in doubt, by hashing the file. Files git does not know
 * at all are simply absent from the result.
 */
function gitLines(dir: string, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd: dir, env: gitEnv(), maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout.split('\0').filter((line) => line !== ''));
    });
  });
}

export interface IndexRecord {
  /** path → blob id, for files whose content on disk is the blob's */
  clean: Map<string, string>;
}

/** Blob ids of the files under `pathspec` that are unchanged on disk; undefined outside a git repository. */
export async function cleanBlobIds(dir: string, pathspec: string): Promise<IndexRecord | undefined> {
  let staged: string[];
  let dirty: string[];
  try {
    [staged, dirty] = await Promise.all([
      gitLines(dir, ['ls-files', '--stage', '-z', '--', pathspec]),
      gitLines(dir, ['ls-files', '--modified', '-z', '--', pathspec]),
    ]);
  } catch {
    return undefined;
  }
  const changed = new Set(dirty);
  const clean = new Map<string, string>();
  for (const line of staged) {
    // <mode> SP <blob> SP <stage> TAB <path>
    const tab = line.indexOf('\t');
    const [, blob, stage] = line.slice(0, tab).split(' ');
    const relPath = line.slice(tab + 1);
    if (blob && stage === '0' && !changed.has(relPath)) clean.set(relPath, blob);
  }
  return { clean };
}
