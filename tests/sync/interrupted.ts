import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { git } from '../helpers/cli.js';
import { expectHealthy, ok, type Partner } from './partners.js';

/*
 * A sync killed inside git's move of the work tree (read-tree): the remote's commit fetched,
 * the move noted, the first bytes of a new entry written (its text as git writes it to disk),
 * the index and the branch not yet moved. Shared by the plain and the encrypted journal's tests.
 */

/** Leaves `who`'s clone as such a killed sync would, with `whole`'s first 20 bytes at `file`. */
export function moveCutShort(who: Partner, file: string, whole: string): void {
  git(who.dir, ['fetch', '-q', 'origin']);
  const from = git(who.dir, ['rev-parse', 'HEAD']).trim();
  const to = git(who.dir, ['rev-parse', 'origin/main']).trim();
  mkdirSync(path.join(who.dir, '.git', 'intimacy'), { recursive: true });
  writeFileSync(path.join(who.dir, '.git', 'intimacy', 'moving'), `${from} ${to} main\n`);
  mkdirSync(path.dirname(path.join(who.dir, file)), { recursive: true });
  writeFileSync(path.join(who.dir, file), whole.slice(0, 20));
}

/** The next sync of `cut` puts the file right; after `other` syncs, no commit anywhere holds another version of it. */
export async function expectWholeEverywhere(cut: Partner, other: Partner, file: string, whole: string): Promise<void> {
  await ok(cut.run(['sync']));
  const text = readFileSync(path.join(cut.dir, file), 'utf8');
  expect(text).toBe(whole);
  expect(() => parseEntry(text, file)).not.toThrow();
  expectHealthy(cut.dir);
  await ok(other.run(['sync']));
  for (const dir of [cut.dir, other.dir]) {
    const blobs = new Set(
      git(dir, ['log', '--all', '--format=', '--raw', '--no-abbrev', '--', file])
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[3]),
    );
    expect(blobs.size, `versions of ${file} in ${path.basename(dir)}`).toBe(1);
    expect(readFileSync(path.join(dir, file), 'utf8')).toBe(whole);
  }
}
