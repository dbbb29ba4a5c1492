import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanupTemp, git, newUser, type RunResult, runCli } from '../helpers/cli.js';
import { shellQuote, startShellTerminal } from '../helpers/tmux.js';

let home: string;
let env: NodeJS.ProcessEnv;
let dir: string;
let scripts: string;

const run = (args: string[], extra: Record<string, string> = {}, input?: string): Promise<RunResult> =>
  runCli(['--journal', dir, ...args], { env: { ...env, ...extra }, input, timeoutMs: 60_000 });
const headMessage = () => git(dir, ['log', '-1', '--format=%s']).trim();
const commits = () => Number(git(dir, ['rev-list', '--count', 'HEAD']).trim());

/** A scripted $EDITOR: a small shell script that rewrites the file it is given. */
function editor(name: string, body: string): string {
  const file = path.join(scripts, name);
  writeFileSync(file, `#!/bin/sh\nset -e\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function entryPath(...target: string[]): Promise<string> {
  const result = await run(['show', ...target, '--json']);
  return path.join(dir, (JSON.parse(result.stdout) as Array<{ path: string }>)[0]!.path);
}

beforeAll(async () => {
  ({ home, env } = newUser());
  dir = path.join(home, 'journal');
  scripts = path.join(home, 'scripts');
  const setup = [
    await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env }),
    await run(['gratitude', 'the soup you made when I was ill']),
    await run(['--me', 'Jordan', 'gratitude', 'the long letter']),
    await run(
      ['gratitude', '-t', 'home'],
      {},
      Array.from({ length: 40 }, (_, i) => `line ${i + 1} of a long note`).join('\n'),
    ),
  ];
  for (const result of setup) if (result.code !== 0) throw new Error(`setting up the journal failed: ${result.stderr}`);
  mkdirSync(scripts, { recursive: true });
}, 60_000);
afterAll(cleanupTemp);

describe('edit', () => {
  it('without a terminal and with no editor named, refuses at once instead of waiting in vi, and changes nothing', async () => {
    const file = await entryPath('last', '--mine');
    const before = readFileSync(file, 'utf8');
    const commitsBefore = commits();
    const bare = { ...env };
    delete bare.EDITOR;
    delete bare.VISUAL;
    const result = await runCli(['--journal', dir, 'edit', 'last', '--mine', '--no-input'], {
      env: bare,
      timeoutMs: 20_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/vi needs a terminal/);
    expect(result.stderr).toMatch(/\$EDITOR/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(commits()).toBe(commitsBefore);
  });

  it('commits a valid change with an "edit:" message, and nothing else', async () => {
    // --mine throughout: the set-up's entries may share a second, so "last" alone could be either.
    const file = await entryPath('last', '--mine');
    const before = commits();
    const result = await run(['edit', 'last', '--mine'], {
      EDITOR: editor('good.sh', `sed -i 's/line 1 of/line one of/' "$1"`),
    });
    expect(result.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('line one of a long note');
    expect(commits()).toBe(before + 1);
    expect(headMessage()).toMatch(/^edit: Alex's gratitude entry \d{8}T\d{6}Z-gratitude-alex(-\d+)?$/);
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim()).toBe(path.relative(dir, file));
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('keeps the previous version when the edit breaks the front matter (no terminal: exit 1), then resumes and saves the fixed edit', async () => {
    const file = await entryPath('last', '--partner');
    const original = readFileSync(file, 'utf8');
    const before = commits();
    const broken = await run(['edit', 'last', '--partner'], {
      VISUAL: editor(
        'break.sh',
        `sed -i -e 's/^type: .*/type: [oops/' -e 's/the long letter/the long, long letter/' "$1"`,
      ),
      EDITOR: 'false',
    });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/does not read as an entry/);
    expect(broken.stderr).toMatch(/Kept the previous version/);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(commits()).toBe(before);
    const drafts = path.join(dir, '.intimacy', 'edits');
    expect(readdirSync(drafts)).toHaveLength(1);

    const fixed = await run(['edit', 'last', '--partner'], {
      EDITOR: editor('fix.sh', `sed -i 's/^type: .*/type: "gratitude"/' "$1"`),
    });
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/Resuming your earlier, unsaved edit/);
    expect(readFileSync(file, 'utf8')).toContain('the long, long letter');
    expect(commits()).toBe(before + 1);
    expect(headMessage()).toMatch(/^edit: Jordan's gratitude entry/);
    expect(readdirSync(drafts)).toHaveLength(0);
  });

  it('commits nothing when nothing changed or the editor fails, and refuses what is not an id', async () => {
    const before = commits();
    const [same, failed, byDate, ambiguous] = await Promise.all([
      run(['edit', 'last', '--mine'], { EDITOR: 'true' }),
      run(['edit', 'last', '--partner'], { EDITOR: 'exit 3;' }),
      run(['edit', 'yesterday'], { EDITOR: 'true' }),
      run(['edit', '2'], { EDITOR: 'true' }),
    ]);
    expect(same.code).toBe(0);
    expect(same.stderr).toMatch(/No change/);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/stopped with exit code 3; the entry was not changed/);
    expect(byDate.code).toBe(2);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/matches 3 entries/);
    // the ids one a line, then what to do on a line of its own
    expect(ambiguous.stderr).toMatch(/^error: "2" matches 3 entries:\n( {2}\S+\n){3}Give more of the id\.\n$/);
    expect(commits()).toBe(before);
  });

  it('opens a malformed entry by its id, so it can be fixed', async () => {
    const rel = 'entries/2020/01/20200101T120000Z-gratitude-alex.md';
    mkdirSync(path.join(dir, 'entries/2020/01'), { recursive: true });
    writeFileSync(
      path.join(dir, rel),
      '---\ntype: "gratitude"\nauthor: "Alex"\ndate: "2020-01-01T12:00:00Z"\ntags: [home\n---\n\nold words\n',
    );
    git(dir, ['add', '--', rel]);
    git(dir, [
      '-c',
      'user.name=T',
      '-c',
      'user.email=t@example.invalid',
      'commit',
      '-q',
      '-m',
      'a broken entry',
      '--',
      rel,
    ]);
    const result = await run(['edit', '20200101'], {
      EDITOR: editor('repair.sh', `sed -i 's/^tags: \\[home$/tags: ["home"]/' "$1"`),
    });
    expect(result.code).toBe(0);
    const shown = await run(['show', '20200101', '--json']);
    expect(JSON.parse(shown.stdout)[0]).toMatchObject({ tags: ['home'], body: 'old words\n' });
    expect(headMessage()).toMatch(/^edit: Alex's gratitude entry 20200101T120000Z-gratitude-alex$/);
  });

  it('on a terminal, offers to edit again after an invalid edit', async () => {
    const file = await entryPath('last', '--mine');
    const counter = path.join(scripts, 'count');
    // First run breaks the header, the second fixes it and changes the text.
    const twice = editor(
      'twice.sh',
      `if [ -e ${shellQuote(counter)} ]; then sed -i -e 's/^type: .*/type: "gratitude"/' -e 's/line 2 of/line two of/' "$1"; else touch ${shellQuote(counter)}; sed -i 's/^type: .*/type: [oops/' "$1"; fi`,
    );
    const before = commits();
    const term = startShellTerminal(
      `${shellQuote(process.execPath)} ${shellQuote(BIN)} --journal ${shellQuote(dir)} edit last --mine`,
      { ...env, EDITOR: twice },
      home,
    );
    try {
      await term.waitFor('What now?');
      term.keys('Enter'); // "Edit again" is the first choice
      expect(await term.exitCode()).toBe(0);
    } finally {
      term.kill();
    }
    expect(readFileSync(file, 'utf8')).toContain('line two of a long note');
    expect(commits()).toBe(before + 1);
  });
});

describe('pager', () => {
  it('pages output longer than the terminal, and never when piped', async () => {
    const paged = path.join(home, 'paged.txt');
    const piped = path.join(home, 'piped.txt');
    const cli = `${shellQuote(process.execPath)} ${shellQuote(BIN)} --journal ${shellQuote(dir)}`;
    const term = startShellTerminal(
      `PAGER=${shellQuote(`cat > ${paged}`)} ${cli} show last --mine && PAGER=${shellQuote(`cat > ${piped}`)} ${cli} show last --mine | tail -n 1`,
      env,
      home,
      { columns: 80, rows: 10 },
    );
    try {
      expect(await term.exitCode()).toBe(0);
      expect(term.screen()).toContain('line 40 of a long note');
    } finally {
      term.kill();
    }
    expect(readFileSync(paged, 'utf8')).toContain('line 40 of a long note');
    expect(existsSync(piped)).toBe(false);
  });
});

// Last: it changes the entry the tests above read.
describe('a rejected edit, at a terminal', () => {
  it('on a terminal, throws a rejected edit away when asked, and a kept one need not be resumed', async () => {
    const file = await entryPath('last', '--mine');
    const before = readFileSync(file, 'utf8');
    const commitsBefore = commits();
    const id = path.basename(file, '.md');
    const kept = path.join(dir, '.intimacy', 'edits', `${id}.md`);
    const cli = `${shellQuote(process.execPath)} ${shellQuote(BIN)} --journal ${shellQuote(dir)}`;
    const breaks = editor('breaks.sh', `sed -i 's/^type: .*/type: [oops/' "$1"`);
    // "Throw my edit away" (the third choice): the entry as it was, nothing kept, exit 0.
    const discard = startShellTerminal(`${cli} edit ${id}`, { ...env, EDITOR: breaks }, home);
    try {
      await discard.waitFor('What now?');
      discard.keys('Down', 'Down', 'Enter');
      expect(await discard.exitCode()).toBe(0);
      expect(discard.screen()).toContain('your edit is thrown away');
    } finally {
      discard.kill();
    }
    expect(existsSync(kept)).toBe(false);
    // A rejected edit kept without a terminal; at a terminal the next edit may start from the entry.
    expect((await run(['edit', id], { EDITOR: breaks })).code).toBe(1);
    expect(readFileSync(kept, 'utf8')).toContain('type: [oops');
    const fixes = editor('fixes.sh', `echo 'a line added afresh' >> "$1"`);
    const fresh = startShellTerminal(`${cli} edit ${id}`, { ...env, EDITOR: fixes }, home);
    try {
      await fresh.waitFor('earlier, unsaved edit');
      fresh.keys('Down', 'Enter'); // "Start again from the entry"
      expect(await fresh.exitCode()).toBe(0);
    } finally {
      fresh.kill();
    }
    // The entry as it was, with the new line: nothing of the rejected edit came back.
    expect(readFileSync(file, 'utf8')).toBe(`${before}a line added afresh\n`);
    expect(commits()).toBe(commitsBefore + 1);
    expect(existsSync(kept)).toBe(false);
  });
});
