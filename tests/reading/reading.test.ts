import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startOfDay, subMonths } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, type RunResult, runCli, TEST_NOW } from '../helpers/cli.js';
import { type Fixture, type FixtureEntry, makeFixture, newestFirst } from './fixture.js';

let fx: Fixture;
const run = (args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> =>
  runCli(['--journal', fx.dir, ...args], { env: { ...fx.env, ...extraEnv }, timeoutMs: 60_000 });
const ids = (list: FixtureEntry[]) => list.map((e) => e.id);
const jsonIds = (result: RunResult) => (JSON.parse(result.stdout) as Array<{ id: string }>).map((e) => e.id);
const count = (text: string, needle: string) => text.split(needle).length - 1;

beforeAll(async () => {
  fx = await makeFixture();
}, 60_000);
afterAll(cleanupTemp);

describe('log', () => {
  it('lists every entry newest first by the instant of its date, and reports each malformed file once', async () => {
    const [json, text] = await Promise.all([
      run(['log', '--json']),
      run(['log'], { PAGER: `touch ${path.join(fx.home, 'paged')}` }),
    ]);
    expect(json.code).toBe(0);
    expect(jsonIds(json)).toEqual(ids(newestFirst(fx.entries)));
    for (const file of Object.values(fx.malformed)) expect(count(json.stderr, file)).toBe(1);
    expect(json.stderr).toMatch(/is empty/);
    expect(json.stderr).toMatch(/not valid UTF-8/);
    expect(json.stderr).toMatch(/too big/);
    expect(json.stderr).toMatch(/missing or empty "author"/);
    // Piped: every line on stdout, no pager started.
    expect(text.stdout.trimEnd().split('\n')).toHaveLength(fx.entries.length);
    expect(existsSync(path.join(fx.home, 'paged'))).toBe(false);
    // The entry whose date was corrected by hand sorts by that date, not by its file name.
    const order = jsonIds(json);
    const x = fx.entries.find((e) => e.body.includes('zone-x'))!;
    const y = fx.entries.find((e) => e.body.includes('zone-y'))!;
    expect(order.indexOf(x.id)).toBeLessThan(order.indexOf(y.id));
  });

  it('has a stable --json shape', async () => {
    const result = await run(['log', '-n', '1', '--json']);
    const [first] = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(first!)).toEqual(['id', 'path', 'type', 'author', 'date', 'tags', 'excerpt']);
    expect(first).toMatchObject({
      type: 'gratitude',
      author: 'Alex',
      tags: ['home'],
      excerpt: expect.stringMatching(/^The lighthouse at dusk/),
    });
  });

  it('-n N reads only the newest files: an old malformed file is not even opened', async () => {
    const result = await run(['log', '-n', '5', '--json']);
    expect(jsonIds(result)).toEqual(ids(newestFirst(fx.entries).slice(0, 5)));
    expect(result.stderr).toContain(fx.malformed.badYaml);
    expect(result.stderr).not.toContain(fx.malformed.oldBadYaml);
    expect(result.stderr).not.toContain(fx.malformed.huge);
  });

  it('applies every filter, alone and combined', { timeout: 120_000 }, async () => {
    const now = new Date(TEST_NOW);
    const all = newestFirst(fx.entries);
    const cases: Array<[string[], FixtureEntry[]]> = [
      [['--type', 'gratitude'], all.filter((e) => e.type === 'gratitude')],
      [['--type', 'date night', '--type', 'repair'], all.filter((e) => e.type === 'date_night' || e.type === 'repair')],
      [['--author', 'jordan'], all.filter((e) => e.author === 'Jordan')],
      [['--mine'], all.filter((e) => e.author === 'Alex')],
      [['--partner'], all.filter((e) => e.author === 'Jordan')],
      [['--mine', '--partner'], all],
      [['--tag', 'home', '--tag', 'kids'], all.filter((e) => e.tags.includes('home') || e.tags.includes('kids'))],
      [['--since', '3 months ago'], all.filter((e) => e.instant >= startOfDay(subMonths(now, 3)))],
      [['--until', 'yesterday'], all.filter((e) => e.daysAgo >= 1)],
      [['--since', 'yesterday', '--until', 'yesterday'], all.filter((e) => e.daysAgo === 1)],
      [
        ['--since', '2025-01-01', '--until', '2025-06-30'],
        all.filter(
          (e) => e.instant >= new Date('2025-01-01T00:00:00Z') && e.instant < new Date('2025-07-01T00:00:00Z'),
        ),
      ],
      [
        ['--on-this-day'],
        all.filter(
          (e) =>
            e.instant.getUTCFullYear() < now.getUTCFullYear() &&
            e.instant.getUTCMonth() === now.getUTCMonth() &&
            e.instant.getUTCDate() === now.getUTCDate(),
        ),
      ],
      [
        ['--partner', '--type', 'checkin', '--tag', 'work', '--since', 'last year', '-n', '3'],
        all
          .filter(
            (e) =>
              e.author === 'Jordan' &&
              e.type === 'checkin' &&
              e.tags.includes('work') &&
              e.instant.getUTCFullYear() >= now.getUTCFullYear() - 1,
          )
          .slice(0, 3),
      ],
    ];
    // A few at a time: a dozen CLIs at once can starve a busy 2-core machine.
    const results: RunResult[] = [];
    for (let i = 0; i < cases.length; i += 4) {
      results.push(...(await Promise.all(cases.slice(i, i + 4).map(([args]) => run(['log', '--json', ...args])))));
    }
    results.forEach((result, index) => {
      const [args, expected] = cases[index]!;
      expect(result.code, args.join(' ')).toBe(0);
      expect(expected.length, `fixture has entries for ${args.join(' ')}`).toBeGreaterThan(0);
      expect(jsonIds(result), args.join(' ')).toEqual(ids(expected));
    });
    expect(results[11]!.stdout).toContain('LIGHTHOUSE again, 1 year');
  });

  it('refuses filters it does not understand (exit 2), and says when nothing matches (exit 0)', async () => {
    const [phrase, limit, swapped, none] = await Promise.all([
      run(['log', '--since', '3 mnths ago']),
      run(['log', '-n', 'zero']),
      // today always starts after last month ends (yesterday does not, on the 1st)
      run(['log', '--since', 'today', '--until', 'last month']),
      run(['log', '--author', 'Nobody']),
    ]);
    expect(phrase.code).toBe(2);
    expect(phrase.stderr).toMatch(/--since does not understand "3 mnths ago".*3 months ago/);
    expect(limit.code).toBe(2);
    expect(swapped.code).toBe(2);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/No entries match/);
  });

  it("shows dates in the reader's time zone", async () => {
    const x = fx.entries.find((e) => e.body.includes('zone-x'))!;
    const result = await run(['log', '--type', 'repair', '-n', '2'], { TZ: 'Asia/Tokyo' });
    const line = result.stdout.split('\n').find((l) => l.includes('zone-x'))!;
    const tokyo = new Date(x.instant.getTime() + 9 * 3_600_000).toISOString();
    expect(line.startsWith(`${tokyo.slice(0, 10)} ${tokyo.slice(11, 16)}`)).toBe(true);
  });
});

describe('show', () => {
  it('finds an entry by unique prefix, `last`, or a date, and lists the candidates of an ambiguous prefix', async () => {
    const newest = newestFirst(fx.entries);
    const checkin = newest.find((e) => e.type === 'checkin')!;
    const [last, prefix, yesterday, ambiguous, unknown, partnerLast] = await Promise.all([
      run(['show', 'last', '--json']),
      run(['show', checkin.id.slice(0, 15)]),
      run(['show', 'yesterday', '--json']),
      run(['show', newest[3]!.id.slice(0, 6)]),
      run(['show', 'no-such-entry']),
      run(['show', 'last', '--partner', '--json']),
    ]);
    expect(JSON.parse(last.stdout)).toEqual([
      {
        id: newest[0]!.id,
        path: newest[0]!.relPath,
        type: 'gratitude',
        author: 'Alex',
        date: expect.any(String),
        tags: ['home'],
        fields: {},
        body: newest[0]!.body,
      },
    ]);
    expect(prefix.code).toBe(0);
    expect(prefix.stdout).toContain(checkin.author);
    expect(prefix.stdout).toMatch(/Connection +■+□* \d\/5/);
    expect(prefix.stdout).toContain('What happened');
    expect(jsonIds(yesterday)).toEqual(ids(fx.entries.filter((e) => e.daysAgo === 1)));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/matches \d+ entries/);
    expect(ambiguous.stderr).toContain(newest[3]!.id);
    expect(unknown.code).toBe(1);
    expect(jsonIds(partnerLast)).toEqual([newest.find((e) => e.author === 'Jordan')!.id]);
  });

  it('--raw prints the file as it is, even a malformed one; reading it refuses with a hint', async () => {
    const id = path.basename(fx.malformed.badYaml, '.md');
    const [raw, read] = await Promise.all([run(['show', id, '--raw']), run(['show', id])]);
    expect(raw.code).toBe(0);
    expect(raw.stdout).toBe(readFileSync(path.join(fx.dir, fx.malformed.badYaml), 'utf8'));
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(`intimacy edit ${id}`);
  });
});

describe('grep', () => {
  it('finds matches with a line of context, skipping malformed files with a note', async () => {
    const result = await run(['grep', 'lighthouse']);
    expect(result.code).toBe(0);
    const today = fx.entries.find((e) => e.daysAgo === 0)!;
    // Case matters: only today's entry, not the LIGHTHOUSE of earlier years.
    expect(result.stdout).toContain('    The lighthouse at dusk.');
    expect(result.stdout).not.toContain('LIGHTHOUSE');
    expect(result.stdout.split('\n')[0]).toContain(`${today.id.slice(0, 11)}`);
    expect(result.stdout).toContain('You said <script>'); // the line after, as context
    expect(result.stderr).toContain(fx.malformed.badYaml);
    expect(result.stderr).toContain(fx.malformed.huge);
    expect(result.stdout).not.toContain('broken file');
  });

  it('-i, -F, --json, the filters, and exit 1 when nothing matches', async () => {
    const [ignoreCase, fixed, filtered, nothing, badPattern] = await Promise.all([
      run(['grep', '-i', 'lighthouse', '--json']),
      run(['grep', '-F', 'zone-x: written in Tokyo.']),
      run(['grep', '-i', 'LIGHTHOUSE', '--partner', '--since', '18 months ago', '--json']),
      run(['grep', 'no such words anywhere']),
      run(['grep', 'cof(fee']),
    ]);
    const hits = JSON.parse(ignoreCase.stdout) as Array<
      Record<string, unknown> & { matches: Array<{ line: number; text: string; ranges: number[][] }> }
    >;
    expect(hits).toHaveLength(3);
    expect(Object.keys(hits[0]!)).toEqual(['id', 'path', 'type', 'author', 'date', 'tags', 'matches']);
    expect(hits[0]!.matches).toEqual([{ line: 3, text: 'The lighthouse at dusk.', ranges: [[4, 14]] }]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('zone-x');
    expect((JSON.parse(filtered.stdout) as unknown[]).length).toBe(1);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toBe('');
    expect(badPattern.code).toBe(2);
    expect(badPattern.stderr).toMatch(/"cof\(fee" is not a valid regular expression.*-F/);
  });

  it('a pattern too large for the regular expression engine is a usage error, with -F or without', async () => {
    const long = 'a'.repeat(40_000);
    for (const args of [[long], ['-F', long], ['-i', long]]) {
      const result = await run(['grep', ...args]);
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr).toMatch(
        /^error: The pattern is too long or nested too deeply to search for \(40000 characters\)\. Search for a shorter part of it\.\n$/,
      );
    }
  });
});

describe('export', () => {
  it('writes Markdown, a self-contained HTML page with escaped text, and JSON, oldest first', async () => {
    const md = path.join(fx.home, 'out.md');
    const html = path.join(fx.home, 'out.html');
    const [mdRun, htmlRun, jsonRun] = await Promise.all([
      run(['export', '-o', md, '--since', 'last 10 days']),
      run(['export', '--format', 'html', '-o', html, '--mine']),
      run(['export', '--format', 'json', '--type', 'repair']),
    ]);
    expect([mdRun.code, htmlRun.code, jsonRun.code]).toEqual([0, 0, 0]);
    const recent = newestFirst(fx.entries.filter((e) => e.daysAgo <= 10)).reverse();
    const mdText = readFileSync(md, 'utf8');
    const positions = recent.map((e) => mdText.indexOf(e.id));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; laughed');
    expect(page).not.toMatch(/<script|<link|src=/);
    for (const entry of fx.entries) expect(page.includes(`id="entry-${entry.id}"`)).toBe(entry.author === 'Alex');
    const exported = JSON.parse(jsonRun.stdout) as Array<{ id: string; fields: unknown; body: string }>;
    expect(exported.map((e) => e.id)).toEqual(
      ids(newestFirst(fx.entries.filter((e) => e.type === 'repair')).reverse()),
    );
    expect(exported[0]).toHaveProperty('body');
    // To a file, the same text as on stdout, written whole (0600) and said
    const json = path.join(fx.home, 'out.json');
    const toFile = await run(['export', '--format', 'json', '--type', 'repair', '-o', json]);
    expect(toFile.code).toBe(0);
    expect(readFileSync(json, 'utf8')).toBe(jsonRun.stdout);
    expect(statSync(json).mode & 0o777).toBe(0o600);
    expect(toFile.stderr).toContain(`Exported ${exported.length} entries to ${json}.`);
    const all = await run(['export', '--format', 'json']);
    expect((JSON.parse(all.stdout) as unknown[]).length).toBe(fx.entries.length);
  });
});

describe('robust reading', () => {
  it('never rewrites a file: the journal is unchanged after reading it every way', async () => {
    const before = readFileSync(path.join(fx.dir, fx.malformed.badYaml));
    await Promise.all([run(['log']), run(['grep', '-i', 'light']), run(['export', '--format', 'json'])]);
    expect(git(fx.dir, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(path.join(fx.dir, fx.malformed.badYaml))).toEqual(before);
  });
});
