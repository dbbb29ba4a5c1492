import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { escapeHtml } from '../../src/ui/html.js';
import { bodySections } from '../../src/ui/render/values.js';
import { at, cleanupTemp, git, newUser, type RunResult, runCli } from '../helpers/cli.js';
import { type CoupleJournal, makeCoupleJournal } from '../helpers/couple-journal.js';

/*
 * The reading views over a couple's months (tests/helpers/couple-journal.ts): every field in
 * the template's words, no raw keys or internal fields, the week side by side, stats that fit.
 */

let cj: CoupleJournal;
const run = (args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> =>
  runCli(['--journal', cj.dir, ...args], { env: { ...cj.env, ...env }, timeoutMs: 60_000 });

/** What a reading view must never print: keys as YAML spells them, internal fields, lost objects. */
const RAW = [
  /\[object Object\]/,
  /\b(has_concern|went_well|appreciation_\d|planned_next|next_date|best_moment|what_happened|my_reality|my_next_time|how_was_it)\b/,
  /^\s*-?\s*\*{0,2}(template|ratings|commitments|reviewed|for|private|rested|places):/m,
];
const expectReadable = (text: string) => {
  for (const pattern of RAW) expect(text).not.toMatch(pattern);
};

/** A few words of every written answer of every entry, as a reader would look for them. */
function markers(): string[] {
  return cj.entries.flatMap(({ entry }) =>
    bodySections(entry.body)
      // the links to attached files, which readers list as files instead
      .filter((s) => s.heading !== 'Attached')
      .map((s) => s.text.slice(0, 24))
      .filter((text) => !/[\u0000-\u001f]/.test(text)),
  );
}

beforeAll(async () => {
  cj = await makeCoupleJournal();
}, 60_000);
afterAll(cleanupTemp);

describe('show', () => {
  it("reads a check-in in the template's words: last week's promise and how it went, ratings as bars, yes/no as words", async () => {
    const result = await run(['show', 'last', '--type', 'checkin', '--author', 'Alex']);
    expect(result.code).toBe(0);
    const text = result.stdout;
    expectReadable(text);
    expect(text).toMatch(/^Weekly check-in\nAlex · Sunday 22 November 2026, 17:00/);
    expect(text).toMatch(/Last week's promise\n {2}Alex promise w14: cook on Wednesday — (kept|partly|not yet)/);
    for (const label of ['Connection', 'Communication', 'Affection', 'Fun', 'Support'])
      expect(text).toMatch(new RegExp(`^${label} +■*□* [1-5]/5$`, 'm'));
    expect(text).toMatch(/^Something to raise +(yes|no)$/m);
    expect(text).toMatch(/^Feelings +\w+/m);
    // The promise is read once, as the answer it is.
    expect(text.split('Alex promise w15: cook on Wednesday').length - 1).toBe(1);
    expect(text).not.toMatch(/\u001b/);
  });

  it('reads every kind of entry, and an entry whose template the journal does not have', async () => {
    const days = ['2026-11-20', '2026-11-11', '2026-08-15', '2026-08-23'];
    const results = await Promise.all(days.map((day) => run(['show', day])));
    for (const result of results) {
      expect(result.code).toBe(0);
      expectReadable(result.stdout);
    }
    const [date, repair, weekend, hostile] = results.map((r) => r.stdout);
    expect(date).toMatch(/^Date night$/m);
    expect(date).toMatch(/^Kind of time +being outdoors$/m);
    expect(date).toMatch(/^Next one planned +yes$/m);
    expect(date).toMatch(/^Minutes together +150$/m);
    expect(date).toMatch(/^Daily pulse$/m);
    expect(date).toMatch(/^Today +■+□* [1-5]\/5$/m);
    expect(repair).toMatch(/^Repair after a hard moment$/m);
    expect(repair).toMatch(/^Feelings +hurt, tired$/m);
    expect(repair).toContain("What I'll do next time\n  repair w14: ask for help earlier");
    expect(weekend).toMatch(/^Weekend\nAlex · Saturday 15 August 2026/m);
    expect(weekend).toMatch(/^Rested +yes$/m);
    expect(weekend).toMatch(/^How was it +4$/m);
    expect(weekend).toMatch(/^Places +lake, market$/m);
    expect(weekend).toMatch(/^Has concern +no$/m);
    expect(weekend).toContain('Best part\n  weekend best part: the lake swim');
    // Escape sequences in a file never reach the terminal.
    expect(hostile).toContain('hostile words <script>');
    expect(hostile).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('--raw and --json stay exactly what is on disk', async () => {
    const [raw, json] = await Promise.all([
      run(['show', 'last', '--type', 'checkin', '--raw']),
      run(['show', 'last', '--type', 'checkin', '--json']),
    ]);
    const shown = JSON.parse(json.stdout)[0] as { path: string; fields: Record<string, unknown>; body: string };
    const file = readFileSync(path.join(cj.dir, shown.path), 'utf8');
    expect(raw.stdout).toBe(file);
    const parsed = parseEntry(file);
    expect(shown.fields).toEqual(parsed.fields);
    expect(shown.fields).toHaveProperty('has_concern');
    expect(shown.fields).toHaveProperty('reviewed');
    expect(shown.body).toBe(parsed.body);
  });

  it('a broken template of the journal leaves its entries readable field by field', async () => {
    const broken = path.join(cj.dir, 'templates', 'checkin.yaml');
    mkdirSync(path.dirname(broken));
    writeFileSync(broken, 'name: checkin\nquestions: [ {id: 1} ]\n');
    try {
      const result = await run(['show', 'last', '--type', 'checkin']);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(/\[object Object\]|template:|ratings:/);
      expect(result.stdout).toMatch(/^Connection +■+□* [1-5]\/5$/m);
      expect(result.stdout).toMatch(/^Has concern +(yes|no)$/m);
      expect(result.stdout).toMatch(/Last time's promise\n {2}Jordan promise w14: cook on Wednesday — \w+/);
    } finally {
      rmSync(path.join(cj.dir, 'templates'), { recursive: true, force: true });
    }
  });
});

describe('export', () => {
  it('Markdown reads like show: every answer in words, every entry there, oldest first', async () => {
    const result = await run(['export']);
    expect(result.code).toBe(0);
    const md = result.stdout;
    expectReadable(md);
    expect(md).toMatch(/^- \*\*Connection:\*\* ■+□* [1-5]\/5$/m);
    expect(md).toMatch(/^### Last week's promise\n\n- Alex promise w0: cook on Wednesday — \w+/m);
    for (const marker of markers()) expect(md).toContain(marker);
    const positions = cj.entries.map(({ id }) => md.indexOf(`<!-- ${id} -->`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).not.toMatch(/\u001b/);
  });

  it('the HTML report opens with the summary, keeps every entry, escapes everything and may load nothing', async () => {
    const file = path.join(cj.home, 'report.html');
    const result = await run(['export', '--format', 'html', '-o', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Exported \d+ entries to /);
    const page = readFileSync(file, 'utf8');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
    expect(page).not.toMatch(/<script|<link|<iframe|<object|src="http|href="http/i);
    expectReadable(page.replace(/<[^>]+>/g, ' '));
    expect(page.indexOf('class="summary"')).toBeLessThan(page.indexOf('class="week"'));
    for (const dimension of ['connection', 'communication', 'affection', 'fun', 'support', 'pulse'])
      expect(page).toContain(`data-dimension="${dimension}"`);
    expect(page).toMatch(/\d+ promises: <span class="outcome kept">\d+ kept/);
    expect(page).toContain('Rituals kept');
    for (const { id } of cj.entries) expect(page).toContain(`id="entry-${id}"`);
    for (const marker of markers()) expect(page).toContain(escapeHtml(marker));
    expect(page).toContain('hostile words &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).not.toMatch(/\u001b/);
    // Each week's two check-ins side by side, in the same order.
    const week = page.slice(page.indexOf('id="week-2026-11-16"'));
    expect(week.indexOf('entry-20261122T170000Z-checkin-alex')).toBeLessThan(
      week.indexOf('entry-20261122T190000Z-checkin-jordan'),
    );
  });
});

describe('attached files', () => {
  const photos = () => cj.attachments.filter((file) => /\.(jpg|webp|png)$/.test(file));

  it('show lists each by its path, once, and no link markup', async () => {
    const dateNight = cj.entries.filter(({ entry }) => Array.isArray(entry.fields.attachments)).at(-2)!;
    const result = await run(['show', dateNight.id]);
    expect(result.code).toBe(0);
    for (const file of dateNight.entry.fields.attachments as string[]) expect(result.stdout).toContain(file);
    expect(result.stdout.split('Attached').length - 1).toBe(1);
    expect(result.stdout).not.toContain('](');
    expectReadable(result.stdout);
  });

  it('week says how many files a date night keeps, and --json lists them', async () => {
    const text = await run(['week']);
    expect(text.stdout.replace(/\s+/g, ' ')).toMatch(
      /Date night · \w+ — date night w15: picnic by the lake \(2 files attached\)/,
    );
    const json = JSON.parse((await run(['week', '--json'])).stdout) as { entries: Array<{ attachments?: string[] }> };
    const files = json.entries.flatMap((e) => e.attachments ?? []);
    expect(files).toHaveLength(2);
    for (const file of files) expect(cj.attachments).toContain(file);
  });

  it('the Markdown export links every file relative to where it is written', async () => {
    const out = path.join(cj.home, 'exports', 'journal.md');
    mkdirSync(path.dirname(out), { recursive: true });
    expect((await run(['export', '-o', out])).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    const links = [...md.matchAll(/!?\[[^\]]*\]\(([^)]+)\)/g)].map((m) => decodeURI(m[1]!));
    expect(links.length).toBe(cj.attachments.length);
    for (const link of links) expect(existsSync(path.resolve(path.dirname(out), link)), link).toBe(true);
    for (const file of photos()) expect(md).toContain(`![${path.basename(file)}](`);
  });

  it('the report draws each photo inside the page, names the others, and reads nothing the hostile entry points at', async () => {
    const file = path.join(cj.home, 'report-attached.html');
    expect((await run(['export', '--format', 'html', '-o', file])).code).toBe(0);
    const page = readFileSync(file, 'utf8');
    const images = [...page.matchAll(/<img src="data:(image\/[a-z]+);base64,([A-Za-z0-9+/=]+)" alt="([^"]+)">/g)];
    expect(images.map((m) => m[3]).sort()).toEqual(
      photos()
        .map((f) => path.basename(f))
        .sort(),
    );
    for (const [, type, base64, alt] of images) {
      const bytes = Buffer.from(base64!, 'base64');
      expect(bytes.equals(readFileSync(path.join(cj.dir, photos().find((f) => f.endsWith(alt!))!)))).toBe(true);
      expect(type).toMatch(/^image\/(jpeg|webp|png)$/);
      // Kept without their location, so the report has none either.
      expect(bytes.toString('latin1')).not.toContain('Berlin');
    }
    expect(page).toMatch(/<p class="file">attachments\/[^<]+-tickets\.pdf<\/p>/);
    // The hostile entry's list: shown as words, escaped, never read (the link's target is a real photo).
    const secret = readFileSync(path.join(cj.home, 'secret.jpg')).toString('base64');
    expect(page).not.toContain(secret.slice(0, 40));
    expect(page).not.toContain('root:');
    for (const listed of cj.hostileAttachments) expect(page).toContain(`<p class="file">${escapeHtml(listed)}</p>`);
  });
});

describe('week', () => {
  it('shows the last week with a check-in, both partners in their own columns, within 80 columns', async () => {
    const result = await run(['week']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Week of Monday 16 November 2026 (16 Nov – 22 Nov)');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    const head = lines.find((l) => /^\s+Alex\s+Jordan$/.test(l))!;
    const alexAt = head.indexOf('Alex');
    const jordanAt = head.indexOf('Jordan');
    expect(alexAt).toBeLessThan(jordanAt);
    for (const label of ['Connection', 'Communication', 'Affection', 'Fun', 'Support']) {
      const row = lines.find((l) => l.trimStart().startsWith(label))!;
      expect(row.slice(alexAt)).toMatch(/^■*□* [1-5]/);
      expect(row.slice(jordanAt)).toMatch(/^■*□* [1-5]/);
    }
    const pulse = lines.find((l) => l.trimStart().startsWith('Pulse, Mon to Sun'))!;
    expect(pulse.slice(alexAt)).toMatch(/^([1-5·] ){6}[1-5·]/);
    expect(pulse.slice(jordanAt)).toMatch(/^([1-5·] ){6}[1-5·]/);
    const text = result.stdout;
    expectReadable(text);
    expect(text).toMatch(/Last week's promise +Alex promise w14: cook on +Jordan promise w14: cook/);
    // Appreciations for each other, side by side on the same lines.
    expect(text).toMatch(
      /Alex, for Jordan +Jordan, for Alex\n +• Alex appreciates Jordan w15 one +• Jordan appreciates Alex w15 one/,
    );
    expect(text).toContain('What went well');
    expect(text).toMatch(/A concern raised\n {2}Alex: Alex concern w15: I feel rushed/);
    expect(text).toMatch(
      /Alex heard +Jordan heard\n +Alex heard w15: Jordan needs more +Jordan heard w15: Alex needs more/,
    );
    expect(text).toMatch(
      /This week's promises\n +Alex +Jordan\n +• Alex promise w15: cook on Wednesday +• Jordan promise w15/,
    );
    expect(text).toMatch(/Gratitude for each other \(4\)/);
    expect(text).toMatch(/Fri 20 Nov {2}Date night · Jordan — date night w15: picnic by the lake/);
    expect(text).toContain('Words with the pulse');
  });

  it('takes any day or phrase the reading filters take, and says when a week is empty', async () => {
    const [day, phrase, empty, wrong] = await Promise.all([
      run(['week', '2026-11-03', '--json']),
      run(['week', '3 weeks ago', '--json']),
      run(['week', '2020-01-01']),
      run(['week', 'someday']),
    ]);
    expect(JSON.parse(day.stdout).week).toEqual({ start: '2026-11-02', end: '2026-11-08' });
    expect(JSON.parse(phrase.stdout).week).toEqual({ start: '2026-11-02', end: '2026-11-08' });
    expect(empty.stdout).toContain('Nothing was written this week.');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/does not understand "someday"/);
  });

  it('--json has the documented shape', async () => {
    const result = await run(['week', '--json']);
    const week = JSON.parse(result.stdout);
    expect(Object.keys(week)).toEqual(['week', 'partners', 'people', 'entries']);
    expect(week.partners).toEqual(['Alex', 'Jordan']);
    expect(week.people.map((p: { name: string }) => p.name)).toEqual(['Alex', 'Jordan']);
    const alex = week.people[0];
    expect(Object.keys(alex)).toEqual(['name', 'checkin', 'checkins', 'gratitudes', 'pulses']);
    expect(Object.keys(alex.checkin)).toEqual([
      'id',
      'date',
      'ratings',
      'feelings',
      'appreciations',
      'wentWell',
      'concern',
      'heard',
      'commitments',
      'reviewed',
      'other',
    ]);
    expect(alex.checkin.ratings).toEqual({
      connection: expect.any(Number),
      communication: expect.any(Number),
      affection: expect.any(Number),
      fun: expect.any(Number),
      support: expect.any(Number),
    });
    expect(alex.checkin.appreciations).toEqual(['Alex appreciates Jordan w15 one', 'Alex appreciates Jordan w15 two']);
    expect(alex.checkin.commitments).toEqual(['Alex promise w15: cook on Wednesday']);
    expect(alex.checkin.reviewed).toEqual([
      { commitment: 'Alex promise w14: cook on Wednesday', outcome: expect.stringMatching(/^(kept|partly|not yet)$/) },
    ]);
    expect(alex.checkin.other).toEqual([]);
    expect(alex.gratitudes).toHaveLength(2);
    expect(alex.gratitudes[0]).toEqual({
      id: expect.any(String),
      date: expect.any(String),
      for: 'Jordan',
      text: 'Alex thanks Jordan for thing 15.2',
    });
    expect(alex.pulses[0]).toEqual({
      id: expect.any(String),
      day: expect.any(String),
      value: expect.any(Number),
      note: null,
    });
    expect(week.entries.map((e: { type: string }) => e.type)).toEqual(['date']);
    // "attachments" only where the entry keeps files, as this week's date night does
    expect(Object.keys(week.entries[0])).toEqual(['id', 'type', 'title', 'author', 'date', 'summary', 'attachments']);
  });
});

describe('stats', () => {
  it('fits 60 and 120 columns, and starts no earlier than the first entry', async () => {
    for (const columns of [60, 120]) {
      const result = await run(['stats', '--since', '6 months ago'], { COLUMNS: String(columns) });
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n');
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
      expect(lines[0]).toMatch(/^From 3 Aug 2026 \(your first entry\) to 25 Nov 2026, 16 weeks$/);
      // Five gratitudes a fortnight: two and a half a week, counted from the first entry.
      expect(result.stdout).toMatch(/Alex +[▁-█]+ +40 in all, 2\.4 a week/);
      for (const label of ['Connection', 'Communication', 'Affection', 'Fun', 'Support'])
        expect(result.stdout).toMatch(new RegExp(`^ {4}${label} +[▁-█]+ +avg \\d\\.\\d$`, 'm'));
      // The calendar: a row per ritual, month names above, a legend below.
      const calendar = lines.slice(lines.findIndex((l) => l.startsWith('Every ritual')));
      expect(calendar[1]).toMatch(/Aug.*Sep.*Oct.*Nov/);
      for (const [i, label] of ['Check-in', 'Gratitude', 'Date night', 'Repair'].entries())
        expect(calendar[2 + i]).toMatch(new RegExp(`^ {2}${label} +[·▒▓█s ]+$`));
      expect(calendar[6]).toMatch(/· none +▒ 1 +▓ 2 +█ 3\+ +s skipped +\(entries a (week|day)\)$/);
      expect(result.stdout).toContain('Daily pulse (1 to 5), day by day');
    }
  });

  it('says once, calmly, who has felt low for how long; status says it once too', async () => {
    const stats = await run(['stats']);
    const line = stats.stdout.replace(/\s+/g, ' ');
    expect(line).toContain(
      'Connection has felt low for Jordan for 2 weeks (2 or lower at the last 3 check-ins, since 8 November). A couples counsellor can help',
    );
    expect(stats.stdout.split('couples counsellor').length - 1).toBe(1);
    const first = await run(['status']);
    expect(first.stdout.replace(/\s+/g, ' ')).toContain('Connection has felt low for Jordan for 2 weeks');
    const second = await run(['status']);
    expect(second.stdout).not.toContain('counsellor');
    const json = JSON.parse((await run(['status', '--json'])).stdout);
    expect(json.lowConnection).toEqual([{ partner: 'Jordan', recent: [2, 2, 2], checkins: 3, since: '2026-11-08' }]);
  });
});

describe('writing, last (the tests above read the journal as it was made)', () => {
  it('says how many of the exported entries are private, kept on this computer only', async () => {
    const env = at(cj.env, '2026-11-25T19:00:00Z');
    expect((await run(['gratitude', '--private', 'a private thank-you'], env)).code).toBe(0);
    const result = await run(['export', '--since', '2026-11-25', '-o', path.join(cj.home, 'mine.md')], env);
    expect(result.stderr).toMatch(/Exported 1 entry \(1 private, from this computer only\)/);
    expect(readFileSync(path.join(cj.home, 'mine.md'), 'utf8')).toContain('(private)');
  });

  it('writes a one-line pulse, refuses anything but 1 to 5, and is charted by stats and week', async () => {
    const env = at(cj.env, '2026-11-26T07:30:00Z');
    const head = git(cj.dir, ['rev-parse', 'HEAD']);
    for (const bad of ['0', '6', '3.5', 'good']) {
      const result = await run(['pulse', bad], env);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toMatch(/whole number from 1 to 5/);
    }
    const prompting = await run(['pulse'], env);
    expect(prompting.code).toBe(2);
    expect(prompting.stderr).toMatch(/intimacy pulse 4/);
    expect(git(cj.dir, ['rev-parse', 'HEAD'])).toBe(head);

    const saved = await run(['pulse', '5', 'a', 'lovely', 'morning'], env);
    expect(saved.code).toBe(0);
    const [shown] = JSON.parse((await run(['show', 'last', '--json'], env)).stdout);
    expect(shown).toMatchObject({
      type: 'pulse',
      author: 'Alex',
      fields: { template: 'pulse', ratings: { pulse: 5 } },
    });
    expect(shown.body).toBe('## A word about it\n\na lovely morning\n');
    const stats = JSON.parse((await run(['stats', '--json'], env)).stdout);
    expect(stats.pulses.Alex.at(-1)).toEqual({ day: '2026-11-26', value: 5 });
    // This week has no check-in yet, so `week` alone shows last week; a day of this week shows this one.
    const week = JSON.parse((await run(['week', 'today', '--json'], env)).stdout);
    expect(week.people[0].pulses.at(-1)).toMatchObject({ day: '2026-11-26', value: 5, note: 'a lovely morning' });
  });
});

describe('week, a note written for its own writer', () => {
  it('says whom it is for beside the note, as the column names the partner', async () => {
    const { env, home } = newUser();
    const own = path.join(home, 'journal');
    const in_ = (args: string[]) => runCli(['--journal', own, ...args], { env });
    expect((await in_(['init', own, '--me', 'Alex', '--partner', 'Jordan'])).code).toBe(0);
    expect((await in_(['gratitude', '--for', 'alex', 'an hour of my own'])).code).toBe(0);
    expect((await in_(['gratitude', 'the soup you made'])).code).toBe(0);
    const text = (await in_(['week', 'today'])).stdout;
    expect(text).toMatch(
      /Alex, for Jordan +Jordan, for Alex\n +• \w{3} an hour of my own \(for Alex\) +none this week\n +• \w{3} the soup you made\n/,
    );
  });
});
