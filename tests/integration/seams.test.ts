import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDraft } from '../../src/store/drafts.js';
import { busyGit, cleanupTemp, git, newUser, type RunResult, runCli } from '../helpers/cli.js';
import { seedEntries } from '../helpers/journal.js';

/** The small things a user reads every day: usage errors, log's columns, plurals, local times, commit messages. */
afterAll(cleanupTemp);

let env: NodeJS.ProcessEnv;
let home: string;
let dir: string;
const run = (args: string[], extra: Record<string, string> = {}, input?: string): Promise<RunResult> =>
  runCli(['--journal', dir, ...args], { env: { ...env, ...extra }, input });

function script(name: string, body: string): string {
  const file = path.join(home, 'bin', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\nset -e\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeAll(async () => {
  ({ env, home } = newUser());
  dir = path.join(home, 'journal');
  const init = await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
  expect(init.code).toBe(0);
});

describe('help and usage', () => {
  it('prints help on stdout for a bare intimacy, and treats help NOSUCH as the unknown command it names', async () => {
    const bare = await runCli([], { env });
    expect(bare).toMatchObject({ code: 0, stderr: '' });
    expect(bare.stdout).toMatch(/^Usage: intimacy/);
    expect(bare.stdout).toContain('gratitude');

    const nosuch = await runCli(['help', 'nosuch'], { env });
    expect(nosuch.code).toBe(2);
    expect(nosuch.stdout).toBe('');
    expect(nosuch.stderr).toMatch(/unknown command 'nosuch'/);
    const typo = await runCli(['help', 'lgo'], { env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean log\?/);

    const known = await runCli(['help', 'log'], { env });
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/Usage: intimacy log/);
  });

  it('names a mistyped command of a group as unknown, with the one it may be, as the program does its own', async () => {
    for (const [args, word, meant] of [
      [['templates', 'shwo', 'checkin'], 'shwo', 'show'],
      [['remote', 'sett', '/srv/j.git'], 'sett', 'set'],
      [['partners', 'sett', 'Alex', 'Jordan'], 'sett', 'set'],
      [['rituals', 'ad', 'hugs'], 'ad', 'add'],
      [['conflicts', 'reslove', 'x'], 'reslove', 'resolve'],
    ] as const) {
      // Once "too many arguments for 'list'" (or for the group): the group's own listing took the word.
      const result = await run([...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(`error: unknown command '${word}'\n(Did you mean ${meant}?)`);
    }
    // Each group alone still lists, and a word too many for a subcommand is still that.
    expect((await run(['templates'])).code).toBe(0);
    expect((await run(['remote'])).code).toBe(0);
    expect((await run(['templates', 'list', 'extra'])).stderr).toMatch(/too many arguments for 'list'/);
  });

  it('refuses a --type no template, command or entry has, naming the known types; a known type with no entries is not an error', async () => {
    const banana = await run(['log', '--type', 'banana']);
    expect(banana.code).toBe(2);
    expect(banana.stdout).toBe('');
    expect(banana.stderr).toMatch(/"banana" is not a type of entry in this journal/);
    expect(banana.stderr).toMatch(/Known types: .*checkin.*gratitude.*skip/);
    for (const command of ['show', 'grep', 'export']) {
      const args = command === 'show' ? ['show', 'last'] : command === 'grep' ? ['grep', 'x'] : ['export'];
      expect((await run([...args, '--type', 'banana'])).code).toBe(2);
    }
    const none = await run(['log', '--type', 'repair']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/No entries match|no entries yet/);
  });
});

describe('log', () => {
  beforeAll(() => {
    seedEntries(
      dir,
      [
        {
          type: 'checkin',
          author: 'Jordan',
          date: '2026-11-22T19:00:00+01:00',
          body: '## Appreciation 1\n\nyou fixed the bike\n\n## What went well\n\nThe long walk on Tuesday.\n',
        },
        { type: 'gratitude', author: 'Alex', date: '2026-11-23T09:00:00+01:00' },
        { type: 'gratitude', author: 'Alex', date: '2026-11-23T09:00:00+01:00' },
        { type: 'weekend_plans', author: 'Alexandrina', date: '2026-11-23T12:00:00+01:00' },
        {
          type: 'skip',
          author: 'Jordan',
          date: '2026-11-24T08:00:00+01:00',
          fields: { ritual: 'gratitude', reason: 'flu' },
          body: '## Why I skipped\n\nflu\n',
        },
      ],
      env,
    );
  });

  it('keeps every column at one width for the listing, sets answers apart with " · ", and says what a skip skipped', async () => {
    const result = await run(['log']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    // The type column starts at the same place on every line, whatever the id, type or name.
    const typeAt = (line: string) => /\s(checkin|gratitude|weekend_plans|skip)\s/.exec(line)!.index;
    expect(new Set(lines.map(typeAt)).size).toBe(1);
    const excerptAt = (line: string, text: string) => line.indexOf(text);
    const skip = lines.find((line) => line.includes(' skip '))!;
    const checkin = lines.find((line) => line.includes(' checkin '))!;
    expect(excerptAt(skip, 'skipped')).toBe(excerptAt(checkin, 'you fixed'));
    expect(checkin).toContain('you fixed the bike · The long walk on Tuesday.');
    expect(skip).toContain('skipped gratitude: flu');
    // A short id never ends on a separator, and an id that is the start of another is given whole.
    for (const line of lines) expect(line.split(/\s{2,}/)[1]).not.toMatch(/[-_]$/);
  });
});

describe('what was left uncommitted, and plain words', () => {
  it('names what a leftover commit holds, and a change made outside intimacy as such', async () => {
    // git cannot commit while another git program holds the index lock: the entry is kept on disk.
    const lock = path.join(dir, '.git', 'index.lock');
    const busy = busyGit(dir);
    writeFileSync(lock, '');
    const held = await run(['gratitude', 'the tea you made'], { INTIMACY_NOW: '2026-11-25T08:00:00Z' });
    busy.stop();
    rmSync(lock);
    expect(held.code).toBe(0);
    expect(held.stderr).toMatch(/saved but not committed/);
    const next = await run(['gratitude', 'the call at lunch'], { INTIMACY_NOW: '2026-11-25T12:00:00Z' });
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('Committed 1 file that had been left uncommitted.');
    expect(next.stderr + next.stdout).not.toMatch(/\(s\)/);
    const messages = git(dir, ['log', '-2', '--format=%s']).trim().split('\n');
    expect(messages[1]).toBe(
      "Commit Alex's gratitude entry 20261125T080000Z-gratitude-alex, left uncommitted by an earlier command",
    );

    // A template changed by hand is committed by sync, and said to be changed outside intimacy.
    const remote = path.join(home, 'remote.git');
    git(home, ['init', '-q', '--bare', remote]);
    expect((await run(['remote', 'set', remote])).code).toBe(0);
    expect((await run(['templates', 'new', 'weekend', '--from', 'reflection'])).code).toBe(0);
    writeFileSync(
      path.join(dir, 'templates', 'weekend.yaml'),
      'name: weekend\ntitle: Our weekend\ndescription: How the weekend was.\nquestions:\n  - id: best\n    type: text\n    message: The best moment\n',
    );
    const synced = await run(['sync']);
    expect(synced.code).toBe(0);
    expect(git(dir, ['log', '--format=%s']).trim().split('\n')).toContain(
      'Commit changes made outside intimacy: the weekend template',
    );
  });

  it('says what is wrong with an edited front matter in plain words, with the line of the file', async () => {
    const breakQuote = script('break-quote', `sed -i 's/^date: "\\(.*\\)"$/date: "\\1/' "$1"`);
    const broken = await run(['edit', 'last', '--mine'], { EDITOR: breakQuote });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      'your edit does not read as an entry: line 4: a quote is opened and never closed (the "date" field).',
    );
    expect(broken.stderr).not.toMatch(/column|Missing closing/);
    // Resumed and broken another way: an unclosed list.
    const breakList = script(
      'break-list',
      `sed -i -e 's/^date: .*/date: "2026-11-25T13:00:00+01:00"/' -e 's/^tags: .*/tags: [home/' "$1"`,
    );
    const list = await run(['edit', 'last', '--mine'], { EDITOR: breakList });
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/line \d+: a list or mapping opened with \[ or \{ is not closed/);
    expect(list.stderr).not.toMatch(/Flow sequence|sufficiently indented/);
  });
});

describe('drafts', () => {
  it("lists a draft's time in the user's own time zone, with its answers counted", async () => {
    await writeDraft(dir, {
      template: 'checkin',
      authors: ['Alex'],
      answers: { Alex: { appreciation_1: 'the tea', went_well: null, feelings: ['close'] } },
      started: '2026-11-25T09:55:00.000Z',
      updated: '2026-11-25T10:01:00.000Z',
    });
    const berlin = await run(['drafts'], { TZ: 'Europe/Berlin' });
    expect(berlin.code).toBe(0);
    expect(berlin.stdout).toContain('checkin  Alex  2 answers  saved 2026-11-25 11:01  → intimacy checkin');
    expect(berlin.stdout).not.toMatch(/UTC|\(s\)/);
  });
});

describe("last week's promise", () => {
  it('is looked back at once a week: a second check-in without a promise keeps the first one’s, and a quick start’s name counts', async () => {
    const user = newUser();
    const j = path.join(user.home, 'journal');
    const go = (args: string[], now: string, input?: string) =>
      runCli(['--journal', j, ...args], { env: { ...user.env, INTIMACY_NOW: now }, input });
    // Written under the login name, before the partners were named.
    expect((await runCli(['init', j], { env: user.env })).code).toBe(0);
    const monday = await go(
      ['checkin', '--answers', '-'],
      '2026-11-02T19:00:00Z',
      '{"appreciation_1":"the tea","commitment":"Plan a date"}',
    );
    expect(monday.code, monday.stderr).toBe(0);
    expect((await go(['partners', 'set', 'Alex', 'Jordan'], '2026-11-03T08:00:00Z')).code).toBe(0);
    // A second check-in that week promises nothing, and is not asked about Monday's promise.
    expect(
      (await go(['checkin', '--answers', '-'], '2026-11-06T19:00:00Z', '{"appreciation_1":"the walk"}')).code,
    ).toBe(0);
    const friday = JSON.parse((await go(['show', 'last', '--json'], '2026-11-06T20:00:00Z')).stdout);
    expect(friday[0].fields.reviewed).toBeUndefined();
    // Next week: Monday's promise is reviewed, and reads as a person would say it.
    const next = await go(
      ['checkin', '--answers', '-'],
      '2026-11-09T19:00:00Z',
      '{"appreciation_1":"the soup","review":"kept"}',
    );
    expect(next.code, next.stderr).toBe(0);
    const shown = JSON.parse((await go(['show', 'last', '--json'], '2026-11-09T20:00:00Z')).stdout);
    expect(shown[0].fields.reviewed).toEqual([{ commitment: 'Plan a date', outcome: 'kept' }]);
    const read = await go(['show', 'last'], '2026-11-09T20:00:00Z');
    expect(read.stdout).toMatch(/Plan a date — kept/);
    expect(read.stdout).not.toMatch(/\[object Object\]|reviewed|template/);
  });
});

describe('skipping a ritual', () => {
  it('says a second skip of the same week is already skipped, and status says the ritual is skipped and why', async () => {
    const user = newUser();
    const j = path.join(user.home, 'journal');
    const go = (args: string[], now = '2026-11-24T09:00:00Z') =>
      runCli(['--journal', j, ...args], { env: { ...user.env, INTIMACY_NOW: now } });
    expect((await go(['init', j, '--me', 'Alex', '--partner', 'Jordan'])).code).toBe(0);
    const first = await go(['skip', 'checkin', '--reason', 'visiting my parents']);
    expect(first.code, first.stderr).toBe(0);
    const files = () => git(j, ['ls-files', 'entries']).trim().split('\n').filter(Boolean);
    expect(files()).toHaveLength(1);
    const again = await go(['skip', 'checkin', '--reason', 'still away'], '2026-11-26T09:00:00Z');
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('Check-in is already skipped this week (visiting my parents); nothing was written.\n');
    expect(files()).toHaveLength(1);
    // The partner's skip holds a ritual kept together, too; a ritual kept by each is each one's own.
    expect((await go(['--me', 'Jordan', 'skip', 'checkin'])).stderr).toMatch(/already skipped this week/);
    expect((await go(['skip', 'gratitude', '--reason', 'flu'])).code).toBe(0);
    expect((await go(['--me', 'Jordan', 'skip', 'gratitude'])).stderr).not.toMatch(/already/);
    expect(files()).toHaveLength(3);
    // Next week is another week.
    expect((await go(['skip', 'checkin'], '2026-12-01T09:00:00Z')).stderr).not.toMatch(/already/);

    const status = await go(['status']);
    expect(status.stdout).toContain('skip  check-in — skipped this week (visiting my parents)');
    expect(status.stdout).toContain('skip  gratitude — skipped this week (flu)');
    expect(status.stdout).toContain('skip  gratitude — Jordan skipped this week');
    expect(status.stdout).not.toMatch(/due +check-in/);
    const json = JSON.parse((await go(['status', '--json'])).stdout);
    const checkin = json.rituals.find((r: { name: string }) => r.name === 'checkin');
    expect(checkin.subjects[0].skipped).toEqual({ reason: 'visiting my parents' });
  });
});

describe('a place the system refuses to write', () => {
  it('init and clone under a file name the path and say what to do, in one line, exit 1', async () => {
    const file = path.join(home, 'a-file');
    writeFileSync(file, 'not a folder\n');
    const init = await runCli(['init', path.join(file, 'journal'), '--me', 'Alex', '--partner', 'Jordan'], { env });
    expect(init.code).toBe(1);
    expect(init.stderr).toBe(
      `error: Cannot write ${path.join(file, 'journal')} (ENOTDIR: not a directory). A part of that path is a file, not a folder: choose another place, or move the file.\n`,
    );
    const clone = await runCli(['clone', path.join(home, 'no-remote.git'), path.join(file, 'sub', 'journal')], { env });
    expect(clone.code).toBe(1);
    expect(clone.stderr).toMatch(
      /^error: Cannot write \S+a-file\/sub\S* \(ENOTDIR: not a directory\)\. A part of that path is a file/,
    );
    expect(clone.stderr).not.toMatch(/please report/i);
    expect(clone.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a remote given as a folder relative to where you are', () => {
  it('is kept as the folder you meant, so sync finds it from the journal', async () => {
    const { env, home } = newUser();
    const own = path.join(home, 'ours');
    expect((await runCli(['init', own, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    mkdirSync(path.join(home, 'shared'));
    git(path.join(home, 'shared'), ['init', '-q', '--bare', 'journal.git']);
    const set = await runCli(['--journal', own, 'remote', 'set', 'shared/journal.git'], { env, cwd: home });
    expect(set.code).toBe(0);
    expect(set.stderr).toContain(`The remote is ${path.join(home, 'shared', 'journal.git')}.`);
    // git reads a relative remote from the journal's folder: once "There is no git repository at shared/journal.git".
    const sync = await runCli(['--journal', own, 'sync'], { env, cwd: own });
    expect(sync.code, sync.stderr).toBe(0);
  });
});
