import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { cleanupTemp, git } from '../helpers/cli.js';
import { expectHealthy, note, ok, syncedPair } from './partners.js';

afterAll(cleanupTemp);

/*
 * git writes the files of a move in place and its index last: a sync killed while it wrote
 * the partner's new entry leaves the first part of that file on disk. The next sync must not
 * take it for a change of ours (and commit, and share, a broken copy of the partner's entry).
 */
describe('a move of the work tree cut short while a file was being written', { timeout: 60_000 }, () => {
  it('puts the half-written file right, and the partner entry arrives whole on both sides', async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'a whole entry from alex, every word of it');
    await ok(alex.run(['sync']));
    // Jordan's sync, killed inside read-tree: the remote's commit fetched, the move noted, the
    // entry's first bytes written, the index and the branch not yet moved.
    git(jordan.dir, ['fetch', '-q', 'origin']);
    const from = git(jordan.dir, ['rev-parse', 'HEAD']).trim();
    const to = git(jordan.dir, ['rev-parse', 'origin/main']).trim();
    const whole = git(alex.dir, ['show', `HEAD:${file}`]);
    mkdirSync(path.join(jordan.dir, '.git', 'intimacy'), { recursive: true });
    writeFileSync(path.join(jordan.dir, '.git', 'intimacy', 'moving'), `${from} ${to} main\n`);
    mkdirSync(path.dirname(path.join(jordan.dir, file)), { recursive: true });
    writeFileSync(path.join(jordan.dir, file), whole.slice(0, 20));

    await ok(jordan.run(['sync']));
    const text = readFileSync(path.join(jordan.dir, file), 'utf8');
    expect(text).toBe(whole);
    expect(() => parseEntry(text, file)).not.toThrow();
    expectHealthy(jordan.dir);
    // No commit anywhere holds another version of Alex's entry.
    for (const dir of [jordan.dir, alex.dir]) {
      if (dir === alex.dir) await ok(alex.run(['sync']));
      const blobs = new Set(
        git(dir, ['log', '--all', '--format=', '--raw', '--no-abbrev', '--', file])
          .trim()
          .split('\n')
          .map((line) => line.split(' ')[3]),
      );
      expect(blobs.size, `versions of ${file} in ${path.basename(dir)}`).toBe(1);
      expect(readFileSync(path.join(dir, file), 'utf8')).toBe(whole);
    }
  });
});
