import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { outputProblems } from '../helpers/controls.js';
import { ok, type Partner, syncedPair } from '../sync/partners.js';

/*
 * Terminal controls planted by the partner in every field a file can carry — entry text,
 * author, type, tags, `for`, structured answers, a template's texts, ritual and partner names,
 * file names — pushed with plain git. Every command that reads them must show them as visible
 * escapes: no escape sequence, carriage return, C1 control or bidi override reaches the
 * terminal, and no newline in a one-line field forges a line of its own.
 */

const MARKER = 'FORGED';
/** Screen clear, clipboard write, hidden link, cursor up, carriage return, 8-bit CSI, bidi controls and marks, NEL. */
const CONTROLS =
  '\u001b[2J\u001b]52;c;aGk=\u0007\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\\u001b[3A\rx\u009b2J\u202eab\u2066c\u2069\u200fd\u061ce\u200e\u0085';
/** For a one-line field (a name, a type, a title): the controls, then a newline that would forge a line. */
const hostile = (tag: string) => `${tag}${CONTROLS}\n${MARKER}: owned`;
/** For text shown as lines of its own (a body, a long answer): its newlines are the writer's. */
const hostileText = (tag: string) => `${tag}${CONTROLS}\nand a second line`;

/** A YAML double-quoted text holding exactly `text`, every control written as \u escape. */
function quoted(text: string): string {
  return `"${text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"\\]/gu, (char) =>
    char === '"' || char === '\\' ? `\\${char}` : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}"`;
}

const JORDAN = hostile('Jor');

const monthOf = (dir: string) => path.join(dir, 'entries', '2026', '11');

function writeEntry(dir: string, name: string, fields: Record<string, string>, body: string): void {
  mkdirSync(monthOf(dir), { recursive: true });
  const front = Object.entries(fields).map(([key, value]) => `${key}: ${value}`);
  writeFileSync(path.join(monthOf(dir), name), `---\n${front.join('\n')}\n---\n\n${body}\n`);
}

/** Names no entry parser reads, that git carries all the same: a stray with a newline, a conflict copy. */
function plantNames(dir: string): void {
  mkdirSync(monthOf(dir), { recursive: true });
  writeFileSync(path.join(monthOf(dir), `stray\n${MARKER}\u001b[2J.md`), 'x\n');
  writeEntry(
    dir,
    `20261121T100000Z-gratitude-jordan-conflict_\u001b[2J${MARKER}.md`,
    { type: 'gratitude', author: '"Jordan"', date: '"2026-11-21T10:00:00+00:00"', tags: '[]' },
    hostile('conflict copy'),
  );
}

function plant(dir: string): void {
  const entry = (name: string, fields: Record<string, string>, body: string) => writeEntry(dir, name, fields, body);
  // Names with controls: each entry is skipped by name, never shown.
  entry(
    '20261124T100000Z-gratitude-jordan.md',
    {
      type: 'gratitude',
      author: quoted(JORDAN),
      date: '"2026-11-24T10:00:00+00:00"',
      tags: `[${quoted(hostile('tag'))}]`,
      for: quoted(hostile('for')),
    },
    `## Heading\n\n${hostileText('body')}`,
  );
  entry(
    '20261123T100000Z-evil-jordan.md',
    { type: quoted(hostile('type')), author: '"Jordan"', date: '"2026-11-23T10:00:00+00:00"', tags: '[]' },
    hostileText('text of an unknown type'),
  );
  // Controls in what is written: shown, escaped.
  entry(
    '20261122T100000Z-evil-jordan.md',
    {
      type: 'evil',
      author: '"Jordan"',
      date: '"2026-11-22T10:00:00+00:00"',
      tags: '[]',
      mood: quoted(hostile('choice')),
      rating: '4',
      [quoted(hostile('key'))]: quoted(hostile('answer')),
    },
    `## Said${CONTROLS}\n\n${hostileText('long answer')}`,
  );
  entry(
    '20261122T120000Z-gratitude-jordan.md',
    { type: 'gratitude', author: '"Jordan"', date: '"2026-11-22T12:00:00+00:00"', tags: '[]', for: '"Alex"' },
    `## What I'm grateful for\n\n${hostileText('thanks')}`,
  );
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  writeFileSync(
    path.join(dir, 'templates', 'evil.yaml'),
    [
      'name: evil',
      `title: ${quoted(hostile('Title'))}`,
      `description: ${quoted(hostileText('Description'))}`,
      `intro: ${quoted(hostileText('Intro'))}`,
      'questions:',
      '  - id: mood',
      '    type: choice',
      `    message: ${quoted(hostile('Message'))}`,
      `    heading: ${quoted(hostile('Mood'))}`,
      `    hint: ${quoted(hostile('Hint'))}`,
      `    choices: [${quoted(hostile('choice'))}, plain]`,
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(dir, 'decks'), { recursive: true });
  writeFileSync(
    path.join(dir, 'decks', 'evil.yaml'),
    [
      'name: evil',
      `title: ${quoted(hostile('Deck'))}`,
      `description: ${quoted(hostileText('About'))}`,
      'questions:',
      `  - { id: one, text: ${quoted(hostile('Question'))}, hint: ${quoted(hostile('Hint'))} }`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'intimacy.yaml'),
    [
      'version: 1',
      `partners: ["Alex", "Jordan", ${quoted(JORDAN)}]`,
      `aliases: { ${quoted(hostile('old'))}: "Jordan" }`,
      'rituals:',
      `  ${quoted(hostile('ritual'))}: { counts: [${quoted(hostile('type'))}, evil], cadence: weekly, who: either }`,
      '  gratitude: { counts: [gratitude], cadence: 3/week, who: each }',
      '',
    ].join('\n'),
  );
}

let alex: Partner;
let syncOutput: { stdout: string; stderr: string };
let refusedNames: { code: number; stdout: string; stderr: string };
let ids: string[] = [];

beforeAll(async () => {
  const pair = await syncedPair();
  alex = pair.alex;
  const jordan = pair.jordan;
  await ok(alex.run(['gratitude', 'a plain note of mine']));
  await ok(alex.run(['sync']));
  git(jordan.dir, ['pull', '--quiet', 'origin', 'main']);
  const push = () => {
    git(jordan.dir, ['add', '-A']);
    git(jordan.dir, [
      '-c',
      `user.name=${JORDAN.replace(/\n/g, ' ')}`,
      '-c',
      'user.email=j@example.com',
      'commit',
      '-qm',
      hostile('message'),
    ]);
    git(jordan.dir, ['push', '--quiet', '--force', 'origin', 'HEAD:main']);
  };
  // File names with controls are refused by sync (named, escaped); then the rest arrives.
  plantNames(jordan.dir);
  push();
  refusedNames = await alex.run(['sync']);
  git(jordan.dir, ['reset', '--quiet', '--hard', 'HEAD~1']);
  plant(jordan.dir);
  push();
  syncOutput = await alex.run(['sync']);
  // The same names made on this computer (a tool of the user's, a plain git pull): listings warn.
  plantNames(alex.dir);
  ids = (await ok(alex.run(['log', '--json']))).stdout.match(/"id": "[^"]+"/g)!.map((m) => m.slice(7, -1));
}, 120_000);

afterAll(() => cleanupTemp());

describe('terminal controls from the partner are shown, never obeyed', { timeout: 120_000 }, () => {
  it('the sync that refuses file names with controls names them escaped', () => {
    expect(refusedNames.code).toBe(1);
    expect(refusedNames.stderr).toContain('stray\\nFORGED');
    expect(outputProblems('sync', refusedNames, { marker: MARKER })).toBe('');
  });

  it('the sync that brings them in prints none', () => {
    expect(syncOutput.stderr).toBe('');
    expect(outputProblems('sync', syncOutput, { marker: MARKER })).toBe('');
  });

  const READING: string[][] = [
    ['log'],
    ['log', '--type', 'evil'],
    ['grep', 'body'],
    ['grep', 'Heading'],
    ['grep', '-i', 'owned'],
    ['stats'],
    ['status'],
    ['rituals'],
    ['templates', 'list'],
    ['templates', 'show', 'evil'],
    ['decks'],
    ['decks', 'evil'],
    ['week', '2026-11-23'],
    ['partners'],
    ['conflicts'],
    ['doctor'],
    ['export', '--format', 'md'],
    ['export', '--format', 'json'],
    ['log', '--json'],
    ['grep', '--json', 'body'],
    ['whoami'],
    ['drafts'],
  ];

  it.each(READING.map((args) => [args.join(' '), args]))('%s prints none', async (_label, args) => {
    const result = await alex.run(args as string[]);
    expect(outputProblems((args as string[]).join(' '), result, { marker: MARKER })).toBe('');
  });

  // The page's source may break a line where the text did (a browser joins them), but printed to a
  // terminal it carries no control: a carriage return would take the line back and write over it.
  it('export --format html prints none', async () => {
    const result = await ok(alex.run(['export', '--format', 'html']));
    expect(result.stdout).toContain('<html');
    expect(outputProblems('export --format html', result)).toBe('');
  });

  it('show and show --raw of every entry print none', async () => {
    expect(ids.length).toBe(3);
    const problems: string[] = [];
    for (const id of ids) {
      for (const args of [
        ['show', id],
        ['show', id, '--raw'],
      ]) {
        const result = await alex.run(args);
        problems.push(outputProblems(args.join(' '), result, { marker: MARKER }));
      }
    }
    expect(problems.filter(Boolean).join('\n')).toBe('');
  });

  it('the escapes are shown as text, so what was written can still be read', async () => {
    const shown = await ok(alex.run(['show', '20261122T120000Z-gratitude-jordan']));
    expect(shown.stdout).toContain('thanks\\x1b[2J\\x1b]52;c;aGk=\\x07');
    expect(shown.stdout).toContain('and a second line');
    const loose = await ok(alex.run(['show', '20261122T100000Z-evil-jordan']));
    expect(loose.stdout).toContain('choice\\x1b[2J');
    expect(loose.stdout).toContain(`\\x85 ${MARKER}: owned`);
  });

  it('entries, templates and rituals whose names hold controls are left out, each named', async () => {
    const log = await ok(alex.run(['log']));
    expect(log.stderr).toContain(
      'skipped entries/2026/11/20261124T100000Z-gratitude-jordan.md: "author" holds a control character',
    );
    expect(log.stderr).toContain(
      'skipped entries/2026/11/20261123T100000Z-evil-jordan.md: "type" holds a control character',
    );
    expect(log.stderr).toContain('skipped entries/2026/11/stray\\nFORGED\\x1b[2J.md');
    const templates = await ok(alex.run(['templates', 'list']));
    expect(templates.stderr).toContain('templates/evil.yaml');
    expect(templates.stdout).not.toContain('evil');
    const decks = await ok(alex.run(['decks']));
    expect(decks.stderr).toContain('decks/evil.yaml');
    const rituals = await ok(alex.run(['rituals']));
    expect(rituals.stderr).toContain('ritual "ritual\\x1b[2J');
    // The partner name and the alias that hold controls are left out, and named (escaped).
    const partners = await ok(alex.run(['partners']));
    expect(partners.stdout).toBe('Alex (you)\nJordan\n');
    expect(partners.stderr).toMatch(
      /^warning: intimacy\.yaml names partners who are left out here: ".*\\u001b.*", ".*\\u001b.*" hold control characters \(a newline or an escape sequence\), which a name may not\. Edit intimacy\.yaml/,
    );
    const doctor = JSON.parse((await alex.run(['doctor', '--json'])).stdout) as {
      checks: Array<{ id: string; status: string; summary: string }>;
    };
    expect(doctor.checks.find((check) => check.id === 'partner-names')).toMatchObject({ status: 'warn' });
  });
});
