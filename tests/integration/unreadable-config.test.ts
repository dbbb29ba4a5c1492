import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

/** Alex's clone of a journal of Alex and Jordan, with one gratitude; this clone records "me" as Alex. */
async function alexJournal(): Promise<{ home: string; env: NodeJS.ProcessEnv; dir: string }> {
  const { home, env } = newUser();
  const dir = path.join(home, 'journal');
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  git(dir, ['config', 'intimacy.me', 'Alex'], env);
  expect((await runCli(['--journal', dir, 'gratitude', 'the first one'], { env })).code).toBe(0);
  return { home, env, dir };
}

function entryFiles(dir: string): string[] {
  return readdirSync(path.join(dir, 'entries'), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md'));
}

describe("git's configuration cannot be read", () => {
  it('refuses to guess who you are: one line with git’s reason and what to do, exit 1, nothing written', async () => {
    const { home, env, dir } = await alexJournal();
    // A syntax error in the global config: every `git config --list` fails, every time.
    const global = path.join(home, '.gitconfig');
    writeFileSync(global, '[user]\n\tname = Alex\n[broken\n');
    const before = entryFiles(dir);
    const result = await runCli(['--journal', dir, 'gratitude', 'written as nobody'], { env });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^error: git's configuration could not be read \\(bad config line 3 in file ${global.replace(/[.]/g, '\\.')}\\), so intimacy cannot tell who you are; nothing was written\\. Fix the file git names \\(git config --list shows the same error\\), then run the command again\\.$`,
      ),
    );
    // Not the login name taken for who you are, and not a bug.
    expect(result.stderr).not.toMatch(/login name|not one of this journal's partners|please report/);
    expect(entryFiles(dir)).toEqual(before);
    // Reading commands too: who you are decides what is yours and which sealed answers open.
    const log = await runCli(['--journal', dir, 'log'], { env });
    expect(log.code).toBe(1);
    expect(log.stderr).toMatch(/^error: git's configuration could not be read \(bad config line 3/);
    // doctor: git is there, it just would not run (even git --version reads the global config).
    const doctor = await runCli(['--journal', dir, 'doctor'], { env });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/git is installed but would not run \(bad config line 3 in file .*\.gitconfig\)/);
    expect(doctor.stdout).toMatch(/Fix what git names/);
    expect(doctor.stdout).not.toMatch(/not installed/);
  });

  it("the clone's own config broken: doctor names it with what to do, not as a missing journal", async () => {
    const { env, dir } = await alexJournal();
    writeFileSync(
      path.join(dir, '.git', 'config'),
      `${readFileSync(path.join(dir, '.git', 'config'), 'utf8')}\n[broken\n`,
    );
    const doctor = await runCli(['--journal', dir, 'doctor'], { env });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(
      /git's configuration could not be read \(bad config line \d+ in file \.git\/config\)/,
    );
    expect(doctor.stdout).toMatch(/Fix the file git names/);
    expect(doctor.stdout).not.toMatch(/Create one with intimacy init/);
  });

  it('with --me saying who you are, the entry is still saved (and committed once the config is fixed)', async () => {
    const { home, env, dir } = await alexJournal();
    const global = path.join(home, '.gitconfig');
    writeFileSync(global, '[broken\n');
    const result = await runCli(['--journal', dir, '--me', 'Alex', 'gratitude', 'kept anyway'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/saved but not committed/);
    expect(entryFiles(dir)).toHaveLength(2);
    writeFileSync(global, '');
    expect((await runCli(['--journal', dir, 'gratitude', 'after the fix'], { env })).code).toBe(0);
    expect(git(dir, ['status', '--porcelain'], env)).toBe('');
    expect(git(dir, ['ls-files', 'entries'], env).trim().split('\n')).toHaveLength(3);
  });

  it('a read that fails once (a loaded machine) is tried again, and the clone’s own name is used', async () => {
    const { env, dir } = await alexJournal();
    // git itself, but its first `git config --list` fails as a git killed under load would.
    const bin = path.join(tempDir('intimacy-flaky-git-'), 'bin');
    mkdirSync(bin);
    const realGit = git(dir, ['--exec-path'], env).trim();
    const failed = path.join(bin, 'failed-once');
    writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh\ncase "$*" in\n  *"config --list"*) if [ ! -e "${failed}" ]; then : > "${failed}"; echo "fatal: out of memory" >&2; exit 128; fi ;;\nesac\nexec "${realGit}/git" "$@"\n`,
    );
    chmodSync(path.join(bin, 'git'), 0o755);
    const flaky = { ...env, PATH: `${bin}:${env.PATH}` };
    const result = await runCli(['--journal', dir, 'gratitude', 'under load'], { env: flaky });
    expect(existsSync(failed)).toBe(true);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(git(dir, ['log', '-1', '--format=%s'], env)).toMatch(/^Alex wrote a gratitude entry/);
  });

  it('no git on PATH: said as such, not as a config to fix, and nothing written', async () => {
    const { env, dir } = await alexJournal();
    const bin = path.join(tempDir('intimacy-no-git-'), 'bin');
    mkdirSync(bin);
    const before = entryFiles(dir);
    for (const args of [['gratitude', 'nowhere to go'], ['--me', 'Alex', 'gratitude', 'nowhere either'], ['log']]) {
      const result = await runCli(['--journal', dir, ...args], { env: { ...env, PATH: bin } });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        'error: git is not installed (or not on PATH), and intimacy keeps the journal with it; nothing was written. Install git 2.28 or later, then run the command again.',
      ]);
    }
    expect(entryFiles(dir)).toEqual(before);
  });
});
