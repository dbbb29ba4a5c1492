import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { at, cleanupTemp, git, newUser, runCli, TEST_NOW, tempDir } from '../helpers/cli.js';
import { seedEntries } from '../helpers/journal.js';

afterAll(cleanupTemp);

async function couple() {
  const { env } = newUser();
  const dir = path.join(tempDir(), 'journal');
  const init = await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
  expect(init.code).toBe(0);
  return { env, dir };
}

/** ISO date with offset for a day relative to the commands' today (TEST_NOW), at noon UTC. */
function daysAgo(n: number): string {
  const date = new Date(Date.parse(TEST_NOW) - n * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T12:00:00+00:00`;
}

describe('intimacy status', () => {
  it('lists what is due for me and for us, and --quiet prints only that', async () => {
    const { env } = await couple();
    const status = await runCli(['status'], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/due\s+check-in — not yet/);
    expect(status.stdout).toMatch(/due\s+gratitude — 0 of 3 so far/);
    expect(status.stdout).toMatch(/Rituals\n\s+check-in\s+weekly, together/);
    expect(status.stdout).toMatch(/no remote yet/);
    const quiet = await runCli(['status', '--quiet'], { env });
    expect(
      quiet.stdout
        .trim()
        .split('\n')
        .every((line) => /^(due|overdue)\s/.test(line)),
    ).toBe(true);
  });

  it('names each ritual intimacy.yaml describes but cannot read, in status, stats and rituals alike; --quiet stays quiet', async () => {
    const { env, dir } = await couple();
    const file = path.join(dir, 'intimacy.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}rituals:\n  walk: { counts: [walk], cadence: sometimes }\n  checkin: { counts: [checkin], cadence: weekly, who: together }\n  hugs: 3\n`,
    );
    for (const args of [['status'], ['stats'], ['rituals']]) {
      const result = await runCli(args, { env });
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toEqual([
        expect.stringMatching(
          /^warning: intimacy\.yaml: ritual "walk": "sometimes" is not a cadence; use daily, .*; it is left out\.$/,
        ),
        'warning: intimacy.yaml: ritual "hugs": needs "counts" and "cadence"; it is left out.',
      ]);
    }
    expect((await runCli(['rituals'], { env })).stdout).toMatch(/^checkin\s+weekly\s+together\s+counts: checkin\n$/);
    const stats = JSON.parse((await runCli(['stats', '--json'], { env })).stdout);
    expect(stats.ritualProblems.map((problem: { ritual: string }) => problem.ritual)).toEqual(['walk', 'hugs']);
    // For a shell's start-up file and prompt: nothing but what is due.
    for (const args of [
      ['status', '--quiet'],
      ['status', '--prompt'],
    ])
      expect((await runCli(args, { env })).stderr, args.join(' ')).toBe('');
    // One that cannot be read can still be taken out with the command.
    expect((await runCli(['rituals', 'remove', 'walk'], { env })).code).toBe(0);
    expect((await runCli(['rituals'], { env })).stderr).toBe(
      'warning: intimacy.yaml: ritual "hugs": needs "counts" and "cadence"; it is left out.\n',
    );
    // A list where the mapping goes: said once, as a whole.
    writeFileSync(file, `${readFileSync(file, 'utf8').replace(/^rituals:[\s\S]*$/m, '')}rituals:\n  - checkin\n`);
    expect((await runCli(['rituals'], { env })).stderr).toBe(
      'warning: intimacy.yaml: "rituals" must be a mapping of ritual names to their settings; no ritual is tracked.\n',
    );
  });

  it('says how long an overdue ritual has been overdue, and what is left of one only due', async () => {
    const { env, dir } = await couple();
    // Both wrote a check-in two weeks ago; last week (16 to 22 November) had none.
    seedEntries(
      dir,
      [
        { type: 'checkin', author: 'Alex', date: daysAgo(14) },
        { type: 'checkin', author: 'Jordan', date: daysAgo(14) },
      ],
      env,
    );
    for (const args of [['status'], ['status', '--quiet']]) {
      const { stdout } = await runCli(args, { env });
      expect(stdout, args.join(' ')).toMatch(/^overdue {2}check-in — not yet · 3 days overdue$/m);
      expect(stdout, args.join(' ')).toMatch(/^due {2}gratitude — 0 of 3 so far · 5 days left$/m);
      expect(stdout, args.join(' ')).not.toMatch(/^overdue.*(last day|left)/m);
    }
    const json = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(json.due.find((item: { ritual: string }) => item.ritual === 'checkin')).toMatchObject({
      state: 'overdue',
      daysOverdue: 3,
    });
  });

  it('says whose turn a ritual for both waits on, the reader\'s own as "you"', async () => {
    const { env, dir } = await couple();
    seedEntries(dir, [{ type: 'checkin', author: 'Alex', date: daysAgo(0) }], env);
    expect((await runCli(['status'], { env })).stdout).toMatch(/^due {2}check-in — waiting for Jordan/m);
    for (const args of [['status'], ['status', '--quiet']])
      expect((await runCli(['--me', 'Jordan', ...args], { env })).stdout, args.join(' ')).toMatch(
        /^due {2}check-in — waiting for you/m,
      );
  });

  it('says a daily ritual is due today, not on its "last day"', async () => {
    const { env } = await couple();
    expect((await runCli(['rituals', 'add', 'hugs', '--cadence', 'daily'], { env })).code).toBe(0);
    for (const args of [['status'], ['status', '--quiet']])
      expect((await runCli(args, { env })).stdout, args.join(' ')).toMatch(/^due {2}hugs — not yet · today$/m);
  });

  it('says a ritual kept on a weekday is due today on that day, not the days left of its week', async () => {
    const { env } = await couple();
    expect((await runCli(['rituals', 'set', 'checkin', 'weekly on wednesday'], { env })).code).toBe(0);
    // TEST_NOW is a Wednesday: due today, overdue tomorrow.
    for (const args of [['status'], ['status', '--quiet']])
      expect((await runCli(args, { env })).stdout, args.join(' ')).toMatch(/^due {2}check-in — not yet · today$/m);
    const json = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(json.due.find((item: { ritual: string }) => item.ritual === 'checkin')).toMatchObject({
      state: 'due',
      dueDay: '2026-11-25',
    });
    const thursday = (await runCli(['status', '--quiet'], { env: at(env, '2026-11-26T18:30:00Z') })).stdout;
    expect(thursday).toMatch(/^overdue {2}check-in — not yet · 1 day overdue$/m);
  });

  it("after a missed week, an overdue ritual's count is said to be this week's, and a weekday one is overdue until kept", async () => {
    const { env, dir } = await couple();
    expect((await runCli(['rituals', 'set', 'checkin', 'weekly on sunday'], { env })).code).toBe(0);
    // Three gratitudes and a check-in in the week of 9 to 15 November; the next week none.
    seedEntries(
      dir,
      [
        ...[11, 12, 13].map((n) => ({
          type: 'gratitude',
          author: 'Alex',
          date: daysAgo(n),
          fields: { for: 'Jordan' },
        })),
        ...['Alex', 'Jordan'].map((author) => ({ type: 'checkin', author, date: daysAgo(10) })),
      ],
      env,
    );
    // Monday 23 November, the first day of this week.
    const monday = (await runCli(['status', '--quiet'], { env: at(env, '2026-11-23T18:30:00Z') })).stdout;
    expect(monday).toMatch(/^overdue {2}gratitude — 0 of 3 this week · 1 day overdue$/m);
    expect(monday).toMatch(/^overdue {2}check-in — not yet · 1 day overdue$/m);
    // Kept on Tuesday, early: nothing more of it this week, though last Sunday's was missed.
    seedEntries(
      dir,
      ['Alex', 'Jordan'].map((author) => ({ type: 'checkin', author, date: daysAgo(1) })),
      env,
    );
    expect((await runCli(['status', '--quiet'], { env })).stdout).not.toMatch(/check-in/);
  });

  it('with no ritual tracked, says so rather than that every ritual is kept', async () => {
    const { env, dir } = await couple();
    for (const ritual of ['checkin', 'gratitude', 'date', 'repair'])
      await runCli(['rituals', 'remove', ritual], { env });
    const none = await runCli(['status'], { env });
    expect(none.stdout).toMatch(
      /^No ritual is tracked, so nothing is due \(intimacy rituals add NAME --cadence CADENCE tracks one\)\.$/m,
    );
    expect(none.stdout).not.toMatch(/kept for now|^Rituals$/m);
    // rituals intimacy.yaml has but cannot read: the warning says why, the line where to look
    const file = path.join(dir, 'intimacy.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8').replace(/^rituals:.*$/m, '')}rituals: [checkin]\n`);
    const unread = await runCli(['status'], { env });
    expect(unread.stderr).toMatch(/no ritual is tracked/);
    expect(unread.stdout).toMatch(
      /^No ritual is tracked, so nothing is due \(intimacy doctor says how to fix intimacy\.yaml\)\.$/m,
    );
    expect(unread.stdout).not.toMatch(/kept for now/);
  });

  it("shows the partner's new entries once, with how many were for me", async () => {
    const { env } = await couple();
    // News is compared at whole seconds (an entry in the second of a look shows again rather
    // than never): each command runs a few seconds after the one before, as a person's would.
    let seconds = 0;
    const later = () => at(env, new Date(Date.parse(TEST_NOW) + 2000 * ++seconds));
    expect((await runCli(['--me', 'Jordan', 'gratitude', 'for the dinner'], { env: later() })).code).toBe(0);
    // A note for someone who is not a partner is refused; one for themselves is not "for you".
    expect((await runCli(['--me', 'Jordan', 'gratitude', '--for', 'Sam', 'for the bike'], { env: later() })).code).toBe(
      2,
    );
    expect(
      (await runCli(['--me', 'Jordan', 'gratitude', '--for', 'jordan', 'for being patient'], { env: later() })).code,
    ).toBe(0);
    expect((await runCli(['gratitude', 'mine does not count'], { env: later() })).code).toBe(0);
    const first = await runCli(['status'], { env: later() });
    expect(first.stdout).toContain('Jordan wrote 2 gratitudes (1 for you) in the past week');
    const json = JSON.parse((await runCli(['status', '--json'], { env: later() })).stdout);
    expect(json.news).toEqual([]);
    const second = await runCli(['status'], { env: later() });
    expect(second.stdout).not.toContain('Jordan wrote');
    expect((await runCli(['--me', 'Jordan', 'gratitude', 'again'], { env: later() })).code).toBe(0);
    expect((await runCli(['status'], { env: later() })).stdout).toMatch(
      /Jordan wrote 1 gratitude (\(1 for you\) )?since earlier today/,
    );
  });

  it('prints nothing with --quiet when nothing is due, and counts streaks with a skipped week', async () => {
    const { env, dir } = await couple();
    expect((await runCli(['rituals', 'remove', 'date'], { env })).code).toBe(0);
    expect((await runCli(['rituals', 'remove', 'gratitude'], { env })).code).toBe(0);
    // check-ins by both for this week and two weeks before; last week skipped
    seedEntries(
      dir,
      [0, 14, 21].flatMap((n) => [
        { type: 'checkin', author: 'Alex', date: daysAgo(n) },
        { type: 'checkin', author: 'Jordan', date: daysAgo(n) },
      ]),
      env,
    );
    const before = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    const checkin = before.rituals.find((r: { name: string }) => r.name === 'checkin').subjects[0];
    expect(checkin.state).toBe('done');
    const unskipped = checkin.currentStreak;
    expect(
      (await runCli(['skip', 'checkin', '--reason', 'away', '--date', daysAgo(7).slice(0, 10)], { env })).code,
    ).toBe(0);
    const after = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(after.rituals.find((r: { name: string }) => r.name === 'checkin').subjects[0].currentStreak).toBeGreaterThan(
      unskipped,
    );
    expect((await runCli(['status', '--quiet'], { env })).stdout).toBe('');
    expect(git(dir, ['log', '-1', '--format=%s'])).toMatch(/wrote a skip entry/);
  });
});

describe('intimacy rituals', () => {
  it('sets, adds and removes rituals in intimacy.yaml, keeping comments, one commit each', async () => {
    const { env, dir } = await couple();
    const file = path.join(dir, 'intimacy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + '# our own note\nweekStart: sunday\n');
    git(dir, ['-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-qam', 'note']);
    expect((await runCli(['rituals', 'set', 'checkin', 'weekly on Sunday'], { env })).code).toBe(0);
    expect((await runCli(['rituals', 'add', 'affection', '--cadence', 'daily', '--who', 'each'], { env })).code).toBe(
      0,
    );
    expect((await runCli(['rituals', 'remove', 'repair'], { env })).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# our own note');
    expect(git(dir, ['log', '--format=%s', '-3']).trim().split('\n')).toEqual([
      'Stop tracking the repair ritual',
      'Add the affection ritual, daily',
      'Keep the checkin ritual weekly on sunday',
    ]);
    const list = JSON.parse((await runCli(['rituals', '--json'], { env })).stdout);
    expect(list.rituals.map((r: { name: string; cadence: string }) => `${r.name}:${r.cadence}`)).toEqual([
      'checkin:weekly on sunday',
      'gratitude:3/week',
      'date:every 2 weeks',
      'affection:daily',
    ]);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('refuses a cadence it cannot read, an unknown ritual, or a skip of one kept as needed, changing nothing', async () => {
    const { env, dir } = await couple();
    const head = git(dir, ['rev-parse', 'HEAD']);
    const bad = await runCli(['rituals', 'set', 'checkin', 'fortnightly'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"fortnightly" is not a cadence; use daily, weekly/);
    const unknown = await runCli(['rituals', 'set', 'yoga', 'daily'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/There is no ritual "yoga"/);
    expect((await runCli(['skip', 'yoga'], { env })).code).toBe(1);
    // Nothing of a ritual kept as needed is ever due: there is nothing to skip.
    const needed = await runCli(['skip', 'repair'], { env });
    expect(needed.code).toBe(2);
    expect(needed.stderr).toMatch(
      /Repair is kept as needed, so nothing of it is ever due to skip; nothing was written/,
    );
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});

describe('intimacy stats', () => {
  it('charts ratings and gratitude, compares warmth to repairs, and gently suggests help when connection stays low', async () => {
    const { env, dir } = await couple();
    const ratings = (connection: number) => ({
      ratings: { connection, communication: 3, affection: 3, fun: 4, support: 4 },
    });
    seedEntries(
      dir,
      [
        { type: 'checkin', author: 'Alex', date: daysAgo(21), fields: ratings(4) },
        { type: 'checkin', author: 'Jordan', date: daysAgo(21), fields: ratings(2) },
        { type: 'checkin', author: 'Jordan', date: daysAgo(14), fields: ratings(2) },
        { type: 'checkin', author: 'Jordan', date: daysAgo(7), fields: ratings(1) },
        { type: 'gratitude', author: 'Alex', date: daysAgo(3) },
        { type: 'gratitude', author: 'Alex', date: daysAgo(2) },
        { type: 'appreciation', author: 'Jordan', date: daysAgo(2) },
        { type: 'repair', author: 'Jordan', date: daysAgo(5) },
      ],
      env,
    );
    const json = JSON.parse((await runCli(['stats', '--json'], { env })).stdout);
    expect(json.averages.Jordan.connection).toBe(1.7);
    expect(json.ratings.Alex.connection).toHaveLength(1);
    expect(json.balance).toEqual({ positive: 3, repairs: 1, ratio: 3, reference: 5 });
    expect(json.lowConnection).toEqual([
      { partner: 'Jordan', recent: [2, 2, 1], checkins: 3, since: daysAgo(21).slice(0, 10) },
    ]);
    expect(json.gratitude.perPartner.Alex.reduce((a: number, b: number) => a + b, 0)).toBe(2);

    const text = await runCli(['stats'], { env: { ...env, LANG: 'C.UTF-8' } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Connection\s+[▁-█]+\s+avg 1\.7/);
    expect(text.stdout.replace(/\s+/g, ' ')).toMatch(/3:1\): research on lasting couples points to about 5:1/);
    expect(text.stdout).toMatch(/couples counsellor/);
    expect(text.stdout).not.toMatch(/\u001b\[/);

    const ascii = await runCli(['stats'], { env: { ...env, LANG: 'C' } });
    expect(ascii.stdout).toMatch(/^[\x00-\x7f]*$/);
  });

  it('counts warmth in words that agree with the number', async () => {
    const { env, dir } = await couple();
    const warmth = async () => (await runCli(['stats'], { env })).stdout.replace(/\s+/g, ' ');
    seedEntries(dir, [{ type: 'gratitude', author: 'Alex', date: daysAgo(2) }], env);
    expect(await warmth()).toContain('1 gratitude or appreciation note, and no repairs needed in this range.');
    seedEntries(dir, [{ type: 'repair', author: 'Jordan', date: daysAgo(1) }], env);
    expect(await warmth()).toContain('1 gratitude or appreciation note for 1 repair (1:1)');
    seedEntries(dir, [{ type: 'appreciation', author: 'Jordan', date: daysAgo(1) }], env);
    expect(await warmth()).toContain('2 gratitude and appreciation notes for 1 repair (2:1)');
  });

  it('checks its dates', async () => {
    const { env } = await couple();
    expect((await runCli(['stats', '--since', 'someday'], { env })).code).toBe(2);
    expect((await runCli(['stats', '--since', '2026-05-01', '--until', '2026-04-01'], { env })).stderr).toBe(
      'error: --since 2026-05-01 is after --until 2026-04-01. Swap them.\n',
    );
    // A --since after today, with no --until given, names today, not an --until nobody typed.
    const ahead = await runCli(['stats', '--since', '2027-01-01'], { env });
    expect(ahead.code).toBe(2);
    expect(ahead.stderr.split('\n')[0]).toBe(
      'error: --since 2027-01-01 is after today (2026-11-25), where stats ends without --until. Give a --since on or before today, or an --until after it, e.g. --until 2027-12-31.',
    );
  });
});
