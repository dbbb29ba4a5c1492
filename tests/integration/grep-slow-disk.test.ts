import { afterAll, expect, it, vi } from 'vitest';
import { cleanupTemp, newUser, runCli } from '../helpers/cli.js';

/*
 * grep's time limit is for the pattern, not the disk: a file that takes seconds to read (a
 * network share, a drive spinning up) is searched, never named as a pattern too slow.
 */

vi.mock('../../src/store/entry-files.js', async (original) => {
  const real = await original<typeof import('../../src/store/entry-files.js')>();
  return {
    ...real,
    readEntryTextNow: (...args: Parameters<typeof real.readEntryTextNow>) => {
      // A read that blocks, as a slow disk's does.
      if (process.env.INTIMACY_TEST_SLOW_DISK) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_500);
      return real.readEntryTextNow(...args);
    },
  };
});

afterAll(cleanupTemp);

it('a pattern with a limit finds what a slow disk gives, however long one file takes to read', {
  timeout: 60_000,
}, async () => {
  const { env } = newUser();
  expect((await runCli(['gratitude', 'coffee, e.g. at noon'], { env })).code).toBe(0);
  process.env.INTIMACY_TEST_SLOW_DISK = '1';
  try {
    const result = await runCli(['grep', 'e\\.g\\.'], { env });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('coffee, e.g. at noon');
  } finally {
    delete process.env.INTIMACY_TEST_SLOW_DISK;
  }
});
