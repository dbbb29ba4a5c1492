import { afterAll, describe, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { expectWholeEverywhere, moveCutShort } from './interrupted.js';
import { note, ok, syncedPair } from './partners.js';

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
    const whole = git(alex.dir, ['show', `HEAD:${file}`]);
    moveCutShort(jordan, file, whole);
    await expectWholeEverywhere(jordan, alex, file, whole);
  });
});
