import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { busyGit, cleanupTemp, git } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';
import { encryptedPair, expectFsckClean, gratitude, plainInTree } from './encrypted-pair.js';

afterAll(cleanupTemp);

describe("encrypt init with git's index locked", { timeout: 120_000 }, () => {
  it('a lock a stopped git left is cleared; a live git stops it before anything moves, and the rerun finishes', async () => {
    const { alex } = await encryptedPair({ encrypted: false });
    const file = await gratitude(alex, 'not pushed yet', 2);
    const text = readFileSync(path.join(alex.dir, file), 'utf8');
    const lock = path.join(alex.dir, '.git', 'index.lock');

    const busy = busyGit(alex.dir);
    writeFileSync(lock, '');
    const head = git(alex.dir, ['rev-parse', 'HEAD']);
    let refused: Awaited<ReturnType<typeof alex.run>>;
    try {
      refused = await alex.run(['encrypt', 'init']);
    } finally {
      busy.stop();
    }
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Git is busy in this journal .*Run intimacy encrypt init again when it is done/);
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(readFileSync(path.join(alex.dir, file), 'utf8')).toBe(text);

    // The git is gone and its lock left behind: the rerun clears it and finishes.
    expect(existsSync(lock)).toBe(true);
    const rerun = await ok(alex.run(['encrypt', 'init']));
    expect(rerun.stdout).toMatch(/Encryption is on/);
    expect(readFileSync(path.join(alex.dir, file), 'utf8')).toBe(text);
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
    expect(plainInTree(alex.dir)).toEqual([]);
    expectFsckClean(alex.dir);
    await gratitude(alex, 'after the lock', 3);
    await ok(alex.run(['sync']));
  });

  it("a config lock a killed run's git config left is cleared, and encrypt init finishes", async () => {
    const { alex } = await encryptedPair({ encrypted: false });
    await gratitude(alex, 'written before the lock', 2);
    const lock = path.join(alex.dir, '.git', 'config.lock');
    writeFileSync(lock, '');
    const on = await ok(alex.run(['encrypt', 'init']));
    expect(on.stdout).toMatch(/Encryption is on/);
    expect(existsSync(lock)).toBe(false);
    expect(git(alex.dir, ['config', '--get', 'filter.intimacy.process'])).not.toBe('');
    expect(plainInTree(alex.dir)).toEqual([]);
  });
});
