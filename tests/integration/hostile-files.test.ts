import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, type RunResult, runBinary, tempDir } from '../helpers/cli.js';
import { ok, syncedPair } from '../sync/partners.js';

/*
 * Files on disk that are not what their names say — links out of the journal, a link to a
 * named pipe, linked folders — and YAML written to cost: each is named, never followed, never
 * opened, and costs no more than a normal file. Every command runs as the built binary with a
 * time limit, so a command that blocks on a pipe fails here instead of hanging.
 */

afterAll(cleanupTemp);

const SECRET = 'SECRET-of-this-computer';
/** What the files outside hold: the query (echoed in "No entry matches") is only its start. */
const CONTENT = `${SECRET} and its words`;
const month = path.join('entries', '2026', '11');

function mkfifo(file: string): void {
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

describe('links and special files are never followed or opened', { timeout: 180_000 }, () => {
  it('a settings file that is a link is neither read, rewritten, committed nor pushed', async () => {
    const { alex, remote } = await syncedPair({}, true);
    const outside = path.join(tempDir('outside-'), 'victim.yaml');
    const victim = `${readFileSync(path.join(alex.dir, 'intimacy.yaml'), 'utf8')}secret: ${SECRET}\n`;
    writeFileSync(outside, victim);
    rmSync(path.join(alex.dir, 'intimacy.yaml'));
    symlinkSync(outside, path.join(alex.dir, 'intimacy.yaml'));
    const head = git(alex.dir, ['rev-parse', 'HEAD']);
    for (const args of [
      ['rituals', 'add', 'hugs', '--cadence', 'daily'],
      ['partners', 'rename', 'Jordan', 'Jo'],
      ['log'],
      ['status'],
      ['gratitude', 'through a link'],
    ]) {
      const result = await alex.run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(/intimacy\.yaml: a symbolic link, which intimacy does not follow/);
      expect(result.stderr).not.toMatch(/please report/i);
    }
    await alex.run(['sync']);
    expect(readFileSync(outside, 'utf8')).toBe(victim);
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(remote, ['log', '-p', '--all'])).not.toContain(SECRET);
  });

  it('entries/ moved elsewhere and linked back: every command stops, says how to put it back, and nothing is shared', async () => {
    const { alex, jordan } = await syncedPair({}, true);
    await ok(alex.run(['gratitude', 'kept in the moved folder']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const moved = path.join(tempDir('moved-'), 'entries');
    renameSync(path.join(alex.dir, 'entries'), moved);
    symlinkSync(moved, path.join(alex.dir, 'entries'));
    const head = git(alex.dir, ['rev-parse', 'HEAD']);
    for (const args of [['log'], ['status'], ['gratitude', 'through the link'], ['sync'], ['stats']]) {
      const result = await alex.run(args);
      expect(result.code, args.join(' ')).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toContain(`${path.join(alex.dir, 'entries')} is a link to ${moved}`);
      expect(lines[0]).toContain(
        `rm ${path.join(alex.dir, 'entries')} && mv ${moved} ${path.join(alex.dir, 'entries')}`,
      );
      expect(result.stderr).not.toMatch(/please report/i);
    }
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    // The partner's sync brings no deletion: every entry is still there.
    await ok(jordan.run(['sync']));
    expect((await ok(jordan.run(['log']))).stdout).toContain('kept in the moved folder');
    // Put back as the message says, the journal is whole again.
    rmSync(path.join(alex.dir, 'entries'));
    renameSync(moved, path.join(alex.dir, 'entries'));
    expect((await ok(alex.run(['log']))).stdout).toContain('kept in the moved folder');
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
  });

  it('a month folder moved elsewhere and linked back: the rest reads, status says so, sync stops and says how to put it back', async () => {
    const { alex, jordan } = await syncedPair({}, true);
    await ok(alex.run(['gratitude', 'kept in the moved month']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const moved = path.join(tempDir('moved-'), '11');
    renameSync(path.join(alex.dir, month), moved);
    symlinkSync(moved, path.join(alex.dir, month));
    const head = git(alex.dir, ['rev-parse', 'HEAD']);
    const linkedFolder = path.join(alex.dir, month);

    // Status names the link instead of promising to commit every entry in it as deleted.
    const status = await ok(alex.run(['status']));
    expect(status.stdout).toContain(`${month} is a link, which intimacy does not follow`);
    expect(status.stdout).not.toMatch(/not committed yet/);
    const json = JSON.parse((await ok(alex.run(['status', '--json']))).stdout);
    expect(json.sync.linked).toBe(month);
    // Doctor names it, where it points, and the commands that put it back.
    const doctor = (await ok(alex.run(['doctor']))).stdout;
    expect(doctor).toContain('1 item under entries/ is a link or a special file, which intimacy never follows');
    expect(doctor).toContain(`${month}: a link to ${moved}`);
    expect(doctor).toContain(`rm ${linkedFolder} && mv ${moved} ${linkedFolder}`);

    // Sync stops with one line that says how to put it back; nothing is committed or shared.
    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    const lines = sync.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${linkedFolder} is a link to ${moved}`);
    expect(lines[0]).toContain(`rm ${linkedFolder} && mv ${moved} ${linkedFolder}`);
    expect(sync.stderr).not.toMatch(/beyond a symbolic link|please report/i);
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    await ok(jordan.run(['sync']));
    expect((await ok(jordan.run(['log']))).stdout).toContain('kept in the moved month');

    // Put back as the message says, the journal is whole again and sync has nothing to share.
    rmSync(linkedFolder);
    renameSync(moved, linkedFolder);
    expect((await ok(alex.run(['log']))).stdout).toContain('kept in the moved month');
    await ok(alex.run(['sync']));
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
  });

  it('a pipe or a file where the month folder belongs: the write says what is there and to move it, nothing is written', async () => {
    const { alex } = await syncedPair({}, true);
    const head = git(alex.dir, ['rev-parse', 'HEAD']);
    const folder = path.join(alex.dir, month);
    mkdirSync(path.dirname(folder), { recursive: true });
    for (const [what, make] of [
      ['a named pipe', () => mkfifo(folder)],
      ['a file', () => writeFileSync(folder, 'not a folder\n')],
    ] as const) {
      make();
      const write = await alex.run(['gratitude', 'written past the stray']);
      expect(write.code).toBe(1);
      // The advice fits the thing: not "remove the link" for a pipe or a file.
      expect(write.stderr).toBe(
        `error: ${month} is ${what}, not a folder; nothing was written. Move ${month} out of the way (intimacy needs a folder there), then run the command again.\n`,
      );
      expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
      rmSync(folder);
    }
    // Moved out of the way, as the message says, the same write is saved.
    await ok(alex.run(['gratitude', 'written past the stray']));
    expect((await ok(alex.run(['log']))).stdout).toContain('written past the stray');
  });

  it("a partner's note of 200,000 short lines is searched, shown, exported and summed up in a moment", async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const id = '20261120T060000Z-gratitude-jordan';
    mkdirSync(path.join(jordan.dir, month), { recursive: true });
    writeFileSync(
      path.join(jordan.dir, month, `${id}.md`),
      `---\ntype: gratitude\nauthor: Jordan\ndate: 2026-11-20T06:00:00Z\ntags: []\n---\n\n${'hug\n'.repeat(200_000)}`,
    );
    git(jordan.dir, ['add', '.']);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.invalid', 'commit', '-qm', 'long']);
    git(jordan.dir, ['push', '-q', 'origin', 'HEAD'], jordan.env);
    await ok(alex.run(['sync']));
    // Each line a match: once searched for every match's neighbour (seconds per 20,000 lines).
    const grep = await ok(alex.run(['grep', 'hug']));
    expect(grep.stdout.split('\n').filter((line) => line === '    hug')).toHaveLength(200_000);
    // Once "Maximum call stack size exceeded" (the lines spread into one call), with "Please report this".
    const show = await ok(alex.run(['show', id]));
    expect(show.stdout.split('\n').filter((line) => line === '  hug')).toHaveLength(200_000);
    const exported = path.join(tempDir('export-'), 'all.md');
    await ok(alex.run(['export', '-o', exported]));
    expect(readFileSync(exported, 'utf8')).toContain('hug\nhug\n');
    await ok(alex.run(['week', '2026-11-20']));
  });

  it('links, a link to a pipe and a linked folder among the entries are named and never opened', async () => {
    const { alex } = await syncedPair({}, true);
    await ok(alex.run(['gratitude', 'a real note']));
    const outside = tempDir('outside-');
    writeFileSync(
      path.join(outside, 'secret.md'),
      `---\ntype: gratitude\nauthor: Alex\ndate: "2026-11-20T10:00:00Z"\n---\n\n${SECRET}\n`,
    );
    mkfifo(path.join(outside, 'pipe'));
    mkdirSync(path.join(outside, '11'));
    writeFileSync(
      path.join(outside, '11', '20251101T100000Z-gratitude-alex.md'),
      readFileSync(path.join(outside, 'secret.md')),
    );
    symlinkSync(path.join(outside, 'pipe'), path.join(alex.dir, month, '20261124T100000Z-gratitude-jordan.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(alex.dir, month, '20261123T100000Z-gratitude-alex.md'));
    symlinkSync(outside, path.join(alex.dir, 'entries', '2025'));
    mkdirSync(path.join(alex.dir, 'templates'), { recursive: true });
    symlinkSync(path.join(outside, 'pipe'), path.join(alex.dir, 'templates', 'piped.yaml'));

    const runs: Array<[string[], RunResult]> = [];
    for (const args of [
      ['log'],
      ['grep', SECRET],
      ['grep', '-i', 'secret'],
      ['show', '20261123T100000Z-gratitude-alex', '--raw'],
      ['show', '20261124T100000Z', '--raw'],
      ['stats'],
      ['status'],
      ['week', '2026-11-23'],
      ['export', '--format', 'md'],
      ['templates', 'list'],
      ['doctor'],
      ['sync'],
    ])
      runs.push([args, await alex.run(args)]);
    for (const [args, result] of runs) {
      const label = args.join(' ');
      // Killed by the time limit (a blocked open) would be 128.
      expect(result.code, label).toBeLessThan(128);
      expect(result.stdout + result.stderr, label).not.toContain(CONTENT);
      expect(result.stderr, label).not.toMatch(/please report/i);
    }
    const log = runs[0]![1];
    expect(log.stdout).toContain('a real note');
    expect(log.stderr).toContain(
      '20261124T100000Z-gratitude-jordan.md: a symbolic link, which intimacy never opens or follows',
    );
    expect(log.stderr).toContain('20261123T100000Z-gratitude-alex.md: a symbolic link');
    expect(log.stderr).toContain('entries/2025: a symbolic link');
    expect(runs[9]![1].stderr).toContain('templates/piped.yaml');
  });

  it('git grep, grep’s first pass, follows no link', async () => {
    const { alex } = await syncedPair({}, true);
    await ok(alex.run(['gratitude', 'a real note']));
    const outside = tempDir('outside-');
    writeFileSync(path.join(outside, 'note.md'), `${SECRET}\n`);
    symlinkSync(path.join(outside, 'note.md'), path.join(alex.dir, month, '20261123T100000Z-gratitude-alex.md'));
    const found = spawnSync('git', ['grep', '--no-index', '-l', '-F', '-e', SECRET, '--', 'entries'], {
      cwd: alex.dir,
      encoding: 'utf8',
    });
    expect(found.stdout).toBe('');
    const result = await alex.run(['grep', SECRET]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  });
});

/** Runs `args` and says how long it took, in milliseconds. */
async function timed(run: () => Promise<RunResult>): Promise<RunResult & { ms: number }> {
  const start = performance.now();
  const result = await run();
  return { ...result, ms: performance.now() - start };
}

describe('YAML and text written to cost are that file’s problem, and cost milliseconds', { timeout: 180_000 }, () => {
  const manyKeys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: v\n`).join('');
  const aliasBomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    '',
  ].join('\n');

  it('a 60,000-key entry, an alias bomb and malformed front matter shapes are each named and skipped', async () => {
    const { alex } = await syncedPair({}, true);
    await ok(alex.run(['gratitude', 'a real note']));
    const head = 'type: gratitude\nauthor: Alex\n';
    const files: Record<string, [string, RegExp]> = {
      '20261101T100000Z-gratitude-alex.md': [
        `${head}date: "2026-11-01T10:00:00Z"\n${manyKeys(60_000)}`,
        /too much YAML/,
      ],
      '20261102T100000Z-gratitude-alex.md': [`${aliasBomb}${head}date: "2026-11-02T10:00:00Z"\n`, /\* or &/],
      '20261103T100000Z-gratitude-alex.md': ['- a list\n- of things\n', /must be a YAML mapping/],
      '20261104T100000Z-gratitude-alex.md': ['42\n', /must be a YAML mapping/],
      '20261105T100000Z-gratitude-alex.md': [
        'type: gratitude\nauthor: [x]\ndate: "2026-11-05T10:00:00Z"\n',
        /"author" must be a text, not a list/,
      ],
      '20261106T100000Z-gratitude-alex.md': [`${head}date: not a date\n`, /"date" is not an ISO 8601 date/],
      '20261107T100000Z-gratitude-alex.md': [`${head}date: "2026-02-30T10:00:00Z"\n`, /"date" is not an ISO 8601 date/],
      '20261108T100000Z-gratitude-alex.md': [`${head}date: 12345\n`, /"date" must be a text, not a number/],
      '20261109T100000Z-gratitude-alex.md': [
        `${head}date: "2026-11-09T10:00:00Z"\ntags: {a: b}\n`,
        /"tags" must be a list/,
      ],
      '20261110T100000Z-gratitude-alex.md': [`${head}date: "+275760-09-13T00:00:00Z"\n`, /not an ISO 8601 date/],
    };
    for (const [name, [front]] of Object.entries(files))
      writeFileSync(path.join(alex.dir, month, name), `---\n${front}---\n\nhi\n`);
    for (const args of [['log', '-n', '5'], ['log'], ['stats'], ['grep', 'real'], ['status'], ['week', '2026-11-02']]) {
      const result = await timed(() => alex.run(args));
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stderr).not.toMatch(/please report/i);
      // A node start-up and a few git runs; the 60,000 keys once cost a minute.
      expect(result.ms, args.join(' ')).toBeLessThan(8_000);
    }
    const log = await ok(alex.run(['log']));
    expect(log.stdout).toContain('a real note');
    for (const [name, [, reason]] of Object.entries(files)) {
      const line = log.stderr.split('\n').find((l) => l.includes(name));
      expect(line, name).toMatch(reason);
    }
  });

  it('a 60,000-key or alias-bomb answers file is refused by name, nothing saved', async () => {
    const { alex } = await syncedPair({}, true);
    const dir = tempDir('answers-');
    for (const [file, text, reason] of [
      ['keys.yaml', manyKeys(60_000), /too much YAML|too many entries/],
      ['bomb.yaml', aliasBomb, /\* or &/],
    ] as const) {
      writeFileSync(path.join(dir, file), text);
      const result = await timed(() => alex.run(['new', 'reflection', '--answers', path.join(dir, file)]));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).not.toMatch(/please report/i);
      expect(result.ms).toBeLessThan(8_000);
    }
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
  });

  it('a broken intimacy.yaml from the partner stops no sync, so its fix comes in', async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const settings = readFileSync(path.join(jordan.dir, 'intimacy.yaml'), 'utf8');
    const push = (text: string) => {
      writeFileSync(path.join(jordan.dir, 'intimacy.yaml'), text);
      git(jordan.dir, ['commit', '-qam', 'settings', '--author', 'Jordan <j@example.com>']);
      git(jordan.dir, ['push', '-q', 'origin', 'HEAD:main']);
    };
    for (const broken of [
      `${settings}${aliasBomb}`,
      `${settings}${manyKeys(40_000)}`,
      `${settings}${manyKeys(5_000)}`,
      `${settings}x${'y'.repeat(5_000)}: 1\n`,
    ]) {
      push(broken);
      await alex.run(['sync']);
      const log = await alex.run(['log']);
      expect(log.code).toBe(1);
      expect(log.stderr).toMatch(/^error: intimacy\.yaml(:\d+)?: /);
      expect(log.stderr).not.toMatch(/please report/i);
      // Doctor quotes the file's line as every other message does: a word of thousands cut short.
      const doctor = await alex.run(['doctor']);
      for (const line of doctor.stdout.split('\n')) expect(line.length).toBeLessThan(400);
      // The partner fixes it; this sync, on a journal whose settings cannot be read, brings the fix.
      push(settings);
      const synced = await timed(() => alex.run(['sync']));
      expect(synced.code, synced.stderr).toBe(0);
      expect(synced.ms).toBeLessThan(15_000);
      expect((await alex.run(['log'])).code).toBe(0);
    }
  });

  it('settings of an odd shape are named when a command changes them, and left as they were', async () => {
    const { alex } = await syncedPair({}, true);
    const file = path.join(alex.dir, 'intimacy.yaml');
    const base = readFileSync(file, 'utf8');
    // `rituals: {checkin: 5}` is a mapping: a ritual can be added beside the broken one (which is named).
    for (const [odd, editable] of [
      ['rituals: [1]\n', false],
      ['rituals: {checkin: 5}\n', true],
      ['aliases: [1]\nrituals: "daily"\n', false],
    ] as const) {
      writeFileSync(file, `${base}${odd}`);
      for (const args of [
        ['rituals', 'add', 'hugs', '--cadence', 'daily'],
        ['rituals', 'set', 'checkin', 'daily'],
        ['status'],
        ['rituals'],
      ]) {
        const result = await alex.run(args);
        expect(result.stderr, `${odd} ${args.join(' ')}`).not.toMatch(/please report/i);
        if (result.code !== 0) expect(result.stderr).toMatch(/intimacy\.yaml|ritual/);
      }
      if (!editable) expect(readFileSync(file, 'utf8')).toBe(`${base}${odd}`);
      git(alex.dir, ['checkout', '-q', 'HEAD', '--', 'intimacy.yaml']);
    }
  });

  it('a template with a huge rating range, thousands of choices or an alias bomb is refused by name in milliseconds', async () => {
    const { alex } = await syncedPair({}, true);
    mkdirSync(path.join(alex.dir, 'templates'), { recursive: true });
    const question = (extra: string) => `name: NAME\ntitle: T\nquestions:\n  - id: q\n    message: How?\n${extra}`;
    const templates: Record<string, string> = {
      huge: question('    type: rating\n    min: 1\n    max: 100000000\n'),
      choices: question(
        `    type: choice\n    choices: [${Array.from({ length: 3_000 }, (_, i) => `c${i}`).join(', ')}]\n`,
      ),
      bomb: `${aliasBomb}${question('    type: text\n')}`,
    };
    for (const [name, text] of Object.entries(templates))
      writeFileSync(path.join(alex.dir, 'templates', `${name}.yaml`), text.replace('NAME', name));
    const list = await timed(() => alex.run(['templates', 'list']));
    expect(list.code).toBe(0);
    expect(list.ms).toBeLessThan(8_000);
    for (const name of Object.keys(templates)) expect(list.stderr).toContain(`templates/${name}.yaml`);
    const run = await timed(() => alex.run(['new', 'huge', '--no-input']));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/templates\/huge\.yaml/);
    expect(run.stderr).toMatch(/at most 10 steps/);
    expect(run.stderr).not.toMatch(/please report/i);
  });

  it('a week holding a one-megabyte word is drawn in seconds', async () => {
    const { alex } = await syncedPair({}, true);
    const result = await timed(() =>
      runBinary(['--journal', alex.dir, 'gratitude'], { env: alex.env, input: 'x'.repeat(1_000_000) }),
    );
    expect(result.code).toBe(0);
    const week = await timed(() => alex.run(['week', '2026-11-23']));
    expect(week.code).toBe(0);
    expect(week.ms).toBeLessThan(10_000);
  });
});
