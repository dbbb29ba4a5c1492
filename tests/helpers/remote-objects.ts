import { spawnSync } from 'node:child_process';

/** Every object of a repository, decompressed (loose or packed): what anyone holding it can read. */
export function allObjectText(repo: string): string {
  return spawnSync('git', ['cat-file', '--batch-all-objects', '--batch'], {
    cwd: repo,
    encoding: 'latin1',
    maxBuffer: 64 * 1024 * 1024,
  }).stdout;
}
