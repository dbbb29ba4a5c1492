import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanupTemp, defaultJournal, git, newUser, type RunResult, runCli, tempDir } from '../helpers/cli.js';

/** The two names a journal knows, renames that never rewrite an entry, and names that are nobody's. */
afterAll(cleanupTemp);

const login = os.userInfo().username;

function editor(home: string, name: string, body: string): string {
  const file = path.join(home, 'bin', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\nset -e\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const settingsOf = (dir: string) =>
  parse(readFileSync(path.join(dir, 'intimacy.yaml'), 'utf8')) as { partners: string[]; aliases?: object };
const commits = (dir: string) => git(dir, ['log', '--format=%s']).trim().split('\n');

describe('partners after a quick start', () => {
  it('names the two of you in one commit, and the login name the first note was written under counts as yours everywhere', async () => {
    const { env, home } = newUser();
    const dir = defaultJournal(home);
    const first = await runCli(['gratitude', 'the coffee you brought me'], { env });
    expect(first.code).toBe(0);
    expect(settingsOf(dir).partners).toEqual([login]);

    const before = commits(dir).length;
    const set = await runCli(['partners', 'set', 'Alex', 'Jordan'], { env });
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('Alex named the partners Alex and Jordan.\n');
    expect(set.stderr).toContain(`${login} is kept as an alias: entries written as ${login} count as Alex's.`);
    expect(commits(dir)).toHaveLength(before + 1);
    expect(commits(dir)[0]).toBe('Alex named the partners Alex and Jordan');
    expect(settingsOf(dir)).toMatchObject({ partners: ['Alex', 'Jordan'], aliases: { [login]: 'Alex' } });
    // The entry itself is untouched.
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(git(dir, ['log', '--format=%s', '--', 'entries'])).not.toMatch(/edit/);

    const shown = await runCli(['partners'], { env });
    expect(shown.stdout).toBe(`Alex (you)  also known as ${login}\nJordan\n`);

    // An alias spelled as a partner's own name stands for nobody, and partners says so.
    const yaml = readFileSync(path.join(dir, 'intimacy.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'intimacy.yaml'), yaml.replace('aliases:', 'aliases:\n  alex: Jordan'));
    const shadowed = await runCli(['partners'], { env });
    expect(shadowed.stdout).toBe(`Alex (you)  also known as ${login}\nJordan\n`);
    expect(shadowed.stderr).toBe(
      "warning: intimacy.yaml gives alex as an old name of Jordan, which is ignored: it is a partner's own name. Take it out of aliases: in intimacy.yaml.\n",
    );
    writeFileSync(path.join(dir, 'intimacy.yaml'), yaml);
    expect(JSON.parse((await runCli(['partners', '--json'], { env })).stdout)).toEqual({
      partners: ['Alex', 'Jordan'],
      aliases: { [login]: 'Alex' },
      me: 'Alex',
    });
    expect((await runCli(['whoami'], { env })).stdout).toBe('Alex (from this journal)\n');

    // Filters, status, stats and export all see the note as Alex's.
    const log = await runCli(['log', '--author', 'Alex', '--json'], { env });
    expect(JSON.parse(log.stdout)).toMatchObject([{ author: 'Alex', excerpt: 'the coffee you brought me' }]);
    expect(JSON.parse((await runCli(['log', '--mine', '--json'], { env })).stdout)).toHaveLength(1);
    expect(JSON.parse((await runCli(['log', '--author', login, '--json'], { env })).stdout)).toHaveLength(1);
    expect(JSON.parse((await runCli(['log', '--partner', '--json'], { env })).stdout)).toEqual([]);
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    const gratitude = status.rituals.find((r: { name: string }) => r.name === 'gratitude');
    expect(gratitude.subjects.map((s: { subject: string; count: number }) => [s.subject, s.count])).toEqual([
      ['Alex', 1],
      ['Jordan', 0],
    ]);
    const stats = await runCli(['stats', '--json'], { env });
    expect(stats.stdout).not.toContain(`"${login}"`);
    const exported = await runCli(['export', '--format', 'md'], { env });
    expect(exported.stdout).toMatch(/Gratitude — Alex/);
    expect(exported.stdout).not.toContain(`— ${login}`);
  });

  it('renames a partner keeping the old name as an alias, and refuses what would leave entries to nobody', async () => {
    const { env, home } = newUser();
    const dir = path.join(home, 'journal');
    const run = (args: string[], extra: Record<string, string> = {}): Promise<RunResult> =>
      runCli(['--journal', dir, ...args], { env: { ...env, ...extra } });
    expect((await run(['init', dir, '--me', 'Alex', '--partner', 'Jordan'])).code).toBe(0);
    expect((await run(['--me', 'Jordan', 'gratitude', 'the long letter'])).code).toBe(0);

    const dropped = await run(['partners', 'set', 'Alex', 'Robin']);
    expect(dropped.code).toBe(2);
    expect(dropped.stderr).toMatch(/Jordan wrote entries.*intimacy partners rename Jordan Robin/);
    expect(settingsOf(dir).partners).toEqual(['Alex', 'Jordan']);

    const renamed = await run(['partners', 'rename', 'jordan', 'Jo']);
    expect(renamed.code).toBe(0);
    expect(commits(dir)[0]).toBe("Alex renamed Jordan to Jo (Jordan's entries count as Jo's)");
    expect(settingsOf(dir)).toMatchObject({ partners: ['Alex', 'Jo'], aliases: { Jordan: 'Jo' } });
    expect(JSON.parse((await run(['log', '--partner', '--json'])).stdout)).toMatchObject([{ author: 'Jo' }]);
    // The old name still says who you are, in the new spelling.
    const asJordan = await run(['--me', 'Jordan', 'gratitude', 'the walk']);
    expect(asJordan.code).toBe(0);
    expect(JSON.parse((await run(['log', '--author', 'Jo', '--json'])).stdout)).toHaveLength(2);
    const again = await run(['partners', 'rename', 'Jordan', 'J']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /Jordan is an earlier name of Jo's\. To rename Jo: intimacy partners rename Jo NEW_NAME/,
    );
    expect((await run(['partners', 'rename', 'Jo', 'alex'])).code).toBe(2);
  });
});

describe('a name that is not one of the two partners', () => {
  it('is refused with exit 2 listing the partners, wherever it is given, and another case is the partner', async () => {
    const { env, home } = newUser();
    const dir = path.join(home, 'journal');
    const run = (args: string[], extra: Record<string, string> = {}, input?: string): Promise<RunResult> =>
      runCli(['--journal', dir, ...args], { env: { ...env, ...extra }, input });
    expect((await run(['init', dir, '--me', 'Alex', '--partner', 'Jordan'])).code).toBe(0);
    const head = () => git(dir, ['rev-parse', 'HEAD']);
    const before = head();
    const refusals = [
      await run(['--me', 'Sam', 'gratitude', 'test sam']),
      await run(['gratitude', 'test sam'], { INTIMACY_ME: 'Sam' }),
      await run(['whoami', '--set', 'Sam']),
      await run(['gratitude', '--for', 'Sam', 'for sam?']),
      await run(['--me', 'Sam', 'log']),
    ];
    for (const result of refusals) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/Sam.* is not one of this journal's partners \(Alex, Jordan\)/);
    }
    expect(refusals[1]!.stderr).toMatch(/Set INTIMACY_ME to Alex or Jordan, or unset it/);
    // A note's example names the partner it would thank, not its writer.
    expect(refusals[3]!.stderr).toMatch(/For example: --for Jordan\./);
    expect(head()).toBe(before);
    expect(git(dir, ['config', 'intimacy.me']).trim()).toBe('Alex');

    // "jordan" is Jordan: in the entry, in whoami, in --for and in --together's answers.
    expect((await run(['--me', 'jordan', 'whoami'])).stdout).toBe('Jordan (from --me)\n');
    expect((await run(['--me', 'jordan', 'gratitude', 'the soup'])).code).toBe(0);
    expect((await run(['gratitude', '--for', 'JORDAN', 'the bike'])).code).toBe(0);
    const together = await run(
      ['checkin', '--together', '--answers', '-'],
      {},
      JSON.stringify({ alex: { appreciation_1: 'the tea' }, jordan: { appreciation_1: 'the walk' } }),
    );
    expect(together.code, together.stderr).toBe(0);
    const entries = JSON.parse((await run(['log', '--json'])).stdout) as Array<{ author: string; type: string }>;
    expect(entries.map((e) => e.author).sort()).toEqual(['Alex', 'Alex', 'Jordan', 'Jordan']);
    const notes = JSON.parse((await run(['show', 'today', '--type', 'gratitude', '--mine', '--json'])).stdout);
    expect(notes.map((note: { fields: { for?: string } }) => note.fields.for)).toEqual(['Jordan']);
    const set = await run(['whoami', '--set', 'jordan'], { INTIMACY_ME: '' });
    expect(set.stdout).toMatch(/You are Jordan in/);
    expect(git(dir, ['config', 'intimacy.me']).trim()).toBe('Jordan');
  });

  it('is refused in an edited author:, and an entry the partner wrote needs a yes (or --partner) before it is opened', async () => {
    const { env, home } = newUser();
    const dir = path.join(home, 'journal');
    const run = (args: string[], extra: Record<string, string> = {}): Promise<RunResult> =>
      runCli(['--journal', dir, ...args], { env: { ...env, ...extra } });
    expect((await run(['init', dir, '--me', 'Alex', '--partner', 'Jordan'])).code).toBe(0);
    expect((await run(['gratitude', 'the tea'], { INTIMACY_NOW: '2026-11-25T08:00:00Z' })).code).toBe(0);
    expect((await run(['--me', 'Jordan', 'gratitude', 'the letter'])).code).toBe(0);
    const append = editor(home, 'append', 'printf "\\nand more\\n" >> "$1"');

    const theirs = await run(['edit', 'last'], { EDITOR: append });
    expect(theirs.code).toBe(2);
    expect(theirs.stderr).toMatch(
      /is Jordan's entry: those are their words\. To change it anyway, run intimacy edit \S+ --partner/,
    );
    const meant = await run(['edit', 'last', '--partner'], { EDITOR: append });
    expect(meant.code).toBe(0);
    expect(commits(dir)[0]).toMatch(/^edit: Jordan's gratitude entry/);

    const before = git(dir, ['rev-parse', 'HEAD']);
    const sam = editor(home, 'sam', `sed -i 's/^author: .*/author: "Sam"/' "$1"`);
    const spoofed = await run(['edit', 'last', '--mine'], { EDITOR: sam });
    expect(spoofed.code).toBe(2);
    expect(spoofed.stderr).toMatch(/author: Sam is not one of this journal's partners \(Alex, Jordan\)/);
    expect(spoofed.stderr).toMatch(/Kept the previous version/);
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(before);
  });
});

describe('cloning the partner’s journal', () => {
  it('never takes the cloning partner for the one whose login name the quick start wrote under', async () => {
    const alex = newUser();
    const remote = path.join(tempDir(), 'remote.git');
    git(path.dirname(remote), ['init', '-q', '--bare', remote]);
    // Alex starts with a quick start (as the login name), names the two of them, and shares it.
    expect((await runCli(['gratitude', 'the coffee'], { env: alex.env })).code).toBe(0);
    expect((await runCli(['partners', 'set', 'Alex', 'Jordan'], { env: alex.env })).code).toBe(0);
    expect((await runCli(['init', '--remote', remote], { env: alex.env })).code).toBe(0);
    expect((await runCli(['sync'], { env: alex.env })).code).toBe(0);

    // Jordan's computer has the same login name; without --me and without a terminal, clone cannot know.
    const jordan = newUser();
    const joined = await runCli(['clone', remote], { env: jordan.env });
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toMatch(/^Joined the journal of Alex and Jordan in \S+\n$/);
    expect(joined.stderr).toMatch(
      /not one of this journal's partners \(Alex, Jordan\); say which of you this clone is/,
    );
    const guessed = await runCli(['gratitude', 'the soup'], { env: jordan.env });
    expect(guessed.code).toBe(2);
    expect(guessed.stderr).toContain(
      `${login} (from login name) is not one of this journal's partners (Alex, Jordan).`,
    );
    // doctor says the same as the journal does.
    const doctor = JSON.parse((await runCli(['doctor', '--json'], { env: jordan.env })).stdout) as {
      checks: Array<{ id: string; status: string; fix?: string }>;
    };
    expect(doctor.checks.find((c) => c.id === 'identity')).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/intimacy whoami --set Alex \(or Jordan\)/),
    });
    expect((await runCli(['whoami', '--set', 'jordan'], { env: jordan.env })).code).toBe(0);
    expect((await runCli(['gratitude', 'the soup'], { env: jordan.env })).code).toBe(0);
    const log = JSON.parse((await runCli(['log', '--json'], { env: jordan.env })).stdout) as Array<{ author: string }>;
    expect(log.map((e) => e.author).sort()).toEqual(['Alex', 'Jordan']);
    // On Alex's side, the login name is still Alex's.
    expect((await runCli(['whoami'], { env: alex.env })).stdout).toBe('Alex (from this journal)\n');
  });

  it('records --me in the journal’s spelling, refuses a stranger, and adds you to a journal that names only your partner', async () => {
    const alex = newUser();
    const remote = path.join(tempDir(), 'remote.git');
    git(path.dirname(remote), ['init', '-q', '--bare', remote]);
    const aDir = path.join(alex.home, 'journal');
    expect((await runCli(['init', aDir, '--me', 'Alex', '--remote', remote], { env: alex.env })).code).toBe(0);
    expect((await runCli(['-j', aDir, 'gratitude', 'the tea'], { env: alex.env })).code).toBe(0);
    expect((await runCli(['-j', aDir, 'sync'], { env: alex.env })).code).toBe(0);

    const jordan = newUser();
    const joined = await runCli(['clone', remote, '--me', 'Jordan'], { env: jordan.env });
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toMatch(/^Joined the journal of Alex and Jordan in .*, as Jordan\n$/);
    expect(joined.stderr).toContain('Added you to the journal: its partners are now Alex and Jordan.');
    const jDir = defaultJournal(jordan.home);
    expect(commits(jDir)[0]).toBe('Jordan joined the journal');
    expect((await runCli(['sync'], { env: jordan.env })).code).toBe(0);

    const sam = newUser();
    const refused = await runCli(['clone', remote, '--me', 'Sam'], { env: sam.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /Sam is not one of this journal's partners \(Alex, Jordan\).*intimacy whoami --set Alex/,
    );
    // Cloned, but who this clone is was not recorded.
    expect(spawnSync('git', ['config', '--get', 'intimacy.me'], { cwd: defaultJournal(sam.home) }).status).toBe(1);

    const again = newUser();
    const lower = await runCli(['clone', remote, '--me', 'jordan'], { env: again.env });
    expect(lower.code).toBe(0);
    expect(lower.stdout).toMatch(/, as Jordan\n$/);
    expect(git(defaultJournal(again.home), ['config', 'intimacy.me']).trim()).toBe('Jordan');
  });
});
