import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/manifest.js';
import { BIN, cleanupTemp, newUser, ROOT, runCli, tempDir, userEnv } from '../helpers/cli.js';
import { type EntrySeed, seedEntries } from '../helpers/journal.js';

afterAll(cleanupTemp);

/*
 * The build makes one bundle per command (dist/run-NAME.js) and the launcher picks it from the
 * arguments: a command missing from its own bundle, or a bundle the launcher cannot find, would
 * show up here as a help that fails.
 */
describe('the bundles', () => {
  it('has a bundle for every command in the manifest, and each one answers its own help', () => {
    const env = userEnv(tempDir('intimacy-bundles-'));
    for (const entry of COMMANDS) {
      expect(existsSync(path.join(ROOT, 'dist', `run-${entry.name}.js`)), entry.name).toBe(true);
      const result = spawnSync(process.execPath, [BIN, 'help', entry.name], { env, encoding: 'utf8' });
      expect(result.stderr, entry.name).toBe('');
      expect(result.status, entry.name).toBe(0);
      expect(result.stdout, entry.name).toMatch(new RegExp(`^Usage: intimacy ${entry.name}\\b`));
      // A repeatable option starts with none: commander's "(default: [])" says nothing to a reader.
      expect(result.stdout, entry.name).not.toContain('(default: [])');
    }
  }, 120_000);

  it('runs the listing, --version and an unknown command without any command bundle', () => {
    const env = userEnv(tempDir('intimacy-bundles-'));
    const help = spawnSync(process.execPath, [BIN, '--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const entry of COMMANDS.filter((c) => !c.hidden)) expect(help.stdout).toContain(entry.name);
    const version = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const unknown = spawnSync(process.execPath, [BIN, 'nosuch'], { env, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'nosuch'/);
    // a word that could name a file elsewhere is no command: it never reaches an import
    const sneaky = spawnSync(process.execPath, [BIN, '../../package'], { env, encoding: 'utf8' });
    expect(sneaky.status).toBe(2);
    expect(sneaky.stderr).toMatch(/unknown command/);
  });

  it('prints the listing off a terminal as the program does, without running any bundle', async () => {
    const home = tempDir('intimacy-bundles-');
    const cache = path.join(home, 'cache');
    const env = userEnv(home, { XDG_CACHE_HOME: cache });
    const program = await runCli(['--help'], { env });
    expect(program.stdout).toMatch(/^Usage: intimacy \[options\] \[command\]\n/);
    for (const args of [[], ['--help'], ['-h'], ['help']]) {
      const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.stdout, args.join(' ')).toBe(program.stdout);
    }
    expect(existsSync(path.join(cache, 'intimacy', 'compiled'))).toBe(false);
    // Anything more is the program's: its help for the command, or its error.
    const more = spawnSync(process.execPath, [BIN, 'help', 'log'], { env, encoding: 'utf8' });
    expect(more.stdout).toMatch(/^Usage: intimacy log\b/);
    expect(readdirSync(path.join(cache, 'intimacy', 'compiled')).length).toBeGreaterThan(0);
  });

  it('runs the YAML parser only when a run parses or writes YAML', () => {
    const home = tempDir('intimacy-bundles-');
    const journal = path.join(home, 'journal');
    const cache = path.join(home, 'cache');
    const env = userEnv(home, { XDG_CACHE_HOME: cache, INTIMACY_JOURNAL: journal });
    const run = (...args: string[]) => {
      rmSync(cache, { recursive: true, force: true });
      const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.status, args.join(' ')).toBe(0);
      const compiled = path.join(cache, 'intimacy', 'compiled');
      return {
        out: result.stdout,
        ran: readdirSync(compiled)
          .map((file) => file.split('-')[0])
          .sort(),
      };
    };
    expect(run('init', journal, '--me', 'Alex', '--partner', 'Jordan').ran).toContain('yaml');
    // Its front matter is of the simple form written without the library (store/own-front-matter.ts).
    expect(run('gratitude', 'the walk by the river').ran).toEqual(['gratitude']);
    const shown = run('show', 'last');
    expect(shown).toMatchObject({ ran: ['show', 'yaml'], out: expect.stringContaining('the walk') });
    // The settings, the entry's front matter and its template as their caches hold them: no YAML to read.
    expect(run('show', 'last')).toEqual({ ran: ['show'], out: shown.out });
    expect(run('log')).toMatchObject({ ran: ['log'], out: expect.stringContaining('the walk') });
    expect(run('status', '--quiet')).toMatchObject({ ran: ['status'], out: expect.stringContaining('due') });
  });

  it("answers the completion scripts' `complete -- WORDS` with its own small start, as the complete command does", () => {
    const home = tempDir('intimacy-bundles-');
    const cache = path.join(home, 'cache');
    const env = userEnv(home, { XDG_CACHE_HOME: cache, INTIMACY_JOURNAL: path.join(home, 'none') });
    const complete = (...args: string[]) => {
      rmSync(cache, { recursive: true, force: true });
      const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(0);
      const ran = readdirSync(path.join(cache, 'intimacy', 'compiled')).map((file) =>
        file.replace(/-[0-9a-f]{16}-.*$/, ''),
      );
      return { out: result.stdout, ran };
    };
    const scripts = complete('complete', '--', 'sta');
    expect(scripts.ran).toEqual(['shell-complete']);
    expect(scripts.out).toMatch(/^status\t.*\nstats\t/);
    const command = complete('complete', 'sta');
    expect(command.ran).toEqual(['complete']);
    expect(command.out).toBe(scripts.out);
    // Options of a command, and no journal to take entry ids from: fewer suggestions, never an error.
    expect(complete('complete', '--', 'show', '').out).toMatch(/^:\d+\n$/);
    expect(complete('complete', '--', 'gratitude', '--').out).toMatch(/^--tag\t/m);
  });

  it('writes its results to a pipe or a file whole and in order; a reader that leaves, or a full disk, ends it cleanly', async () => {
    const { env } = newUser();
    const dir = path.join(env.HOME!, 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    // Enough lines that the output outgrows a pipe's buffer, and a stray that warns on stderr first.
    const seeds: EntrySeed[] = Array.from({ length: 1500 }, (_, i) => ({
      type: 'gratitude',
      author: i % 2 === 0 ? 'Alex' : 'Jordan',
      date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().replace('Z', '+00:00'),
      body: `## Note\n\nline ${i} ${'x'.repeat(60)}\n`,
    }));
    seedEntries(dir, seeds, env);
    writeFileSync(path.join(dir, 'entries', '2021', '06', 'notes.txt'), 'not an entry\n');
    const shell = (script: string) =>
      spawnSync('bash', ['-c', script], {
        env: { ...env, BIN, JOURNAL: dir, NODE: process.execPath },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    const ids = (text: string) => text.split('\n').filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    const expected = (JSON.parse((await runCli(['--journal', dir, 'log', '--json'], { env })).stdout) as unknown[])
      .length;
    // stdout and stderr in one pipe, left non-blocking by whoever started the program (as an
    // event loop's own stdout is), and read only after a while: the pipe fills and refuses.
    const both = shell(
      `perl -MFcntl -e 'fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK) or die; exec @ARGV' -- ` +
        '"$NODE" "$BIN" --journal "$JOURNAL" log 2>&1 | (sleep 0.5; cat)',
    );
    expect(both.status).toBe(0);
    const lines = ids(both.stdout);
    expect(lines.length).toBe(expected);
    expect([...lines].sort().reverse()).toEqual(lines);
    expect(both.stdout).toMatch(/skipped entries\/2021\/06\/notes\.txt/);
    const toFile = shell(
      '"$NODE" "$BIN" --journal "$JOURNAL" log > "$HOME/log.txt" 2>/dev/null && cat "$HOME/log.txt"',
    );
    expect(ids(toFile.stdout)).toEqual(lines);
    // A reader that has what it wants: no complaint, the exit a pipe's end gives.
    const head = shell(
      'set -o pipefail; "$NODE" "$BIN" --journal "$JOURNAL" log 2>"$HOME/err" | head -n 2; echo "rc=$?"; cat "$HOME/err"',
    );
    expect(head.stdout).toMatch(/rc=0\n/);
    expect(head.stdout).not.toMatch(/error|EPIPE|at /);
    expect(ids(head.stdout)).toHaveLength(2);
    // A full disk: one line that says so, and a failure.
    const full = shell(
      '"$NODE" "$BIN" --journal "$JOURNAL" log -n 5 > /dev/full 2>"$HOME/err"; echo "rc=$?"; cat "$HOME/err"',
    );
    expect(full.stdout).toMatch(/^rc=1\n/);
    expect(full.stdout.split('\n').filter((line) => line.includes('error:'))).toEqual([
      'error: cannot write the output (ENOSPC).',
    ]);
  }, 120_000);
});
