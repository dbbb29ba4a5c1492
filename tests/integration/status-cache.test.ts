import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../src/store/cache-format.js';
import { cleanupTemp, git, newUser, runCli, TEST_NOW, tempDir } from '../helpers/cli.js';
import { seedEntries } from '../helpers/journal.js';

afterAll(cleanupTemp);

/**
 * status and stats read every entry's front matter through the cache in .intimacy/cache/.
 * These runs go through the built CLI and change an entry behind its back: the answer must
 * follow the file on disk every time, committed or not.
 */
describe('front matter cache behind status', () => {
  it('follows an entry edited on disk, broken, restored and committed, and is never committed itself', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    const today = `${TEST_NOW.slice(0, 10)}T12:00:00+00:00`;
    const [, jordans] = seedEntries(
      dir,
      [
        { type: 'checkin', author: 'Alex', date: today },
        { type: 'checkin', author: 'Jordan', date: today },
      ],
      env,
    );
    const file = path.join(dir, jordans!);
    const original = readFileSync(file, 'utf8');

    const checkin = async (): Promise<{ state: string; skipped: string[] }> => {
      const run = await runCli(['status', '--json'], { env });
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as {
        rituals: Array<{ name: string; subjects: Array<{ state: string }> }>;
        skipped: Array<{ relPath: string }>;
      };
      return {
        state: json.rituals.find((r) => r.name === 'checkin')!.subjects[0]!.state,
        skipped: json.skipped.map((s) => s.relPath),
      };
    };

    expect(await checkin()).toEqual({ state: 'done', skipped: [] });
    expect(existsSync(path.join(dir, CACHE_FILE))).toBe(true);
    expect(await checkin()).toEqual({ state: 'done', skipped: [] }); // answered from the cache

    // Edited on disk, not committed: Jordan's check-in is no longer one.
    writeFileSync(file, original.replace('type: "checkin"', 'type: "reflect"'));
    expect((await checkin()).state).not.toBe('done');
    // Broken: reported and left out, not fatal.
    writeFileSync(file, original.replace('type: "checkin"', 'type: [checkin'));
    expect(await checkin()).toMatchObject({ skipped: [jordans] });
    // Back to what git has: counted again.
    writeFileSync(file, original);
    expect(await checkin()).toEqual({ state: 'done', skipped: [] });
    // An edit that is committed (git's record changes, the cached one must not be used).
    writeFileSync(file, original.replace('type: "checkin"', 'type: "reflect"'));
    git(dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.org', 'commit', '-q', '-am', 'Edit'], env);
    expect((await checkin()).state).not.toBe('done');

    expect(git(dir, ['status', '--porcelain', '--ignored=no'], env)).toBe('');
    expect(git(dir, ['ls-files', '.intimacy'], env)).toBe('');
  });

  it('status and stats count what is on disk after deletions, new untracked entries, same-size edits and commits, once the cache is warm', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    const day = (daysAgo: number) =>
      `${new Date(Date.parse(TEST_NOW) - daysAgo * 86_400_000).toISOString().slice(0, 10)}T12:00:00+00:00`;
    const seeds = [3, 2, 1].map((daysAgo) => ({
      type: 'gratitude',
      author: 'Jordan',
      date: day(daysAgo),
      fields: { for: 'Alex' },
    }));
    const paths = seedEntries(dir, seeds, env);
    // Jordan's gratitudes as status (news of the past week: --json never marks them seen) and stats count them.
    const gratitudes = async (): Promise<number> => {
      const status = await runCli(['status', '--json'], { env });
      const stats = await runCli(['stats', '--json'], { env });
      expect([status.code, stats.code]).toEqual([0, 0]);
      const news = (JSON.parse(status.stdout) as { news: Array<{ author: string; byType: Record<string, number> }> })
        .news;
      const weekly =
        (JSON.parse(stats.stdout) as { gratitude: { perPartner: Record<string, number[]> } }).gratitude.perPartner
          .Jordan ?? [];
      const fromStats = weekly.reduce((sum, n) => sum + n, 0);
      expect(news.find((n) => n.author === 'Jordan')?.byType.gratitude ?? 0).toBe(fromStats);
      return fromStats;
    };
    expect(await gratitudes()).toBe(3);
    expect(await gratitudes()).toBe(3); // warm cache

    rmSync(path.join(dir, paths[0]!)); // deleted by hand, not committed
    expect(await gratitudes()).toBe(2);
    git(dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.org', 'commit', '-q', '-am', 'Remove'], env);
    expect(await gratitudes()).toBe(2);
    expect(await gratitudes()).toBe(2);

    // A copy written by hand and never committed counts.
    const text = readFileSync(path.join(dir, paths[1]!), 'utf8');
    writeFileSync(path.join(dir, paths[1]!.replace('-jordan.md', '-jordan-2.md')), text);
    expect(await gratitudes()).toBe(3);

    // The same size, the same modification time: a gratitude turned into a reflection by hand.
    const file = path.join(dir, paths[2]!);
    const { atime, mtime } = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('type: "gratitude"', 'type: "reflectio"'));
    utimesSync(file, atime, mtime);
    expect(await gratitudes()).toBe(2);

    // All committed: the cache is whole again. Then an entry git is told to ignore, which is
    // still on disk and still counts, and a rename staged with git mv, which changes nothing.
    git(dir, ['add', '-A', 'entries'], env);
    git(dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.org', 'commit', '-q', '-m', 'By hand'], env);
    expect(await gratitudes()).toBe(2);
    writeFileSync(path.join(dir, '.git', 'info', 'exclude'), '*-jordan-3.md\n');
    writeFileSync(path.join(dir, paths[1]!.replace('-jordan.md', '-jordan-3.md')), text);
    expect(await gratitudes()).toBe(3);
    expect(await gratitudes()).toBe(3);
    git(dir, ['mv', paths[1]!, paths[1]!.replace('-jordan.md', '-jordan-4.md')], env);
    expect(await gratitudes()).toBe(3);
  });
});
