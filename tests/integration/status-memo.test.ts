import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../src/store/cache-format.js';
import { at, cleanupTemp, git, newUser, runCli, TEST_NOW, tempDir } from '../helpers/cli.js';
import { seedEntries } from '../helpers/journal.js';

afterAll(cleanupTemp);

const CACHE_DIR = path.dirname(CACHE_FILE);
const STATE_FILE = '.intimacy/state.json';

/**
 * status and stats keep what they computed from the entries in .intimacy/cache/ and use it while
 * git vouches for the same entries. Each step below changes something behind the memo's back (a
 * new entry, the clock, the settings, who I am, a hand edit, a private entry) and runs a command
 * twice from the same state: with the caches the steps before left, and with none. Both must
 * print the same.
 */
describe('status and stats memo', () => {
  it('answers as a run without any cache would, whatever changed since it was made', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    const day = (daysAgo: number, hour = 12) =>
      `${new Date(Date.parse(TEST_NOW) - daysAgo * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+00:00`;
    const seeds = [];
    for (let week = 30; week >= 1; week--) {
      seeds.push({
        type: 'checkin',
        author: 'Alex',
        date: day(week * 7),
        fields: { ratings: { connection: week < 4 ? 2 : 4 }, commitments: [`walk ${week}`] },
      });
      if (week % 3 !== 0) seeds.push({ type: 'checkin', author: 'Jordan', date: day(week * 7, 13) });
      seeds.push({ type: 'gratitude', author: 'Jordan', date: day(week * 7 - 2), fields: { for: 'Alex' } });
    }
    seeds.push({ type: 'gratitude', author: 'Jordan', date: day(1), fields: { for: 'Alex' } });
    seedEntries(dir, seeds, env);

    let step = 0;
    const same = async (args: string[], runEnv: NodeJS.ProcessEnv) => {
      const state = path.join(dir, STATE_FILE);
      const before = existsSync(state) ? readFileSync(state, 'utf8') : undefined;
      const warm = await runCli(args, { env: runEnv });
      if (before === undefined) rmSync(state, { force: true });
      else writeFileSync(state, before);
      // The caches as the warm run left them, for the next step; none for the cold run.
      const caches = path.join(dir, CACHE_DIR);
      const kept = path.join(tempDir(), 'cache');
      cpSync(caches, kept, { recursive: true });
      rmSync(caches, { recursive: true, force: true });
      const cold = await runCli(args, { env: runEnv });
      rmSync(caches, { recursive: true, force: true });
      cpSync(kept, caches, { recursive: true });
      expect({ step, ...warm }).toEqual({ step, ...cold });
      step++;
      return cold;
    };
    const all = async (runEnv: NodeJS.ProcessEnv) => {
      for (const args of [
        ['status', '--json'],
        ['status', '--prompt'],
        ['status', '--quiet'],
        ['stats', '--json'],
      ])
        await same(args, runEnv);
    };

    const now = at(env, TEST_NOW);
    await all(now);
    await same(['status', '--json'], now);
    expect(existsSync(path.join(dir, CACHE_DIR, 'status.json'))).toBe(true); // the memo is kept
    await same(['status'], now); // looks at the news: the next look starts from here
    await same(['status', '--json'], at(env, '2026-11-25T19:30:00Z'));

    // A new entry of the partner's, committed.
    const later = at(env, '2026-11-25T20:00:00Z');
    expect((await runCli(['--me', 'Jordan', 'gratitude', 'the soup'], { env: later })).code).toBe(0);
    await all(at(env, '2026-11-25T21:00:00Z'));
    await same(['status'], at(env, '2026-11-25T21:00:00Z'));

    // The clock moves to the next day, then the next week, then back.
    await all(at(env, '2026-11-26T09:00:00Z'));
    await all(at(env, '2026-12-03T09:00:00Z'));
    await all(now);

    // A skip, the settings changed by hand, and someone else at the keyboard.
    expect((await runCli(['skip', 'checkin', '--reason', 'away'], { env: now })).code).toBe(0);
    await all(now);
    const settings = path.join(dir, 'intimacy.yaml');
    writeFileSync(settings, `${readFileSync(settings, 'utf8')}weekStart: monday\n`);
    await all(now);
    await all({ ...now, INTIMACY_ME: 'Jordan' });
    await same(['stats', '--since', '2026-06-01', '--until', '2026-09-30'], now);

    // An entry edited by hand, not committed; then committed. The files' times are put an hour
    // back first, so git's index is not rewritten by the next look (its checksum stays the same):
    // only the look's finding that a file differs from the index stands between the memo and it.
    const files = git(dir, ['ls-files', 'entries'], env).split('\n').filter(Boolean);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const backdate = (file: string, when = hourAgo) => utimesSync(path.join(dir, file), when, when);
    for (const file of files) backdate(file);
    git(dir, ['update-index', '-q', '--refresh'], env);
    await all(now);
    const checkin = files.filter((file) => file.includes('-checkin-alex')).at(-1)!;
    const edited = path.join(dir, checkin);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('connection: 2', 'connection: 5'));
    backdate(checkin, new Date(hourAgo.getTime() - 60_000)); // a time git's index does not have for it
    await all(now);
    git(dir, ['-c', 'user.name=A', '-c', 'user.email=a@example.org', 'commit', '-q', '-am', 'Edit'], env);
    await all(now);

    // A private entry counts in stats on this computer only.
    expect((await runCli(['gratitude', '--private', 'a quiet one'], { env: now })).code).toBe(0);
    await all(now);
    await same(['stats'], now);

    expect(git(dir, ['ls-files', '.intimacy'], env)).toBe('');
  });

  it('puts each cache back in place of a link or a pipe found at its name, never reading or writing through it', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    seedEntries(dir, [{ type: 'gratitude', author: 'Jordan', date: '2026-11-20T10:00:00+00:00' }], env);
    // Folders changed a while ago, so the prompt's count is kept (a folder changed just now may not be).
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const folder of ['entries', 'entries/2026', 'entries/2026/11'])
      utimesSync(path.join(dir, folder), hourAgo, hourAgo);
    const now = at(env, TEST_NOW);
    const cold = await runCli(['status', '--json'], { env: now });
    expect((await runCli(['status', '--quiet'], { env: now })).code).toBe(0);
    expect((await runCli(['stats', '--json'], { env: now })).code).toBe(0);
    const caches = path.join(dir, CACHE_DIR);
    const names = readdirSync(caches).filter((name) => name.endsWith('.json'));
    expect(names).toEqual(expect.arrayContaining(['front-matter.json', 'prompt.json', 'settings.json', 'status.json']));
    const outside = path.join(tempDir(), 'outside.json');
    writeFileSync(outside, 'not yours\n');
    names.forEach((name, i) => {
      rmSync(path.join(caches, name));
      if (i % 2 === 0) symlinkSync(outside, path.join(caches, name));
      else execFileSync('mkfifo', [path.join(caches, name)]);
    });
    // A pipe is never opened (which would wait for a writer): both answer as before.
    const warm = await runCli(['status', '--json'], { env: now, timeoutMs: 20_000 });
    expect(warm).toEqual(cold);
    expect((await runCli(['stats', '--json'], { env: now, timeoutMs: 20_000 })).code).toBe(0);
    for (const name of names) expect(lstatSync(path.join(caches, name)).isFile(), name).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('not yours\n');
  });
});
