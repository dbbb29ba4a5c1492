import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { at, busyGit, cleanupTemp, defaultJournal, git, newUser, runCli, tempDir } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';

afterAll(cleanupTemp);

function entryFiles(journal: string): string[] {
  const root = path.join(journal, 'entries');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.md'))
    .map((p) => path.join(root, p))
    .sort();
}

function committedFiles(journal: string): string[] {
  return git(journal, ['ls-files']).split('\n').filter(Boolean).sort();
}

function uncommitted(journal: string): string {
  return git(journal, ['status', '--porcelain']);
}

describe('first run and gratitude', () => {
  it('creates the journal on first write, says so in one line, and commits the entry', async () => {
    const { home, env } = newUser();
    const result = await runCli(['gratitude', 'the coffee you made me'], { env });
    expect(result.code).toBe(0);
    const journal = defaultJournal(home);
    expect(result.stderr.trim().split('\n')).toEqual([
      `Created a new journal in ${journal} (to keep it elsewhere, run intimacy init DIR first).`,
      `Writing as ${os.userInfo().username} (your login name). Name the two of you with: intimacy partners set YOUR_NAME PARTNER_NAME`,
    ]);
    const [file] = entryFiles(journal);
    expect(file).toBeDefined();
    expect(result.stdout).toContain(path.basename(file!, '.md'));
    expect(result.stdout).toContain(file!);
    const entry = parseEntry(readFileSync(file!, 'utf8'));
    expect(entry.type).toBe('gratitude');
    expect(entry.body).toContain('the coffee you made me');
    expect(entry.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(uncommitted(journal)).toBe('');
    expect(committedFiles(journal)).toEqual(expect.arrayContaining(['.gitignore', 'intimacy.yaml']));
    expect(git(journal, ['log', '-1', '--format=%s'])).toMatch(/wrote a gratitude entry/);
  });

  it('honours XDG_DATA_HOME for the default location', async () => {
    const data = tempDir();
    const { env } = newUser({ XDG_DATA_HOME: data });
    expect((await runCli(['gratitude', 'thanks'], { env })).code).toBe(0);
    expect(entryFiles(path.join(data, 'intimacy', 'journal'))).toHaveLength(1);
  });

  it('reads the note from stdin when piped, with tags and whom it thanks', async () => {
    const { home, env } = newUser();
    const result = await runCli(['gratitude', '-t', 'home', '--tag', 'kindness', '--for', 'Jordan'], {
      env,
      input: 'fixing the sink\nwithout being asked\n',
    });
    expect(result.code).toBe(0);
    const entry = parseEntry(readFileSync(entryFiles(defaultJournal(home))[0]!, 'utf8'));
    expect(entry.tags).toEqual(['home', 'kindness']);
    expect(entry.fields.for).toBe('Jordan');
    expect(entry.body).toContain('fixing the sink\nwithout being asked\n');
  });

  it('refuses empty or blank notes with exit 2 and writes nothing', async () => {
    const { home, env } = newUser();
    for (const attempt of [
      { args: ['gratitude'], input: '' },
      { args: ['gratitude'], input: '  \n\t\n' },
      { args: ['gratitude', '   '], input: '' },
    ]) {
      const result = await runCli(attempt.args, { env, input: attempt.input });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: The gratitude note is empty; nothing was saved\./);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(defaultJournal(home))).toBe(false);
  });

  it('defaults --for to the partner named in the settings', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    expect((await runCli(['gratitude', 'dinner'], { env })).code).toBe(0);
    const entry = parseEntry(readFileSync(entryFiles(dir)[0]!, 'utf8'));
    expect(entry.author).toBe('Alex');
    expect(entry.fields.for).toBe('Jordan');
  });

  it('keeps whatever the user typed, exactly', async () => {
    const { home, env } = newUser();
    const text = 'yes: no # "quoted" \'single\'\n---\n  leading spaces 💛 שלום';
    expect((await runCli(['gratitude', '--for', 'no', '-t', 'yes'], { env, input: text })).code).toBe(0);
    const entry = parseEntry(readFileSync(entryFiles(defaultJournal(home))[0]!, 'utf8'));
    expect(entry.fields.for).toBe('no');
    expect(entry.tags).toEqual(['yes']);
    expect(entry.body).toContain(text);
  });

  it('rejects bad tags and names before writing anything', async () => {
    const { home, env } = newUser();
    expect((await runCli(['gratitude', '-t', 'two words', 'x'], { env })).code).toBe(2);
    expect((await runCli(['--me', ' ', 'gratitude', 'x'], { env })).code).toBe(2);
    expect((await runCli(['gratitude', '--bogus', 'x'], { env })).code).toBe(2);
    expect(existsSync(defaultJournal(home))).toBe(false);
  });
});

describe('the clock', () => {
  it('INTIMACY_NOW (for tests) dates a new entry, and a malformed one is a usage error that writes nothing', async () => {
    const { home, env } = newUser();
    const fixed = await runCli(['gratitude', 'the walk'], { env: at(env, '2027-02-28T23:30:00-05:00') });
    expect(fixed.code).toBe(0);
    const [file] = entryFiles(defaultJournal(home));
    expect(path.relative(defaultJournal(home), file!)).toMatch(
      /^entries\/2027\/03\/20270301T043000Z-gratitude-[a-z0-9_]+\.md$/,
    );
    // Written in the process's zone (UTC in the tests), as any entry.
    expect(parseEntry(readFileSync(file!, 'utf8')).date).toBe('2027-03-01T04:30:00+00:00');
    const bad = await runCli(['gratitude', 'the walk'], { env: at(newUser().env, 'tomorrow') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('INTIMACY_NOW is not an ISO 8601 instant: "tomorrow".');
  });
});

describe('init', () => {
  it('creates a journal with settings, .gitignore and a first commit, and makes it the default', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'our journal');
    const result = await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created a journal for Alex and Jordan');
    expect(readFileSync(path.join(dir, 'intimacy.yaml'), 'utf8')).toMatch(
      /version: 1[\s\S]*partners:\n\s+- "Alex"\n\s+- "Jordan"/,
    );
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('.intimacy/');
    expect(git(dir, ['log', '--format=%s'])).toBe('Start our journal\n');
    expect(git(dir, ['config', 'intimacy.me'])).toBe('Alex\n');
    // identity is per clone: not in the shared settings' git-tracked files beyond the partner list
    expect(committedFiles(dir)).toEqual(['.gitignore', 'intimacy.yaml']);
    const who = await runCli(['whoami'], { env });
    expect(who.stdout.trim()).toBe('Alex (from this journal)');
  });

  it('stops at a broken config file instead of starting a second journal, and init DIR points it back', async () => {
    const { env, home } = newUser();
    const dir = path.join(tempDir(), 'ours');
    await ok(runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env }));
    const config = path.join(home, '.config', 'intimacy', 'config.yaml');
    expect(readFileSync(config, 'utf8')).toContain(dir);
    for (const [broken, reason] of [
      [`journal: "${dir}\n`, 'a quote is opened and never closed'],
      ['- a list\n', 'it is not a mapping of settings'],
      ['journal: our-journal\n', 'its journal: is not the absolute path of a folder'],
    ]) {
      writeFileSync(config, broken ?? '');
      for (const args of [['gratitude', 'the tea'], ['log']]) {
        const refused = await runCli(args, { env });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(
          new RegExp(
            `^error: ${config.replace(/[.]/g, '\\.')} cannot be used \\((line \\d+: )?${reason}\\): which journal is yours is not known, so nothing was done\\. Point it at your journal with intimacy init DIR \\(or fix it by hand: journal: /path/to/your-journal\\), or give --journal DIR\\.\n$`,
          ),
        );
      }
    }
    expect(existsSync(defaultJournal(home))).toBe(false);
    // --journal needs no config; init DIR rewrites it.
    await ok(runCli(['--journal', dir, 'log'], { env }));
    const pointed = await ok(runCli(['init', dir], { env }));
    expect(pointed.stdout).toBe(`${dir} is already a journal; commands use it from now on.\n`);
    await ok(runCli(['gratitude', 'the tea'], { env }));
    expect(git(dir, ['log', '-1', '--format=%s']).trim()).toBe('Alex wrote a gratitude entry');
    expect((await ok(runCli(['init', dir], { env }))).stdout).toMatch(/already a journal; nothing changed/);
  });

  it('names a config that is no file, a link to nothing, or a journal folder that is gone, and starts no journal', async () => {
    const { env, home } = newUser();
    const dir = path.join(tempDir(), 'ours');
    await ok(runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env }));
    const config = path.join(home, '.config', 'intimacy', 'config.yaml');
    rmSync(config);
    mkdirSync(config);
    // A folder there: even init cannot write the file, and says so before making anything.
    const other = path.join(tempDir(), 'other');
    const refused = await runCli(['init', other], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: ${config} cannot be used (a folder, not a file): intimacy keeps the journal you use there, so nothing was done. Move that away (a file of that name is written in its place), or give --journal DIR.\n`,
    );
    expect(existsSync(other)).toBe(false);
    rmSync(config, { recursive: true });
    symlinkSync(config, config);
    const loop = await runCli(['log'], { env });
    expect(loop.stderr).toContain(`${config} cannot be used (a link that leads round to itself, not a file)`);
    rmSync(config);
    symlinkSync(path.join(home, 'gone.yaml'), config);
    const dangling = await runCli(['gratitude', 'the tea'], { env });
    expect(dangling.code).toBe(1);
    expect(dangling.stderr).toContain(`${config} cannot be used (a link to a file that is not there)`);
    await ok(runCli(['init', dir], { env }));
    // The journal moved away: a write there would start a second one.
    renameSync(dir, `${dir}-moved`);
    const moved = await runCli(['gratitude', 'the tea'], { env });
    expect(moved.code).toBe(1);
    expect(moved.stderr).toBe(
      `error: There is no journal at ${dir}, the one ${config} names (moved, or on a disk not mounted?); nothing was written. Point it at your journal with intimacy init DIR (which also starts a new one in a folder that has none).\n`,
    );
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(defaultJournal(home))).toBe(false);
  });

  it('on an existing journal adds the missing partner, and otherwise changes nothing', async () => {
    const { env } = newUser();
    const dir = tempDir();
    await runCli(['init', dir, '--me', 'Alex'], { env });
    const added = await runCli(['init', dir, '--partner', 'Sam'], { env });
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/already a journal; Sam is your partner in intimacy.yaml\./);
    expect(git(dir, ['log', '-1', '--format=%s']).trim()).toBe('Alex added Sam as a partner');
    const before = git(dir, ['rev-parse', 'HEAD']);
    const settings = readFileSync(path.join(dir, 'intimacy.yaml'), 'utf8');
    const again = await runCli(['init', dir], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already a journal; nothing changed/);
    const third = await runCli(['init', dir, '--partner', 'Robin'], { env });
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(
      /already a journal for Alex and Sam; nothing was changed\. To change a name: intimacy partners rename OLD Robin/,
    );
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(before);
    expect(readFileSync(path.join(dir, 'intimacy.yaml'), 'utf8')).toBe(settings);
  });

  it('refuses a non-empty folder that is not a journal', async () => {
    const { env } = newUser();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const result = await runCli(['init', dir], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not empty and is not an intimacy journal/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});

describe('choosing the journal', () => {
  it('--journal wins over INTIMACY_JOURNAL, which wins over the default', async () => {
    const flagDir = path.join(tempDir(), 'flag');
    const envDir = path.join(tempDir(), 'env');
    const { home, env } = newUser({ INTIMACY_JOURNAL: envDir });
    expect((await runCli(['--journal', flagDir, 'gratitude', 'one'], { env })).code).toBe(0);
    expect((await runCli(['gratitude', 'two'], { env })).code).toBe(0);
    expect((await runCli(['gratitude', 'three', '-j', flagDir], { env })).code).toBe(0);
    expect(entryFiles(flagDir)).toHaveLength(2);
    expect(entryFiles(envDir)).toHaveLength(1);
    expect(existsSync(defaultJournal(home))).toBe(false);
  });

  it('a journal folder too long to exist is a usage error that names where it came from', async () => {
    const root = tempDir();
    const long = path.join(root, 'b'.repeat(300), 'journal');
    const { home, env } = newUser();
    const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [['--journal', long, 'log'], env, '--journal'],
      [['-j', 'x'.repeat(5000), 'gratitude', 'the soup'], env, '--journal'],
      [['log'], { ...env, INTIMACY_JOURNAL: long }, 'INTIMACY_JOURNAL'],
      [['init', long, '--me', 'Alex', '--partner', 'Jordan'], env, 'DIR'],
      [['clone', path.join(root, 'remote.git'), long], env, 'DIR'],
    ];
    for (const [args, given, namedBy] of cases) {
      const result = await runCli(args, { env: given, cwd: root });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: ${namedBy} names a folder too long to exist \\(.{1,80}\\): .*e\\.g\\. ~/our-journal\\.\\n$`,
        ),
      );
    }
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync(defaultJournal(home))).toBe(false);
  });
});

describe('identity', () => {
  it('works with no git identity at all, naming the author after the login or --me', async () => {
    const { home, env } = newUser();
    expect(existsSync(path.join(home, '.gitconfig'))).toBe(false);
    expect((await runCli(['--me', 'Jordan', 'gratitude', 'hugs'], { env })).code).toBe(0);
    const journal = defaultJournal(home);
    expect(git(journal, ['log', '-1', '--format=%an <%ae>'])).toBe('Jordan <jordan@intimacy.invalid>\n');
    expect(parseEntry(readFileSync(entryFiles(journal)[0]!, 'utf8')).author).toBe('Jordan');
    expect(path.basename(entryFiles(journal)[0]!)).toMatch(/-gratitude-jordan\.md$/);
  });

  it('prefers INTIMACY_ME over git user.name, and --me over both', async () => {
    const { home, env } = newUser();
    writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Alex Git\n\temail = alex@example.org\n');
    expect((await runCli(['whoami'], { env })).stdout.trim()).toBe('Alex Git (from git user.name)');
    const withEnv = { ...env, INTIMACY_ME: 'Sam' };
    expect((await runCli(['whoami'], { env: withEnv })).stdout.trim()).toBe('Sam (from INTIMACY_ME)');
    expect((await runCli(['whoami', '--me', 'Robin'], { env: withEnv })).stdout.trim()).toBe('Robin (from --me)');
    expect((await runCli(['gratitude', 'x'], { env })).code).toBe(0);
    expect(git(defaultJournal(home), ['log', '-1', '--format=%an <%ae>'])).toBe('Alex Git <alex@example.org>\n');
  });
});

describe('never losing an entry', () => {
  it('keeps the entry when git cannot commit, and commits it with the next command', async () => {
    const { home, env } = newUser();
    expect((await runCli(['gratitude', 'first'], { env })).code).toBe(0);
    const journal = defaultJournal(home);
    const lock = path.join(journal, '.git', 'index.lock');
    // A git program really at work in the journal while the lock exists.
    const busy = busyGit(journal);
    try {
      writeFileSync(lock, '');
      const held = await runCli(['gratitude', 'kept while git is locked'], { env });
      expect(held.code).toBe(0);
      expect(held.stderr).toMatch(
        /saved but not committed \(git: git is busy in this journal \(pid \d+: git hash-object --stdin\) and holds \.git\/index\.lock\).*next intimacy command will commit it/,
      );
      expect(entryFiles(journal)).toHaveLength(2);
      expect(uncommitted(journal)).toMatch(/^\?\? entries\//);
    } finally {
      busy.stop();
    }
    // The git program is gone, its lock is not: the next command takes it for stale and commits both.
    expect(existsSync(lock)).toBe(true);
    const next = await runCli(['gratitude', 'third'], { env });
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/Committed 1 file/);
    expect(existsSync(lock)).toBe(false);
    expect(uncommitted(journal)).toBe('');
    expect(committedFiles(journal).filter((f) => f.startsWith('entries/'))).toHaveLength(3);
  });

  it('keeps the entry when the git config is broken', async () => {
    const { home, env } = newUser();
    expect((await runCli(['gratitude', 'first'], { env })).code).toBe(0);
    const journal = defaultJournal(home);
    const config = path.join(journal, '.git', 'config');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, good + '\n[broken\n');
    // Who "I" am is in that config: not guessed from the login name, nothing written.
    const refused = await runCli(['gratitude', 'not written'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: git's configuration could not be read \(bad config line/);
    expect(entryFiles(journal)).toHaveLength(1);
    // Said with --me, the entry is written all the same, and git's complaint waits for the commit.
    const result = await runCli(['--me', os.userInfo().username, 'gratitude', 'still here'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/saved but not committed \(git: .*config/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const files = entryFiles(journal);
    expect(files).toHaveLength(2);
    expect(files.map((f) => readFileSync(f, 'utf8')).join('')).toContain('still here');
    expect(readdirSync(path.dirname(files[0]!)).filter((n) => n.startsWith('.'))).toEqual([]);
    writeFileSync(config, good);
    expect((await runCli(['gratitude', 'after the fix'], { env })).code).toBe(0);
    expect(uncommitted(journal)).toBe('');
    expect(committedFiles(journal).filter((f) => f.startsWith('entries/'))).toHaveLength(3);
  });

  it('two processes writing at the same moment both succeed', async () => {
    const { home, env } = newUser();
    expect((await runCli(['gratitude', 'start'], { env })).code).toBe(0);
    const results = await Promise.all(
      ['Alex', 'Jordan', 'Alex', 'Jordan'].map((me, i) => runCli(['--me', me, 'gratitude', `note ${i}`], { env })),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const journal = defaultJournal(home);
    expect(entryFiles(journal)).toHaveLength(5);
    expect(uncommitted(journal)).toBe('');
    const bodies = entryFiles(journal)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (let i = 0; i < 4; i++) expect(bodies).toContain(`note ${i}`);
  });

  it('eight processes writing at once take turns: each entry its own commit, nobody told of leftovers', async () => {
    // Three rounds: the lock was once taken from a process between making it and writing its id.
    for (let round = 0; round < 3; round++) {
      const { home, env } = newUser();
      expect((await runCli(['gratitude', 'start'], { env })).code).toBe(0);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          runCli(['--me', i % 2 ? 'Jordan' : 'Alex', 'gratitude', `note ${i}`], { env }),
        ),
      );
      expect(results.map((r) => [r.code, r.stderr])).toEqual(results.map(() => [0, '']));
      const journal = defaultJournal(home);
      expect(uncommitted(journal)).toBe('');
      // Every note's commit holds its file alone, under its own author's message.
      const log = git(journal, ['log', '--format=%x01%s', '--name-only', '-n', '8']).split('\x01').slice(1);
      expect(log).toHaveLength(8);
      for (const commit of log) {
        const [message, ...files] = commit.split('\n').filter(Boolean);
        expect(files).toHaveLength(1);
        expect(message).toBe(
          `${/-jordan(?:-\d+)?\.md$/.test(files[0] ?? '') ? 'Jordan' : 'Alex'} wrote a gratitude entry`,
        );
      }
    }
  });

  it('a lock left by a killed process is taken over once, by one of the writers waiting', async () => {
    const { home, env } = newUser();
    expect((await runCli(['gratitude', 'start'], { env })).code).toBe(0);
    const journal = defaultJournal(home);
    // The id of a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(path.join(journal, '.intimacy', 'write.lock'), String(ended));
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => runCli(['gratitude', `note ${i}`], { env })));
    expect(results.map((r) => [r.code, r.stderr])).toEqual(results.map(() => [0, '']));
    expect(uncommitted(journal)).toBe('');
    expect(git(journal, ['log', '--format=%s', '-n', '7']).trim().split('\n')).toHaveLength(7);
    // Nothing of the lock is left behind.
    expect(readdirSync(path.join(journal, '.intimacy')).filter((name) => name.includes('lock'))).toEqual([]);
  });

  it('creates files 0600 and folders 0700 whatever the umask', async () => {
    const { home, env } = newUser();
    const result = await new Promise<number>((resolve) => {
      // umask 000 would otherwise give world-writable files
      import('node:child_process').then(({ spawn }) => {
        const child = spawn(
          'sh',
          [
            '-c',
            `umask 000 && exec "${process.execPath}" "$0" gratitude "private words"`,
            path.resolve('bin/intimacy.js'),
          ],
          { env, stdio: 'ignore' },
        );
        child.on('close', (code) => resolve(code ?? 1));
      });
    });
    expect(result).toBe(0);
    const journal = defaultJournal(home);
    const file = entryFiles(journal)[0]!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(journal, 'intimacy.yaml')).mode & 0o777).toBe(0o600);
    for (let dir = path.dirname(file); dir.length >= journal.length; dir = path.dirname(dir)) {
      expect(statSync(dir).mode & 0o777, dir).toBe(0o700);
    }
  });
});

describe('conventions', () => {
  it('prints help with examples for every command, and the version', async () => {
    const { env } = newUser();
    for (const args of [['--help'], ['gratitude', '--help'], ['help', 'init'], ['whoami', '--help']]) {
      const result = await runCli(args, { env });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: intimacy/);
      expect(result.stdout).toMatch(/Examples:/);
    }
    const version = await runCli(['--version'], { env });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('unknown commands and options are usage errors (exit 2) on stderr', async () => {
    const { env } = newUser();
    const result = await runCli(['gratitud', 'x'], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/unknown command 'gratitud'/);
  });

  it('prints no colour codes when not on a terminal', async () => {
    const { env } = newUser({ TERM: 'xterm-256color', FORCE_COLOR: undefined });
    const result = await runCli(['gratitude', 'x'], { env });
    expect(result.stdout + result.stderr).not.toMatch(/\u001b\[/);
  });

  it('a journal folder that cannot be created is one clear error, not a stack trace', async () => {
    const { env } = newUser();
    const blocker = path.join(tempDir(), 'file');
    writeFileSync(blocker, 'x');
    const result = await runCli(['--journal', path.join(blocker, 'journal'), 'gratitude', 'x'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    mkdirSync(path.join(tempDir(), 'unused'));
  });
});
