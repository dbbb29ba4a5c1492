import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { filesContaining } from '../../src/git/grep.js';
import { resolveIdPrefix, shortIds } from '../../src/reading/query.js';
import { type Entry, serializeEntry } from '../../src/store/entry.js';
import { entryLocation, parseEntryName } from '../../src/store/naming.js';
import { cleanupTemp, newUser, type RunResult, runCli } from '../helpers/cli.js';
import { type EntrySeed, seedEntries } from '../helpers/journal.js';

/**
 * Reading commands walk the year and month folders newest first and stop early, and grep
 * lets git pick the files to read. Whatever path they take, what they print must be what a
 * full read gives: here `log --json` (which reads every entry) and patterns that no
 * prefilter can take (a regex class instead of a letter) are the reference.
 */
let env: NodeJS.ProcessEnv;
let dir: string;
const run = (args: string[], extra: Record<string, string> = {}): Promise<RunResult> =>
  runCli(['--journal', dir, ...args], { env: { ...env, ...extra }, timeoutMs: 60_000 });
interface Listed {
  id: string;
  author: string;
  type: string;
  date: string;
  private?: boolean;
}
const listed = (result: RunResult) => JSON.parse(result.stdout) as Listed[];
const ids = (result: RunResult) => listed(result).map((e) => e.id);

function writeEntry(root: string, entry: Entry): string {
  const location = entryLocation(new Date(entry.date), entry.type, entry.author);
  mkdirSync(path.join(dir, root, location.dir), { recursive: true });
  writeFileSync(path.join(dir, root, location.dir, `${location.stem}.md`), serializeEntry(entry));
  return location.stem;
}

/** Every entry id on disk that Alex reads: the shared ones and Alex's own private ones. */
function idsOnDisk(): string[] {
  const found: string[] = [];
  for (const root of ['entries', '.intimacy/private/entries']) {
    for (const file of readdirSync(path.join(dir, root), { recursive: true, withFileTypes: true })) {
      const name = file.isFile() ? parseEntryName(file.name) : undefined;
      if (name && (root === 'entries' || name.authorSlug === 'alex')) found.push(name.id);
    }
  }
  return found;
}

let untracked: string;
let kelvin: string;
let quoted: string;

beforeAll(async () => {
  ({ env } = newUser());
  dir = path.join(env.HOME!, 'journal');
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  const seeds: EntrySeed[] = [];
  const words = ['garden', 'lighthouse', 'coffee', 'rain'];
  // Eight years, every 23 days, two writers, four types: many year and month folders, some empty.
  for (let i = 0; i < 120; i++) {
    const when = new Date(Date.UTC(2019, 0, 3) + i * 23 * 86_400_000 + (i % 7) * 3_600_000);
    seeds.push({
      type: ['gratitude', 'checkin', 'repair', 'date'][i % 4]!,
      author: i % 3 === 0 ? 'Jordan' : 'Alex',
      date: when.toISOString().replace('Z', '+00:00'),
      body: `## Note\n\nDay ${i}: ${words[i % 4]}.\n`,
    });
  }
  // Two entries written in the same second by both: their ids share all but the author.
  for (const author of ['Alex', 'Jordan'])
    seeds.push({ type: 'gratitude', author, date: '2024-02-29T08:00:00+00:00', body: '## Note\n\nthe same second\n' });
  seedEntries(dir, seeds, env);
  // Written but never committed: found all the same.
  untracked = writeEntry('', {
    type: 'gratitude',
    author: 'Jordan',
    date: '2023-06-15T10:00:00+02:00',
    tags: [],
    fields: {},
    body: '## Note\n\nan uncommitted lighthouse\n',
  });
  quoted = writeEntry('', {
    type: 'reflection',
    author: 'Alex',
    date: '2021-09-09T09:09:09+00:00',
    tags: [],
    fields: {},
    body: '## Note\n\nshe said "lighthouse" twice, C:\\lighthouse\\path\n',
  });
  // The Kelvin sign: JavaScript's /i matches it to k, a byte search does not.
  kelvin = writeEntry('', {
    type: 'reflection',
    author: 'Alex',
    date: '2020-04-04T04:04:04+00:00',
    tags: [],
    fields: {},
    body: '## Note\n\n\u212AISSING in the rain\n',
  });
  // Private entries: Alex's own merge in order; Jordan's are never shown to Alex.
  writeEntry('.intimacy/private', {
    type: 'reflection',
    author: 'Alex',
    date: '2026-12-01T12:00:00+00:00',
    tags: [],
    fields: { private: true },
    body: '## Note\n\nnewest, private lighthouse\n',
  });
  writeEntry('.intimacy/private', {
    type: 'reflection',
    author: 'Alex',
    date: '2022-03-03T03:03:03+00:00',
    tags: [],
    fields: { private: true },
    body: '## Note\n\nold private lighthouse\n',
  });
  writeEntry('.intimacy/private', {
    type: 'reflection',
    author: 'Jordan',
    date: '2025-01-01T01:01:01+00:00',
    tags: [],
    fields: { private: true },
    body: '## Note\n\nJordan private lighthouse\n',
  });
  // Strays, and a hidden temp file of a save in progress: neither is an entry.
  writeFileSync(path.join(dir, 'entries', '2020', '03', 'notes.txt'), 'a lighthouse list\n');
  writeFileSync(path.join(dir, 'entries', '2021', 'loose.md'), 'lighthouse\n');
  writeFileSync(
    path.join(dir, 'entries', '2022', '05', '.20220501T000000Z-gratitude-alex.md.tmp-1-ab'),
    '---\n---\nlighthouse\n',
  );
}, 90_000);
afterAll(cleanupTemp);

describe('reading newest first', { timeout: 120_000 }, () => {
  it('log -n and show last give what a full read gives, private entries merged in for their author only', async () => {
    const full = await run(['log', '--json']);
    expect(full.code).toBe(0);
    const all = listed(full);
    expect(all[0]!.private).toBe(true);
    expect(all.filter((e) => e.private).map((e) => e.author)).toEqual(['Alex', 'Alex']);
    const cases: Array<[string[], Listed[]]> = [
      [['-n', '1'], all.slice(0, 1)],
      [['-n', '7'], all.slice(0, 7)],
      [['-n', '60'], all.slice(0, 60)],
      [['--mine', '-n', '5'], all.filter((e) => e.author === 'Alex').slice(0, 5)],
      [['--type', 'repair', '-n', '4'], all.filter((e) => e.type === 'repair').slice(0, 4)],
      [
        ['--since', '2021-03-01', '--until', '2022-04-30'],
        all.filter((e) => e.date >= '2021-03-01' && e.date < '2022-05-01'),
      ],
      [
        ['--since', '2024-01-01', '--partner', '-n', '3'],
        all.filter((e) => e.date >= '2024' && e.author === 'Jordan').slice(0, 3),
      ],
    ];
    for (const [args, expected] of cases) {
      const result = await run(['log', '--json', ...args]);
      expect(expected.length, args.join(' ')).toBeGreaterThan(0);
      expect(ids(result), args.join(' ')).toEqual(expected.map((e) => e.id));
    }
    expect(ids(await run(['show', 'last', '--json']))).toEqual([all[0]!.id]);
    expect(ids(await run(['show', 'last', '--partner', '--json']))).toEqual([
      all.find((e) => e.author === 'Jordan')!.id,
    ]);
    const jordan = listed(await run(['--me', 'Jordan', 'log', '--json']));
    expect(jordan.filter((e) => e.private && e.author === 'Alex')).toEqual([]);
    expect(jordan.length).toBe(all.length - 2 + 1); // without Alex's two, with Jordan's own
  });

  it('show finds an entry by a prefix of any length, across year and month folders, as over the whole list', async () => {
    const all = idsOnDisk().map((id) => ({ id }));
    const samples = [untracked, kelvin, quoted, all[5]!.id, '20240229T080000Z-gratitude-alex'];
    for (const id of samples) {
      for (const prefix of [id.slice(0, 4), id.slice(0, 6), id.slice(0, 8), id.slice(0, 11), id, `${id}.md`]) {
        const expected = resolveIdPrefix(prefix, all);
        const result = await run(['show', prefix, '--json']);
        if (expected.kind === 'one') expect(ids(result), prefix).toEqual([expected.file.id]);
        else if (expected.kind === 'ambiguous') {
          expect(result.code, prefix).toBe(2);
          expect(result.stderr, prefix).toContain(`matches ${expected.candidates.length} entries`);
        } else expect(result.code, prefix).toBe(1);
      }
    }
  });

  it('log shortens each id as a listing of every id would', async () => {
    const short = shortIds(idsOnDisk());
    for (const args of [['log'], ['log', '-n', '10'], ['log', '--since', '2024-02-01', '--until', '2024-03-31']]) {
      const lines = (await run(args)).stdout.trimEnd().split('\n');
      const all = listed(await run([...args, '--json']));
      expect(lines.length).toBe(all.length);
      for (const [index, line] of lines.entries())
        expect(line.split(/\s+/)[2], `${args.join(' ')}: ${line}`).toBe(short.get(all[index]!.id));
    }
    expect(short.get('20240229T080000Z-gratitude-alex')).toBe('20240229T080000Z-gratitude-a');
    // grep heads each hit with the same short id.
    const hitIds = ids(await run(['grep', '--json', 'lighthouse']));
    const heads = (await run(['grep', 'lighthouse'])).stdout
      .split('\n')
      .filter((line) => /^\d{4}-\d{2}-\d{2} /.test(line));
    expect(heads.map((line) => line.split(/\s+/)[2])).toEqual(hitIds.map((id) => short.get(id)));
  });

  it('reports each stray once when it reads every folder, and never counts a temp file', async () => {
    for (const args of [['log'], ['grep', 'lighthouse'], ['export', '--format', 'json']]) {
      const result = await run(args);
      expect(result.stderr.split('entries/2020/03/notes.txt').length - 1, args.join(' ')).toBe(1);
      expect(result.stderr.split('entries/2021/loose.md').length - 1, args.join(' ')).toBe(1);
      expect(result.stderr + result.stdout).not.toContain('.tmp-1-ab');
    }
  });

  it('grep finds what a search of every file finds: untracked entries, -i, quotes, backslashes, the Kelvin sign, filters', async () => {
    const pairs: Array<[string[], string[]]> = [
      [['lighthouse'], ['lighthous[e]']],
      [
        ['-i', 'LIGHTHOUSE'],
        ['-i', 'LIGHTHOUS[E]'],
      ],
      [['-F', '"lighthouse"'], ['"lighthous[e]"']],
      [['-F', 'C:\\lighthouse\\path'], ['C:\\\\lighthous[e]\\\\path']],
      [
        ['-i', 'kissing'],
        ['-i', 'kissin[g]'],
      ],
      [
        ['lighthouse', '--mine', '--since', '2021-01-01'],
        ['lighthous[e]', '--mine', '--since', '2021-01-01'],
      ],
      [
        ['lighthouse', '-n', '3'],
        ['lighthous[e]', '-n', '3'],
      ],
      [
        ['lighthouse', '--type', 'gratitude', '--until', '2023-12-31'],
        ['lighthous[e]', '--type', 'gratitude', '--until', '2023-12-31'],
      ],
    ];
    for (const [literal, regex] of pairs) {
      const [fast, full] = await Promise.all([run(['grep', '--json', ...literal]), run(['grep', '--json', ...regex])]);
      expect(fast.code, literal.join(' ')).toBe(0);
      expect(fast.stdout, literal.join(' ')).toBe(full.stdout);
      // With -n the search may stop early, and report only the strays it passed.
      if (!literal.includes('-n')) expect(fast.stderr, literal.join(' ')).toBe(full.stderr);
    }
    const hits = async (args: string[]) => ids(await run(['grep', '--json', ...args]));
    expect(await hits(['lighthouse'])).toContain(untracked);
    expect(await hits(['lighthouse'])).toContain(quoted);
    expect(await hits(['-F', '"lighthouse"'])).toEqual([quoted]);
    expect(await hits(['-i', 'kissing'])).toEqual([kelvin]);
    expect(await hits(['kissing'])).toEqual([]);
    const [text, textFull] = await Promise.all([run(['grep', 'lighthouse']), run(['grep', 'lighthous[e]'])]);
    expect(text.stdout).toBe(textFull.stdout);
    expect(text.stdout).toContain('newest, private lighthouse');
    expect(text.stdout).not.toContain('Jordan private');
  });

  it('git searches entries/ in parts, one process each, and finds what one search of the whole finds', async () => {
    const git = new Git(dir, env);
    const months = readdirSync(path.join(dir, 'entries'))
      .filter((year) => /^\d{4}$/.test(year))
      .flatMap((year) => readdirSync(path.join(dir, 'entries', year)).map((month) => `entries/${year}/${month}`))
      .filter((folder) => /^\d{2}$/.test(path.basename(folder)));
    expect(months.length).toBeGreaterThan(30);
    const deal = (n: number) => Array.from({ length: n - 1 }, (_, k) => months.filter((_m, i) => i % n === k));
    for (const [text, ignoreCase] of [
      ['lighthouse', false],
      ['LIGHTHOUSE', true],
    ] as const) {
      const whole = await filesContaining(git, 'entries', text, ignoreCase);
      // the strays (a loose file in a year folder, a text file in a month) are in the rest
      expect([...(whole ?? [])].sort()).toEqual(
        expect.arrayContaining(['entries/2020/03/notes.txt', 'entries/2021/loose.md']),
      );
      for (const n of [2, 3, 4]) {
        const parts = await filesContaining(git, 'entries', text, ignoreCase, deal(n));
        expect([...(parts ?? [])].sort(), `${text} in ${n} parts`).toEqual([...(whole ?? [])].sort());
      }
    }
  });

  it('grep gives the same outside a git repository', async () => {
    // Outside git this clone no longer knows who it is: say so, for the private entries.
    const before = await run(['--me', 'Alex', 'grep', '--json', 'lighthouse']);
    renameSync(path.join(dir, '.git'), path.join(dir, '.git-away'));
    try {
      const outside = await run(['--me', 'Alex', 'grep', '--json', 'lighthouse']);
      expect(outside.code).toBe(0);
      expect(outside.stdout).toBe(before.stdout);
    } finally {
      renameSync(path.join(dir, '.git-away'), path.join(dir, '.git'));
    }
  });
});
