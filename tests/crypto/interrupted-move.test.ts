import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/cli.js';
import { expectWholeEverywhere, moveCutShort } from '../sync/interrupted.js';
import { ok } from '../sync/partners.js';
import { gratitude, keyedPair } from './encrypted-pair.js';

afterAll(cleanupTemp);

/*
 * As tests/sync/interrupted-move.test.ts, in an encrypted journal: git keeps the entry's
 * ciphertext and writes its plain text to disk, so the half-written file is a beginning of the
 * plain text, not of the blob. The next sync must still see it for what it is.
 */
describe('an encrypted journal: a move cut short while a file was being written', { timeout: 120_000 }, () => {
  it('puts the half-written file right, and no commit holds a broken copy', async () => {
    const pair = await keyedPair();
    const { alex, jordan } = pair;
    const file = await gratitude(alex, 'a whole entry from alex, every word of it, sealed', 5);
    await ok(alex.run(['sync']));
    const whole = readFileSync(path.join(alex.dir, file), 'utf8');
    expect(whole).toContain('every word of it');
    moveCutShort(jordan, file, whole);
    await expectWholeEverywhere(jordan, alex, file, whole);
  });
});
