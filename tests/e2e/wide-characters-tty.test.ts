import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { at, cleanupTemp, git, newUser, runCli } from '../helpers/cli.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

/*
 * Chinese, Korean and Japanese letters and emoji take two columns of a terminal each. A listing
 * that counted them as one pushed its columns out of line and ran its lines past the edge,
 * where the terminal broke them onto a second row.
 */
const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

/** Columns by this test's own count: two for each Han or Hangul letter and each emoji, one for the rest. */
const columnsOf = (text: string) =>
  [...text].reduce(
    (sum, char) => sum + (/[\p{Script=Han}\p{Script=Hangul}\p{Emoji_Presentation}]/u.test(char) ? 2 : 1),
    0,
  );

describe('wide letters and emoji at a terminal', { timeout: 60_000 }, () => {
  it('keep log on one row an entry, its words starting in one column', async () => {
    const user = newUser();
    const dir = path.join(user.home, 'journal');
    const env = { ...user.env, INTIMACY_JOURNAL: dir };
    expect((await runCli(['init', dir, '--me', '陈静', '--partner', 'Jordan'], { env })).code).toBe(0);
    const write = async (instant: string, words: string) =>
      expect((await runCli(['gratitude', words], { env: at(env, instant) })).code).toBe(0);
    await write(
      '2026-11-20T10:00:00Z',
      '谢谢你昨天做的晚饭，真好吃，我们一起看了电影，非常开心的一天。还有很多话想对你说',
    );
    await write(
      '2026-11-21T10:00:00Z',
      '😀😀😀😀 every one of these faces 🎉🎉 is two columns wide on a terminal 🌙🌙🌙',
    );
    // The same clone writing as the partner: a narrow name beside the wide one.
    git(dir, ['config', 'intimacy.me', 'Jordan']);
    await write(
      '2026-11-22T10:00:00Z',
      'plain words about the walk by the river and the tea we had after it, long enough',
    );

    const terminal = startTerminal(['log'], { ...env, NO_COLOR: '1' }, user.home, { columns: 60, rows: 20 });
    open.push(terminal);
    expect(await terminal.exitCode()).toBe(0);
    const rows = terminal.rows().filter((row) => !row.startsWith('EXIT='));
    // One row an entry: a line wider than the terminal would have been broken onto a second row.
    expect(rows, rows.join('\n')).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^2026-11-2\d /);
    const gistColumn = (row: string, author: string) => {
      const after = row.indexOf(author) + author.length;
      return columnsOf(row.slice(0, after + (row.slice(after).length - row.slice(after).trimStart().length)));
    };
    const columns = [
      gistColumn(rows.find((row) => row.includes('谢谢'))!, '陈静'),
      gistColumn(rows.find((row) => row.includes('😀'))!, '陈静'),
      gistColumn(rows.find((row) => row.includes('plain'))!, 'Jordan'),
    ];
    expect(new Set(columns).size, rows.join('\n')).toBe(1);
    // Each fills the row as far as it goes, cut with … where the terminal ends.
    for (const row of rows) expect(columnsOf(row)).toBeLessThanOrEqual(60);
    for (const row of rows) expect(columnsOf(row)).toBeGreaterThanOrEqual(56);
    for (const row of rows) expect(row).toMatch(/…$/);
  });

  it("finds a Korean partner's entry by the short id log prints and by the id typed at a keyboard", async () => {
    const user = newUser();
    const dir = path.join(user.home, 'journal');
    const env = { ...user.env, INTIMACY_JOURNAL: dir };
    expect((await runCli(['init', dir, '--me', '최민준', '--partner', '陈静'], { env })).code).toBe(0);
    // Two entries of the same second: their short ids run into the names.
    for (const [me, words] of [
      ['최민준', 'the walk by the river'],
      ['陈静', 'the tea after it'],
    ] as const) {
      git(dir, ['config', 'intimacy.me', me]);
      expect((await runCli(['gratitude', words], { env: at(env, '2026-11-21T10:00:00Z') })).code).toBe(0);
    }
    const log = await runCli(['log'], { env });
    const line = log.stdout.split('\n').find((l) => l.includes('the walk by the river'))!;
    const shortId = line.split(/\s+/)[2]!;
    // Whole syllables: the file name holds 최 as its letters apart, and the id is never cut between them.
    expect(shortId.normalize('NFC')).toBe('20261121T100000Z-gratitude-최');
    expect(shortId.normalize('NFC').normalize('NFD')).toBe(shortId);
    for (const typed of [shortId, '20261121T100000Z-gratitude-최', '20261121T100000Z-gratitude-최민준']) {
      const shown = await runCli(['show', typed], { env });
      expect(shown.code, `${typed}: ${shown.stderr}`).toBe(0);
      expect(shown.stdout).toContain('the walk by the river');
    }
  });
});
