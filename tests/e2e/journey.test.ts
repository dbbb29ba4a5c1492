import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, defaultJournal, git, newUser, type RunResult, runBinary, tempDir } from '../helpers/cli.js';
import { allObjectText } from '../helpers/remote-objects.js';

/*
 * A couple's first month, in order, as they would live it: Alex follows the README's quick
 * start, names the two of them, shares the journal; Jordan clones it; they write gratitudes for
 * each other, two weekly check-ins whose promises the next one looks back at, a template of their
 * own; both edit one entry and both are told; encryption is turned on midway and the key handed
 * over. Every command is the built binary, with each partner's own HOME (no git identity) and the
 * clock stepping through the days. Each step asserts what each of them sees.
 */
afterAll(cleanupTemp);

interface Person {
  name: string;
  home: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  /** runs `intimacy ARGS` at `day` (an ISO instant), from the person's HOME */
  run: (day: string, args: string[], input?: string, extra?: Record<string, string>) => Promise<RunResult>;
}

function person(name: string): Person {
  const { home, env } = newUser({ EDITOR: path.join(editorDir(name), 'editor') });
  const p: Person = {
    name,
    home,
    env,
    dir: defaultJournal(home),
    run: (day, args, input, extra = {}) =>
      runBinary(args, { env: { ...env, ...extra, INTIMACY_NOW: day }, input, timeoutMs: 60_000 }),
  };
  return p;
}

// The editor each partner's $EDITOR points at: appends the line in $JOURNEY_EDIT to the file.
const editors = new Map<string, string>();
function editorDir(name: string): string {
  const dir = editors.get(name) ?? tempDir(`intimacy-${name.toLowerCase()}-bin-`);
  editors.set(name, dir);
  const file = path.join(dir, 'editor');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, '#!/bin/sh\nset -e\nprintf "\\n%s\\n" "$JOURNEY_EDIT" >> "$1"\n');
  chmodSync(file, 0o755);
  return dir;
}

async function ok(pending: Promise<RunResult>): Promise<RunResult> {
  const result = await pending;
  if (result.code !== 0) throw new Error(`intimacy exited ${result.code}:\n${result.stdout}${result.stderr}`);
  return result;
}

interface Listed {
  id: string;
  type: string;
  author: string;
  excerpt: string;
}
const listed = async (who: Person, day: string, args: string[] = []): Promise<Listed[]> =>
  JSON.parse((await ok(who.run(day, ['log', '--json', ...args]))).stdout) as Listed[];

// The month: Monday 2 November to Monday 30 November 2026 (weeks start on Monday).
const DAY = {
  mon2: '2026-11-02T08:30:00Z',
  mon2evening: '2026-11-02T20:00:00Z',
  tue3: '2026-11-03T19:00:00Z',
  wed4: '2026-11-04T07:45:00Z',
  sun8: '2026-11-08T18:00:00Z',
  sun8late: '2026-11-08T21:00:00Z',
  tue10: '2026-11-10T19:30:00Z',
  thu12: '2026-11-12T12:00:00Z',
  sun15: '2026-11-15T18:00:00Z',
  tue17: '2026-11-17T20:00:00Z',
  thu19: '2026-11-19T08:00:00Z',
  fri20: '2026-11-20T18:00:00Z',
  sat21: '2026-11-21T10:00:00Z',
  mon30: '2026-11-30T09:00:00Z',
};

const login = os.userInfo().username;
const TEMPLATE = `name: weekend
title: Our weekend
description: How the weekend went, and one wish for the next.
questions:
  - id: best
    type: text
    message: The best moment of the weekend
    heading: The best moment
  - id: rested
    type: yesno
    message: Did you feel rested?
    heading: Rested
  - id: wish
    type: text
    message: One wish for next weekend
    heading: A wish for next time
`;

describe('a couple’s first month', { timeout: 300_000 }, () => {
  let root: string;
  let remote: string;
  let alex: Person;
  let jordan: Person;
  /** every text either of them wrote into an entry or a template, to look for on the remote */
  const written: string[] = [];
  const say = (text: string) => {
    written.push(text);
    return text;
  };

  beforeAll(() => {
    root = tempDir('intimacy-journey-');
    remote = path.join(root, 'remote.git');
    git(root, ['init', '-q', '--bare', remote]);
    alex = person('Alex');
    jordan = person('Jordan');
  });

  it('week 1: the quick start, the two names, sharing, and the partner joining', async () => {
    // The README's quick start, word for word: no set-up, no git identity, no terminal.
    const first = await ok(alex.run(DAY.mon2, ['gratitude', say('the coffee you brought me this morning')]));
    expect(first.stdout).toMatch(/^Saved gratitude \S+ → .+\.md\n$/);
    expect(first.stderr).toContain(`Created a new journal in ${alex.dir}`);
    expect(first.stderr).toContain(
      `Writing as ${login} (your login name). Name the two of you with: intimacy partners set YOUR_NAME PARTNER_NAME`,
    );

    // The names fixed as that line says, in one commit; the first note is Alex's from now on.
    const named = await ok(alex.run(DAY.mon2, ['partners', 'set', 'Alex', 'Jordan']));
    expect(named.stdout).toBe('Alex named the partners Alex and Jordan.\n');
    expect((await ok(alex.run(DAY.mon2, ['partners']))).stdout).toBe(`Alex (you)  also known as ${login}\nJordan\n`);
    expect(await listed(alex, DAY.mon2, ['--mine'])).toMatchObject([{ author: 'Alex', type: 'gratitude' }]);

    // Shared: before the first sync status says so, and the first sync sends the note.
    await ok(alex.run(DAY.mon2, ['init', '--remote', remote]));
    expect((await ok(alex.run(DAY.mon2, ['status']))).stdout).toContain('not shared yet — run intimacy sync');
    expect((await ok(alex.run(DAY.mon2, ['sync']))).stdout).toMatch(/1 entry sent/);

    // Jordan joins, as the line after `init --remote` says, and reads Alex's note as Alex's.
    const joined = await ok(jordan.run(DAY.mon2evening, ['clone', remote, '--me', 'Jordan']));
    expect(joined.stdout).toBe(`Joined the journal of Alex and Jordan in ${jordan.dir}, as Jordan\n`);
    expect(await listed(jordan, DAY.mon2evening)).toMatchObject([
      { author: 'Alex', excerpt: 'the coffee you brought me this morning' },
    ]);
    expect((await ok(jordan.run(DAY.mon2evening, ['whoami']))).stdout).toBe('Jordan (from this journal)\n');
  });

  it('gratitudes for each other, and each told what the other wrote', async () => {
    await ok(jordan.run(DAY.tue3, ['gratitude', say('the soup when I had a cold')]));
    expect((await ok(jordan.run(DAY.tue3, ['sync']))).stdout).toMatch(/1 entry sent/);
    const news = await ok(alex.run(DAY.wed4, ['sync']));
    expect(news.stdout).toMatch(/1 new entry from Jordan/);
    await ok(alex.run(DAY.wed4, ['gratitude', say('the note you left on the fridge')]));
    const status = await ok(alex.run(DAY.wed4, ['status']));
    expect(status.stdout).toMatch(/Jordan wrote 1 gratitude \(1 for you\)/);
    expect(status.stdout).toMatch(/gratitude .*Alex .*Jordan/);
    const notes = JSON.parse(
      (await ok(alex.run(DAY.wed4, ['show', 'this week', '--json', '--type', 'gratitude']))).stdout,
    );
    expect(notes.map((n: { author: string; fields: { for?: string } }) => [n.author, n.fields.for])).toEqual([
      ['Alex', undefined],
      ['Jordan', 'Alex'],
      ['Alex', 'Jordan'],
    ]);
    await ok(alex.run(DAY.wed4, ['sync']));
  });

  it('the first weekly check-ins, each with a promise for the week', async () => {
    const alexAnswers = {
      appreciation_1: say('Alex: you listened when I was stressed about work'),
      went_well: say('Alex: the long walk on Tuesday'),
      feelings: ['close', 'tired'],
      connection: 4,
      communication: 3,
      has_concern: true,
      concern: say('Alex: I feel rushed in the mornings and I need ten quiet minutes'),
      heard: say('Alex heard: Jordan needs more rest'),
      commitment: say('Plan a date for Friday'),
    };
    const jordanAnswers = {
      appreciation_1: say('Jordan: you made the flat feel like home'),
      feelings: ['happy'],
      connection: 5,
      has_concern: false,
      commitment: say('Cook on Wednesday'),
    };
    await ok(alex.run(DAY.sun8, ['checkin', '--answers', '-'], JSON.stringify(alexAnswers)));
    await ok(alex.run(DAY.sun8, ['sync']));
    await ok(jordan.run(DAY.sun8late, ['checkin', '--answers', '-'], JSON.stringify(jordanAnswers)));
    const sent = await ok(jordan.run(DAY.sun8late, ['sync']));
    expect(sent.stdout).toBe('2 new entries from Alex, 1 sent\n');
    await ok(alex.run(DAY.sun8late, ['sync']));

    // The check-in is kept for the week: both wrote one.
    const status = JSON.parse((await ok(alex.run(DAY.sun8late, ['status', '--json']))).stdout);
    const checkin = status.rituals.find((r: { name: string }) => r.name === 'checkin');
    expect(checkin.subjects[0].state).toBe('done');
    // Each reads the other's check-in in its own words: no raw keys, no internal fields.
    const read = await ok(jordan.run(DAY.sun8late, ['show', 'last', '--author', 'Alex']));
    expect(read.stdout).toContain('Connection');
    expect(read.stdout).toMatch(/Something to raise\s+yes/);
    expect(read.stdout).toContain('Plan a date for Friday');
    expect(read.stdout).not.toMatch(/\[object Object\]|has_concern|template|ratings|commitments/);
  });

  it('a template of their own, shared through the journal', async () => {
    await ok(alex.run(DAY.tue10, ['templates', 'new', 'weekend', '--from', 'reflection']));
    writeFileSync(path.join(alex.dir, 'templates', 'weekend.yaml'), TEMPLATE);
    written.push('How the weekend went, and one wish for the next.');
    await ok(alex.run(DAY.tue10, ['sync']));
    await ok(jordan.run(DAY.tue10, ['sync']));
    const listedTemplates = await ok(jordan.run(DAY.tue10, ['templates']));
    expect(listedTemplates.stdout).toMatch(/weekend/);
    expect(listedTemplates.stderr).not.toMatch(/broken/);
    const answers = { best: say('Jordan: the market on Saturday'), rested: true, wish: say('Jordan: a lie-in') };
    await ok(jordan.run(DAY.tue10, ['new', 'weekend', '--answers', '-'], JSON.stringify(answers)));
    await ok(jordan.run(DAY.tue10, ['sync']));
    await ok(alex.run(DAY.tue10, ['sync']));
    const read = await ok(alex.run(DAY.tue10, ['show', 'last', '--type', 'weekend']));
    expect(read.stdout).toContain('Our weekend');
    expect(read.stdout).toMatch(/The best moment\n\s+Jordan: the market on Saturday/);
    expect(read.stdout).toMatch(/Rested\s+yes/);
    expect(read.stdout).not.toMatch(/rested|true/);
  });

  it('both edit one entry: both told which version is where, and it is settled in a commit', async () => {
    const [note] = await listed(alex, DAY.thu12, ['--mine', '--type', 'gratitude', '-n', '1']);
    const id = note!.id;
    expect(note!.excerpt).toBe('the note you left on the fridge');
    await ok(alex.run(DAY.thu12, ['edit', id], undefined, { JOURNEY_EDIT: 'Alex: and the drawing on it' }));
    // Jordan's edit of Alex's words needs --partner.
    const asked = await jordan.run(DAY.thu12, ['edit', id], undefined, { JOURNEY_EDIT: 'x' });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/is Alex's entry: those are their words/);
    await ok(
      jordan.run(DAY.thu12, ['edit', id, '--partner'], undefined, { JOURNEY_EDIT: say('Jordan: it was a cat') }),
    );

    await ok(jordan.run(DAY.thu12, ['sync']));
    const file = `entries/2026/11/${id}.md`;
    const copy = `entries/2026/11/${id}-conflict_jordan.md`;
    const second = await ok(alex.run(DAY.thu12, ['sync']));
    expect(second.stderr).toContain(
      `you and Jordan both changed ${file}: yours is still there, Jordan's version is in ${copy}`,
    );
    const first = await ok(jordan.run(DAY.thu12, ['sync']));
    expect(first.stderr).toContain(
      `you and Alex both changed ${file}: Alex's version is now in ${file}, yours in ${copy}`,
    );

    // Listed once, and marked; status does not count the copy as another note.
    const log = await ok(alex.run(DAY.thu12, ['log', '--type', 'gratitude']));
    const lines = log.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => line.includes('[conflict copy]'))).toHaveLength(1);
    const status = JSON.parse((await ok(alex.run(DAY.thu12, ['status', '--json']))).stdout);
    expect(JSON.stringify(status)).not.toContain('conflict_jordan');

    // Side by side, then settled by Alex: both lines kept in one version.
    const side = await ok(alex.run(DAY.thu12, ['conflicts']));
    expect(side.stdout).toMatch(/- Alex: and the drawing on it/);
    expect(side.stdout).toMatch(/\+ Jordan: it was a cat/);
    const [open] = JSON.parse((await ok(alex.run(DAY.thu12, ['conflicts', '--json']))).stdout) as Array<{ id: string }>;
    const before = Number(git(alex.dir, ['rev-list', '--count', 'HEAD']).trim());
    const settled = await ok(alex.run(DAY.thu12, ['conflicts', 'resolve', open!.id, '--keep', 'theirs']));
    expect(settled.stdout).toMatch(/kept Jordan's version/);
    expect(Number(git(alex.dir, ['rev-list', '--count', 'HEAD']).trim())).toBe(before + 1);
    await ok(alex.run(DAY.thu12, ['sync']));
    await ok(jordan.run(DAY.thu12, ['sync']));
    for (const who of [alex, jordan]) {
      expect(existsSync(path.join(who.dir, copy))).toBe(false);
      expect(readFileSync(path.join(who.dir, file), 'utf8')).toContain('Jordan: it was a cat');
      expect((await ok(who.run(DAY.thu12, ['conflicts']))).stderr).toMatch(/No conflicts/);
    }
  });

  it("the second week's check-ins look back at the first week's promises", async () => {
    await ok(
      alex.run(
        DAY.sun15,
        ['checkin', '--answers', '-'],
        JSON.stringify({
          review: 'kept',
          appreciation_1: say('Alex: the Friday date'),
          connection: 5,
          commitment: say('Call your mum with you'),
        }),
      ),
    );
    await ok(alex.run(DAY.sun15, ['sync']));
    await ok(jordan.run(DAY.sun15, ['sync']));
    await ok(
      jordan.run(
        DAY.sun15,
        ['checkin', '--answers', '-'],
        JSON.stringify({ review: 'partly', appreciation_1: say('Jordan: the flowers'), connection: 4 }),
      ),
    );
    await ok(jordan.run(DAY.sun15, ['sync']));
    await ok(alex.run(DAY.sun15, ['sync']));
    for (const who of [alex, jordan]) {
      const alexs = await ok(who.run(DAY.sun15, ['show', 'last', '--author', 'Alex', '--type', 'checkin']));
      expect(alexs.stdout).toContain('Plan a date for Friday — kept');
      const jordans = await ok(who.run(DAY.sun15, ['show', 'last', '--author', 'Jordan', '--type', 'checkin']));
      expect(jordans.stdout).toContain('Cook on Wednesday — partly');
      const week = await ok(who.run(DAY.sun15, ['week']));
      // Two columns: Alex's "Plan a date for Friday — kept" wraps beside Jordan's.
      expect(week.stdout).toMatch(/Last week's promise +Plan a date for Friday —/);
      expect(week.stdout).toContain('Cook on Wednesday — partly');
      expect(week.stdout).not.toMatch(/\[object Object\]/);
    }
  });

  it('encryption turned on midway, the key handed over, and everything readable on both sides', async () => {
    const on = await ok(alex.run(DAY.tue17, ['encrypt', 'init']));
    expect(on.stdout).toMatch(/Encryption is on/);
    // What was shared before stays readable on the remote, and Alex is told so.
    expect(on.stderr).toMatch(/the remote's history still holds the plain text of \d+ entries pushed before today/);
    const passphrase = path.join(root, 'passphrase');
    writeFileSync(passphrase, 'our long shared passphrase\n', { mode: 0o600 });
    const key = await ok(alex.run(DAY.tue17, ['encrypt', 'export-key', '--passphrase-file', passphrase]));
    const keyFile = path.join(root, 'key.txt');
    writeFileSync(keyFile, key.stdout, { mode: 0o600 });
    await ok(alex.run(DAY.tue17, ['gratitude', say('Alex, encrypted: the blanket on the sofa')]));
    await ok(alex.run(DAY.tue17, ['sync']));

    // The sync that brings encryption to Jordan's clone, which has no key yet, says so.
    const told = await ok(jordan.run(DAY.tue17, ['sync']));
    expect(told.stdout + told.stderr).toMatch(/turned encryption on/);
    expect(told.stdout + told.stderr).toMatch(/intimacy encrypt import-key/);
    const imported = await ok(
      jordan.run(DAY.tue17, ['encrypt', 'import-key', keyFile, '--passphrase-file', passphrase]),
    );
    expect(imported.stderr + imported.stdout).not.toMatch(/broken|cannot/);
    // The shared template is readable too, not ciphertext ("broken template, skipped").
    const templates = await ok(jordan.run(DAY.tue17, ['templates']));
    expect(templates.stdout).toMatch(/weekend/);
    expect(templates.stderr).not.toMatch(/broken/);
    expect(readFileSync(path.join(jordan.dir, 'templates', 'weekend.yaml'), 'utf8')).toBe(TEMPLATE);
    expect(git(jordan.dir, ['status', '--porcelain'])).toBe('');
    await ok(jordan.run(DAY.thu19, ['gratitude', say('Jordan, encrypted: the tea in bed')]));
    await ok(jordan.run(DAY.thu19, ['sync']));
    await ok(alex.run(DAY.thu19, ['sync']));

    for (const who of [alex, jordan]) {
      const notes = await listed(who, DAY.thu19, ['--type', 'gratitude']);
      expect(notes.map((n) => n.excerpt).slice(0, 2)).toEqual([
        'Jordan, encrypted: the tea in bed',
        'Alex, encrypted: the blanket on the sofa',
      ]);
      expect(notes).toHaveLength(5);
      const weekend = await ok(who.run(DAY.thu19, ['show', 'last', '--type', 'weekend']));
      expect(weekend.stdout).toMatch(/The best moment\n\s+Jordan: the market on Saturday/);
      expect(git(who.dir, ['status', '--porcelain'])).toBe('');
    }
  });

  it('the remote holds no plain text of what was written after encryption was turned on', () => {
    const objects = allObjectText(remote);
    const after = written.filter((text) => text.includes('encrypted:'));
    expect(after).toHaveLength(2);
    for (const text of after) expect(objects).not.toContain(text);
  });

  it('moving to a fresh remote leaves the plain history behind: it holds no plain text of any entry or template', async () => {
    await ok(alex.run(DAY.thu19, ['sync']));
    await ok(jordan.run(DAY.thu19, ['sync']));
    const fresh = path.join(root, 'fresh.git');
    git(root, ['init', '-q', '--bare', fresh]);
    await ok(alex.run(DAY.fri20, ['encrypt', 'move-remote', fresh]));
    await ok(alex.run(DAY.fri20, ['sync']));
    // Jordan joins the new remote in a fresh folder, as the README says, with the key.
    const folder = path.join(jordan.home, 'journal-2');
    await ok(jordan.run(DAY.fri20, ['clone', fresh, folder, '--me', 'Jordan']));
    jordan.dir = folder;
    await ok(
      jordan.run(DAY.fri20, [
        'encrypt',
        'import-key',
        path.join(root, 'key.txt'),
        '--passphrase-file',
        path.join(root, 'passphrase'),
      ]),
    );
    const notes = await listed(jordan, DAY.fri20, ['--type', 'gratitude']);
    expect(notes).toHaveLength(5);
    expect(git(jordan.dir, ['status', '--porcelain'])).toBe('');
    const objects = allObjectText(fresh);
    expect(written.length).toBeGreaterThan(5);
    for (const text of written) expect(objects).not.toContain(text);
    expect(objects).not.toContain(TEMPLATE);
  });

  it('exports read back on both sides: Markdown and HTML, every entry in words', async () => {
    for (const who of [alex, jordan]) {
      const md = await ok(who.run(DAY.mon30, ['export', '--format', 'md']));
      for (const text of written.filter((t) => !t.startsWith('How the weekend'))) expect(md.stdout).toContain(text);
      expect(md.stdout).toContain('Plan a date for Friday — kept');
      expect(md.stdout).toMatch(/\*\*Rested:\*\* yes/);
      expect(md.stdout).not.toMatch(/\[object Object\]|has_concern|template:|conflict_/);
      const file = path.join(who.home, 'our-month.html');
      const html = await ok(who.run(DAY.mon30, ['export', '--format', 'html', '-o', file]));
      expect(html.stderr + html.stdout).toMatch(/Exported \d+ entries/);
      const page = readFileSync(file, 'utf8');
      expect(page).not.toMatch(/\[object Object\]|has_concern|<script/);
      // What a reader sees: the words, without the markup around them.
      const words = page.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'");
      expect(words).toContain('Plan a date for Friday — kept');
      expect(words).toContain('Cook on Wednesday — partly');
      for (const text of written.filter((t) => !t.startsWith('How the weekend'))) expect(words).toContain(text);
    }
  });
});
