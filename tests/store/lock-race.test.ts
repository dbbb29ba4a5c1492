import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fileCalls } from '../../src/file-calls.js';
import { withJournalLock } from '../../src/store/lock.js';
import { cleanupTemp, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

/*
 * The journal's write lock under many waiters at once, with every file call the lock makes
 * slowed by a random few milliseconds, so that the waiters' steps interleave in many orders:
 * at no moment may two hold it, whoever finds a lock a killed process left.
 */

const calls = fileCalls as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
const real = { ...calls };
afterEach(() => Object.assign(calls, real));

/** Every file call slowed by 0–15 ms, drawn from a seeded sequence (the same orders every run). */
function slowCalls(seed: number): void {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % 16;
  };
  for (const [name, call] of Object.entries(real))
    calls[name] = async (...args: unknown[]) => {
      await new Promise((resolve) => setTimeout(resolve, next()));
      return call(...args);
    };
}

/** Six waiters on a lock a killed process left, each holding it 2 ms: the most that held it at once. */
async function sixWaiters(round: number, noLinks = false): Promise<number> {
  const ended = spawnSync(process.execPath, ['-e', '']).pid;
  const dir = tempDir();
  mkdirSync(path.join(dir, '.intimacy'), { mode: 0o700 });
  writeFileSync(path.join(dir, '.intimacy', 'write.lock'), String(ended));
  slowCalls(round);
  // A file system without hard links (FAT, some network shares): link fails, never EEXIST.
  if (noLinks)
    calls.link = async () => {
      throw Object.assign(new Error('operation not permitted, link'), { code: 'EPERM' });
    };
  let holding = 0;
  let most = 0;
  const done = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      withJournalLock(dir, async () => {
        most = Math.max(most, ++holding);
        await new Promise((resolve) => setTimeout(resolve, 2));
        holding--;
        return i;
      }),
    ),
  );
  Object.assign(calls, real);
  expect(done).toEqual([0, 1, 2, 3, 4, 5]);
  expect(readdirSync(path.join(dir, '.intimacy')), `round ${round}`).toEqual([]);
  return most;
}

describe('the write lock', () => {
  it('is held by one process at a time, when six wait on a lock a killed process left', async () => {
    for (let round = 1; round <= 25; round++) expect(await sixWaiters(round), `round ${round}`).toBe(1);
  });

  it('is held by one at a time where the file system has no hard links', async () => {
    for (let round = 1; round <= 10; round++) expect(await sixWaiters(round, true), `round ${round}`).toBe(1);
  });
});
