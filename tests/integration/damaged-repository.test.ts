import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli, tempDir } from '../helpers/cli.js';

/*
 * A journal whose own .git git cannot open (HEAD, objects or refs damaged, a .git file pointing
 * nowhere) or that has none, kept in a folder that is itself in git (a home folder kept in git,
 * say): no command may take the repository above for the journal's, nor who "I" am from it,
 * and none may write.
 */
afterAll(cleanupTemp);

/** Alex's journal in a folder that is a git repository of its own, with a global user.name that is nobody's. */
async function journalInsideRepository() {
  const { env } = newUser();
  const home = path.join(tempDir(), 'home');
  mkdirSync(home);
  git(home, ['init', '-q'], env);
  const dir = path.join(home, 'journal');
  env.INTIMACY_JOURNAL = dir;
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  expect((await runCli(['gratitude', 'the first note'], { env })).code).toBe(0);
  git(home, ['config', 'user.name', 'Dotfiles Person'], env);
  return { env, home, dir };
}

function entryFiles(dir: string): string[] {
  return readdirSync(path.join(dir, 'entries'), { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.md'),
  );
}

/** Whether the repository above has any commit, or anything staged. */
function touched(home: string, env: NodeJS.ProcessEnv): string {
  const commits = spawnSync('git', ['rev-list', '--all'], { cwd: home, env, encoding: 'utf8' }).stdout.trim();
  const staged = spawnSync('git', ['diff', '--cached', '--name-only'], {
    cwd: home,
    env,
    encoding: 'utf8',
  }).stdout.trim();
  return `${commits}${staged}`;
}

/** doctor exits 1 with its journal check failed, as `summary` says. */
async function expectDoctorFails(env: NodeJS.ProcessEnv, summary: RegExp): Promise<void> {
  const doctor = await runCli(['doctor', '--json'], { env });
  expect(doctor.code).toBe(1);
  expect(JSON.parse(doctor.stdout).checks).toContainEqual(
    expect.objectContaining({ id: 'journal', status: 'fail', summary: expect.stringMatching(summary) }),
  );
}

const DAMAGES: Record<string, (gitDir: string) => void> = {
  'HEAD overwritten': (gitDir) => writeFileSync(path.join(gitDir, 'HEAD'), 'garbage\n'),
  'HEAD emptied': (gitDir) => writeFileSync(path.join(gitDir, 'HEAD'), ''),
  'objects removed': (gitDir) => rmSync(path.join(gitDir, 'objects'), { recursive: true }),
  'refs removed': (gitDir) => rmSync(path.join(gitDir, 'refs'), { recursive: true }),
  // as when a separate git dir or a linked worktree's folder was moved away
  'a .git file naming a folder that is not there': (gitDir) => {
    rmSync(gitDir, { recursive: true });
    writeFileSync(gitDir, 'gitdir: /nowhere/at/all\n');
  },
};

describe('a journal whose .git git cannot open, inside another repository', () => {
  for (const [damage, apply] of Object.entries(DAMAGES))
    it(`${damage}: every command stops with one line, nothing is written, the repository above is untouched`, async () => {
      const { env, home, dir } = await journalInsideRepository();
      const before = entryFiles(dir);
      apply(path.join(dir, '.git'));
      for (const args of [
        ['gratitude', 'a second note'],
        ['--me', 'Alex', 'gratitude', 'a third note'],
        ['whoami'],
        ['status'],
        ['log'],
        ['sync'],
      ]) {
        const run = await runCli(args, { env });
        expect(run.code, args.join(' ')).toBe(1);
        expect(run.stderr, args.join(' ')).toMatch(
          /^error: The journal's git repository \(.*\.git\) is damaged: git cannot open it \(.+\)\. Put \.git back from a backup, or clone the journal again/,
        );
        expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(run.stdout, args.join(' ')).not.toMatch(/Dotfiles Person/);
      }
      expect(await runCli(['status', '--prompt'], { env })).toMatchObject({ code: 1, stdout: '' });
      expect(entryFiles(dir)).toEqual(before);
      expect(touched(home, env)).toBe('');
      await expectDoctorFails(env, /^The journal's git repository .* is damaged: git cannot open it/);
    });

  it("a core.repositoryformatversion given globally does not pass for the journal's own config", async () => {
    const { env, home, dir } = await journalInsideRepository();
    git(home, ['config', '--global', 'core.repositoryformatversion', '0'], env);
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'garbage\n');
    const before = entryFiles(dir);
    const run = await runCli(['--me', 'Alex', 'gratitude', 'a second note'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is damaged: git cannot open it/);
    expect(entryFiles(dir)).toEqual(before);
    expect(touched(home, env)).toBe('');
  });

  // Only root can give a folder to another user; CI runs as root.
  it.skipIf(process.getuid?.() !== 0)(
    "a repository of another user's is not called damaged: git's safe.directory check is named, with what to do",
    async () => {
      const { env, home, dir } = await journalInsideRepository();
      spawnSync('chown', ['-R', 'nobody', path.join(dir, '.git')]);
      for (const args of [['whoami'], ['gratitude', 'a second note']]) {
        const run = await runCli(args, { env });
        expect(run.code, args.join(' ')).toBe(1);
        expect(run.stderr, args.join(' ')).toBe(
          `error: git will not open the journal's repository at ${dir}: it belongs to another user of this computer (git's safe.directory check). If the journal is yours, give it back to your user (chown -R), or tell git it is safe: git config --global --add safe.directory ${dir}\n`,
        );
      }
      expect(touched(home, env)).toBe('');
      spawnSync('chown', ['-R', String(process.getuid?.()), path.join(dir, '.git')]);
    },
  );

  it('sound repositories are not called damaged: one behind a .git file, one without a config file of its own', async () => {
    const { env, dir } = await journalInsideRepository();
    // A .git file (as git clone --separate-git-dir leaves) is a repository like any other.
    const elsewhere = path.join(tempDir(), 'journal.git');
    renameSync(path.join(dir, '.git'), elsewhere);
    writeFileSync(path.join(dir, '.git'), `gitdir: ${elsewhere}\n`);
    const write = await runCli(['gratitude', 'through the .git file'], { env });
    expect(write.code, write.stderr).toBe(0);
    expect(git(dir, ['log', '-1', '--format=%an'], env).trim()).toBe('Alex');
    // Without its config file git still opens the repository (who I am is then asked for).
    rmSync(path.join(elsewhere, 'config'));
    expect((await runCli(['--me', 'Alex', 'log'], { env })).code).toBe(0);
    const doctor = JSON.parse((await runCli(['doctor', '--json'], { env })).stdout);
    expect(doctor.checks).toContainEqual(expect.objectContaining({ id: 'journal', status: 'ok' }));
  });

  it('with no .git at all, nothing is committed into the repository above, and doctor says the journal is not a repository', async () => {
    const { env, home, dir } = await journalInsideRepository();
    renameSync(path.join(dir, '.git'), path.join(tempDir(), 'moved-git'));
    await runCli(['--me', 'Alex', 'gratitude', 'a note with nowhere to go'], { env });
    await runCli(['sync'], { env });
    expect(touched(home, env)).toBe('');
    await expectDoctorFails(env, /is not a git repository \(it has no \.git\)/);
  });
});
