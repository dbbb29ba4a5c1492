import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runBinary, runCli, tempDir } from '../helpers/cli.js';
import { tracedGit } from '../helpers/fake-programs.js';

afterAll(cleanupTemp);

/**
 * What git's config said is kept in .git/intimacy/config.json, so that log and show start no
 * git at all. Whatever changes the config (git config, an edited file, another HOME, a file
 * included) must be seen by the very next command.
 */
describe("git's config as last read", () => {
  it('lets log and show run without git, and follows every change of the config', async () => {
    const traced = tracedGit();
    const { env, home } = newUser({ PATH: `${traced.bin}${path.delimiter}${process.env.PATH}` });
    const dir = path.join(tempDir(), 'journal');
    env.INTIMACY_JOURNAL = dir;
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    expect((await runCli(['gratitude', 'the first note'], { env })).code).toBe(0);
    const memo = path.join(dir, '.git', 'intimacy', 'config.json');
    const whoami = async () => (await runBinary(['whoami'], { env })).stdout;

    // Read once by git, then from the memo: the built program starts no git for log or show.
    expect((await runBinary(['log'], { env })).stdout).toMatch(/the first note/);
    expect(existsSync(memo)).toBe(true);
    expect(statSync(memo).mode & 0o077).toBe(0);
    traced.clear();
    const log = await runBinary(['log'], { env });
    expect(log.stdout).toMatch(/gratitude\s+Alex\s+the first note/);
    expect((await runBinary(['show', 'last'], { env })).stdout).toMatch(/the first note/);
    expect(traced.runs()).toEqual([]);
    expect(git(dir, ['status', '--porcelain', '--ignored=no'], env)).toBe('');

    // A change through git, and a change by hand of another file git reads, are seen at once.
    git(dir, ['config', 'intimacy.me', 'Jordan'], env);
    expect(await whoami()).toMatch(/^Jordan/);
    git(dir, ['config', 'intimacy.me', 'Alex'], env);
    expect(await whoami()).toMatch(/^Alex/);
    git(dir, ['config', '--unset', 'intimacy.me'], env);
    writeFileSync(path.join(home, '.gitconfig'), '[intimacy]\n\tme = Jordan\n');
    expect(await whoami()).toMatch(/^Jordan/);
    writeFileSync(path.join(home, '.gitconfig'), '[intimacy]\n\tme = Alex\n');
    expect(await whoami()).toMatch(/^Alex/);

    // Another global file (the variable git reads it by) is another config.
    const other = path.join(tempDir(), 'other.gitconfig');
    writeFileSync(other, '[intimacy]\n\tme = Jordan\n');
    expect((await runBinary(['whoami'], { env: { ...env, GIT_CONFIG_GLOBAL: other } })).stdout).toMatch(/^Jordan/);
    expect(await whoami()).toMatch(/^Alex/);

    // A config that includes other files is asked of git every time: a change in the file
    // included, which no memo would see, is seen.
    const included = path.join(tempDir(), 'included.gitconfig');
    writeFileSync(included, '[intimacy]\n\tme = Jordan\n');
    writeFileSync(path.join(home, '.gitconfig'), `[include]\n\tpath = ${included}\n`);
    expect(await whoami()).toMatch(/^Jordan/);
    writeFileSync(included, '[intimacy]\n\tme = Alex\n');
    traced.clear();
    expect(await whoami()).toMatch(/^Alex/);
    expect(traced.runs().some((run) => run.includes('config --list'))).toBe(true);
    writeFileSync(path.join(home, '.gitconfig'), '[intimacy]\n\tme = Alex\n');
    expect(await whoami()).toMatch(/^Alex/);

    // A memo that is damaged, or that says what git would not, counts for nothing.
    writeFileSync(memo, '{ not json');
    expect(await whoami()).toMatch(/^Alex/);
    const kept = JSON.parse(readFileSync(memo, 'utf8'));
    kept.stamp = 'another moment';
    kept.values.me = 'Mallory';
    writeFileSync(memo, JSON.stringify(kept));
    expect(await whoami()).toMatch(/^Alex/);
    // A link in its place is not read through.
    const elsewhere = path.join(tempDir(), 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify({ ...kept, values: { ...kept.values, me: 'Mallory' } }));
    rmSync(memo);
    symlinkSync(elsewhere, memo);
    expect(await whoami()).toMatch(/^Alex/);
    expect(JSON.parse(readFileSync(elsewhere, 'utf8')).values.me).toBe('Mallory');
  });

  it('is not used once git is gone from PATH: said as such, and nothing written', async () => {
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = path.join(tempDir(), 'bin');
    mkdirSync(bin);
    symlinkSync(real, path.join(bin, 'git'));
    const { env } = newUser({ PATH: bin });
    const dir = path.join(tempDir(), 'journal');
    env.INTIMACY_JOURNAL = dir;
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    await runBinary(['log'], { env }); // no entry yet, but the config is read
    expect(existsSync(path.join(dir, '.git', 'intimacy', 'config.json'))).toBe(true);
    rmSync(path.join(bin, 'git'));
    const entries = () =>
      existsSync(path.join(dir, 'entries')) ? readdirSync(path.join(dir, 'entries'), { recursive: true }).length : 0;
    const before = entries();
    for (const args of [['gratitude', 'nowhere to go'], ['log'], ['whoami']]) {
      const result = await runBinary(args, { env });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(/^error: git is not installed \(or not on PATH\)/);
    }
    expect(entries()).toBe(before);
  });
});
