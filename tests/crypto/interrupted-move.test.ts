import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { cleanupTemp, git } from '../helpers/cli.js';
import { expectHealthy, ok } from '../sync/partners.js';
import { encryptedPair, gratitude, importKey } from './encrypted-pair.js';

afterAll(cleanupTemp);

/*
 * As tests/sync/interrupted-move.test.ts, in an encrypted journal: git keeps the entry's
 * ciphertext and writes its plain text to disk, so the half-written file is a beginning of the
 * plain text, not of the blob. The next sync must still see it for what it is.
 */
describe('an encrypted journal: a move cut short while a file was being written', { timeout: 120_000 }, () => {
  it('puts the half-written file right, and no commit holds a broken copy', async () => {
    const pair = await encryptedPair();
    const { alex, jordan } = pair;
    await ok(importKey(jordan, pair));
    await ok(jordan.run(['sync']));
    const file = await gratitude(alex, 'a whole entry from alex, every word of it, sealed', 5);
    await ok(alex.run(['sync']));
    // Jordan's sync, killed inside read-tree: fetched, the move noted, the entry's first bytes
    // (of its plain text, as git writes it) on disk, the index and the branch not yet moved.
    git(jordan.dir, ['fetch', '-q', 'origin']);
    const from = git(jordan.dir, ['rev-parse', 'HEAD']).trim();
    const to = git(jordan.dir, ['rev-parse', 'origin/main']).trim();
    const whole = readFileSync(path.join(alex.dir, file), 'utf8');
    expect(whole).toContain('every word of it');
    mkdirSync(path.join(jordan.dir, '.git', 'intimacy'), { recursive: true });
    writeFileSync(path.join(jordan.dir, '.git', 'intimacy', 'moving'), `${from} ${to} main\n`);
    mkdirSync(path.dirname(path.join(jordan.dir, file)), { recursive: true });
    writeFileSync(path.join(jordan.dir, file), whole.slice(0, 20));

    await ok(jordan.run(['sync']));
    const text = readFileSync(path.join(jordan.dir, file), 'utf8');
    expect(text).toBe(whole);
    expect(() => parseEntry(text, file)).not.toThrow();
    expectHealthy(jordan.dir);
    await ok(alex.run(['sync']));
    for (const dir of [jordan.dir, alex.dir]) {
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
