import { addMinutes } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, cleanupTemp, newUser, runBinary, runCli, TEST_NOW } from '../helpers/cli.js';

/*
 * A pattern that backtracks (a repetition inside another) over a line a partner wrote would
 * keep V8 matching for hours. grep stops it with a usage error, after showing what it found.
 * The searches run as their own process, so a search that hangs is killed, never this suite.
 */

afterAll(cleanupTemp);

let env: NodeJS.ProcessEnv;
const NEWER = 64;

beforeAll(async () => {
  ({ env } = newUser());
  const start = new Date(TEST_NOW);
  // The partner's long line is the oldest entry, so the newer ones are searched first.
  const long = await runCli(['--me', 'Jordan', 'gratitude', 'a'.repeat(50_000)], { env: at(env, start) });
  expect(long.code).toBe(0);
  for (let i = 0; i < NEWER; i++) {
    const result = await runCli(['gratitude', `aab ${i}`], { env: at(env, addMinutes(start, i + 1)) });
    expect(result.code).toBe(0);
  }
}, 60_000);

describe('grep with a pattern that backtracks', () => {
  it('stops with a one-line usage error after showing the entries it searched', async () => {
    const result = await runBinary(['grep', '(a+)+b'], { env, timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    // The file is named: the partner's long line.
    expect(lines[0]).toMatch(/^error: Searching entries\/\S+-gratitude-jordan\.md for "\(a\+\)\+b" takes too long/);
    expect(lines[0]).toContain('-F');
    for (let i = 0; i < NEWER; i++) expect(result.stdout).toContain(`aab ${i}\n`);
  });

  it('keeps --json whole: the entries found before it stopped', async () => {
    const result = await runBinary(['grep', '--json', '(a+)+b'], { env, timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    const hits = JSON.parse(result.stdout) as Array<{ body: string }>;
    expect(hits).toHaveLength(NEWER);
    expect(result.stderr).toContain('takes too long');
  });

  it('finds what it can in time: a limit met before the long line, and plain text in it', async () => {
    const [limited, plain, fixed] = await Promise.all([
      runBinary(['grep', '-n', '3', '(a+)+b'], { env, timeoutMs: 30_000 }),
      runBinary(['grep', 'aaaa'], { env, timeoutMs: 30_000 }),
      runBinary(['grep', '-F', '(a+)+b'], { env, timeoutMs: 30_000 }),
    ]);
    expect(limited.code).toBe(0);
    expect(limited.stdout).toContain(`aab ${NEWER - 1}`);
    expect(limited.stdout).not.toContain(`aab ${NEWER - 4}`);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Jordan');
    expect(plain.stderr).toBe('');
    // -F takes the pattern as text: no entry holds it.
    expect(fixed.code).toBe(1);
  });
});
