import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

/** A new journal of Alex's, with Jordan named as the partner. */
/**
 * An environment whose git is a script around the git on PATH: `script(real)` is its body,
 * given the real git's path (to run it, or to do something of another program's beside it).
 */
function withGitScript(env: NodeJS.ProcessEnv, script: (real: string) => string): NodeJS.ProcessEnv {
  const real = spawnSync('sh', ['-c', 'command -v git'], { env, encoding: 'utf8' }).stdout.trim();
  const bin = tempDir();
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\n${script(real)}`, { mode: 0o755 });
  return { ...env, PATH: `${bin}:${env.PATH}` };
}

/** The entry's commit came after the user's own, and nothing is left uncommitted. */
function expectEntryAfterUsersCommit(dir: string, env: NodeJS.ProcessEnv): void {
  expect(git(dir, ['log', '--format=%s', '-3'], env).trim().split('\n')).toEqual([
    'Alex wrote a gratitude entry',
    "the user's own commit",
    'Start our journal',
  ]);
  expect(git(dir, ['show', '--name-only', '--format=', 'HEAD'], env).trim()).toMatch(
    /^entries\/.*-gratitude-alex\.md$/,
  );
  expect(git(dir, ['status', '--porcelain'], env)).toBe('');
}

async function journal(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const { env } = newUser();
  const dir = path.join(tempDir(), 'journal');
  env.INTIMACY_JOURNAL = dir;
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  return { dir, env };
}

/** A new entry's commit holds that entry only: what the user staged by hand stays staged, theirs to commit. */
describe('the commit of a new entry', () => {
  it('holds the entry alone, whether or not something else is staged', async () => {
    const { dir, env } = await journal();
    const lastCommit = () => git(dir, ['show', '--name-only', '--format=%s', 'HEAD'], env).trim().split('\n');

    expect((await runCli(['gratitude', 'nothing else staged'], { env })).code).toBe(0);
    const [subject, ...files] = lastCommit();
    expect(subject).toMatch(/gratitude/);
    expect(files.filter(Boolean)).toHaveLength(1);
    expect(files.filter(Boolean)[0]).toMatch(/^entries\/.*-gratitude-alex\.md$/);

    // A note of the user's own, staged by hand, and a change to the settings, staged too.
    writeFileSync(path.join(dir, 'notes.txt'), 'ours, not yet\n');
    writeFileSync(
      path.join(dir, 'intimacy.yaml'),
      `${git(dir, ['show', 'HEAD:intimacy.yaml'], env)}weekStart: monday\n`,
    );
    git(dir, ['add', 'notes.txt', 'intimacy.yaml'], env);
    expect((await runCli(['gratitude', 'something else staged'], { env })).code).toBe(0);
    const [, ...second] = lastCommit();
    expect(second.filter(Boolean)).toHaveLength(1);
    expect(second.filter(Boolean)[0]).toMatch(/^entries\/.*-gratitude-alex(-2)?\.md$/);
    expect(git(dir, ['diff', '--cached', '--name-only'], env).trim().split('\n').sort()).toEqual([
      'intimacy.yaml',
      'notes.txt',
    ]);
  });
});

/** The last entry's commit vouches for the index it left (git/commit-memo.ts) only while HEAD is that commit. */
describe('the commit of an entry after the user moved the branch by hand', () => {
  it('holds that entry alone: what git reset --soft left staged stays staged', async () => {
    const { dir, env } = await journal();
    for (const note of ['one', 'two']) expect((await runCli(['gratitude', note], { env })).code).toBe(0);
    const second = git(dir, ['show', '--name-only', '--format=', 'HEAD'], env).trim();
    git(dir, ['reset', '--quiet', '--soft', 'HEAD~1'], env);
    expect((await runCli(['gratitude', 'three'], { env })).code).toBe(0);
    const third = git(dir, ['show', '--name-only', '--format=', 'HEAD'], env).trim();
    expect(third).toMatch(/^entries\/.*-gratitude-alex(-\d)?\.md$/);
    expect(third).not.toBe(second);
    expect(git(dir, ['diff', '--cached', '--name-only'], env).trim()).toBe(second);
    expect(git(dir, ['log', '--format=%s', '-3'], env).trim().split('\n')).toHaveLength(3);
  });

  it('holds that entry alone after the branch was set back to an earlier commit with plumbing alone', async () => {
    const { dir, env } = await journal();
    expect((await runCli(['gratitude', 'one'], { env })).code).toBe(0);
    const first = git(dir, ['rev-parse', 'HEAD'], env).trim();
    expect((await runCli(['gratitude', 'two'], { env })).code).toBe(0);
    const second = git(dir, ['show', '--name-only', '--format=', 'HEAD'], env).trim();
    // The branch moved with plumbing alone: the index (and its checksum) is untouched.
    git(dir, ['update-ref', 'HEAD', first], env);
    expect((await runCli(['gratitude', 'three'], { env })).code).toBe(0);
    expect(git(dir, ['rev-parse', 'HEAD~1'], env).trim()).toBe(first);
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD'], env).trim()).not.toBe(second);
    expect(git(dir, ['diff', '--cached', '--name-only'], env).trim()).toBe(second);
  });
});

/**
 * An entry's commit is made without git commit's look at every file (git/index-commit.ts)
 * only where git commit would do nothing more: the commit is the same, and whatever the user
 * asked of git commit (signing, hooks, its upkeep of the repository) still happens.
 */
describe('what git commit would do for an entry', () => {
  it('is done: the same commit, on the last one, with its reflog line, and nothing left staged', async () => {
    const { dir, env } = await journal();
    const before = git(dir, ['rev-parse', 'HEAD'], env).trim();
    expect((await runCli(['gratitude', 'for the plain commit'], { env })).code).toBe(0);
    const [parents, author, committer, subject] = git(dir, ['log', '-1', '--format=%P%n%an <%ae>%n%cn <%ce>%n%s'], env)
      .trim()
      .split('\n');
    expect(parents).toBe(before);
    expect(author).toBe(committer);
    expect(author).toMatch(/^Alex </);
    expect(subject).toBe('Alex wrote a gratitude entry');
    expect(git(dir, ['reflog', '-1', '--format=%gs'], env).trim()).toBe(`commit: ${subject}`);
    expect(git(dir, ['status', '--porcelain'], env)).toBe('');
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD'], env).trim()).toMatch(/-gratitude-alex\.md$/);
  });

  it('signs the commit when the user asked git to sign every commit, however it is written', async () => {
    // A stand-in for gpg that says it signed, as gpg says it (git reads its status lines).
    const gpg = path.join(tempDir(), 'gpg');
    writeFileSync(
      gpg,
      '#!/bin/sh\ncat >/dev/null\nprintf "\\n[GNUPG:] SIG_CREATED D 1 8 00 1700000000 STANDIN\\n" >&2\nprintf -- "-----BEGIN PGP SIGNATURE-----\\nc3RhbmQtaW4=\\n-----END PGP SIGNATURE-----\\n"\n',
      { mode: 0o755 },
    );
    // `git config`'s way; a key without a value, which git reads as true; off for all, on here.
    for (const asked of [
      (dir: string, env: NodeJS.ProcessEnv) => git(dir, ['config', 'commit.gpgSign', 'true'], env),
      (dir: string) => appendFileSync(path.join(dir, '.git', 'config'), '[commit]\n\tgpgsign\n'),
      (dir: string, env: NodeJS.ProcessEnv) => {
        git(dir, ['config', '--global', 'commit.gpgSign', 'false'], env);
        git(dir, ['config', 'commit.gpgSign', 'yes'], env);
      },
    ]) {
      const { dir, env } = await journal();
      git(dir, ['config', 'gpg.program', gpg], env);
      asked(dir, env);
      expect((await runCli(['gratitude', 'signed, as every commit here'], { env })).code).toBe(0);
      expect(git(dir, ['cat-file', 'commit', 'HEAD'], env)).toMatch(/^gpgsig -----BEGIN PGP SIGNATURE-----/m);
    }
  });

  it("keeps the quick commit under settings that change nothing of it: signing off, the editor's own", async () => {
    const { dir, env } = await journal();
    git(dir, ['config', '--global', 'commit.gpgSign', 'false'], env);
    git(dir, ['config', '--global', 'commit.verbose', 'true'], env);
    git(dir, ['config', 'commit.template', path.join(dir, 'no-such-template')], env);
    const trace = path.join(tempDir(), 'trace');
    expect((await runCli(['gratitude', 'quick, and unsigned'], { env: { ...env, GIT_TRACE: trace } })).code).toBe(0);
    const started = readFileSync(trace, 'utf8');
    expect(started).toMatch(/built-in: git commit-tree /);
    expect(started).not.toMatch(/built-in: git commit /);
    expect(git(dir, ['cat-file', 'commit', 'HEAD'], env)).not.toMatch(/^gpgsig/m);
    expect(git(dir, ['log', '-1', '--format=%s'], env).trim()).toBe('Alex wrote a gratitude entry');
    expect(git(dir, ['status', '--porcelain'], env)).toBe('');
  });

  it('never loses a commit made by another git between its commit and HEAD moving', async () => {
    const { dir, env } = await journal();
    // git as found on PATH, but its commit-tree lets a commit made elsewhere (another worktree,
    // a script) land just after it, on the same branch.
    const wrapped = withGitScript(
      env,
      (real) =>
        `case " $* " in\n  *" commit-tree "*)\n    made=$("${real}" "$@") || exit $?\n    theirs=$("${real}" commit-tree "HEAD^{tree}" -p HEAD -m "the user's own commit") || exit 1\n    "${real}" update-ref HEAD "$theirs" || exit 1\n    echo "$made";;\n  *) exec "${real}" "$@";;\nesac\n`,
    );
    const result = await runCli(['gratitude', 'written while the user commits'], { env: wrapped });
    expect(result.code, result.stderr).toBe(0);
    expectEntryAfterUsersCommit(dir, env);
  });

  it('never undoes a commit made by another git between the tree written and the commit made', async () => {
    const { dir, env } = await journal();
    writeFileSync(path.join(dir, 'other.txt'), "the user's own file\n");
    // git as found on PATH, but just after write-tree the user commits a file of their own.
    const wrapped = withGitScript(
      env,
      (real) =>
        `"${real}" "$@"; code=$?\ncase " $* " in\n  *" write-tree "*)\n    "${real}" add -f other.txt && "${real}" -c user.name=Alex -c user.email=alex@example.com commit -q -m "the user's own commit" -- other.txt;;\nesac\nexit $code\n`,
    );
    const result = await runCli(['gratitude', 'written while the user commits'], { env: wrapped });
    expect(result.code, result.stderr).toBe(0);
    expectEntryAfterUsersCommit(dir, env);
    expect(git(dir, ['show', 'HEAD:other.txt'], env)).toBe("the user's own file\n");
  });

  it('leaves out of the next entry a file another git staged while an entry was committed', async () => {
    const { dir, env } = await journal();
    for (const note of ['one', 'two']) expect((await runCli(['gratitude', note], { env })).code).toBe(0);
    writeFileSync(path.join(dir, 'other.txt'), 'staged by another program\n');
    const wrapped = withGitScript(
      env,
      (real) =>
        `"${real}" "$@"; code=$?\ncase " $* " in\n  *" write-tree "*) "${real}" add -f other.txt;;\nesac\nexit $code\n`,
    );
    const during = await runCli(['gratitude', 'three'], { env: wrapped });
    expect(during.code, during.stderr).toBe(0);
    expect((await runCli(['gratitude', 'four'], { env })).code).toBe(0);
    for (const commit of ['HEAD', 'HEAD~1'])
      expect(git(dir, ['show', '--name-only', '--format=', commit], env).trim()).toMatch(
        /^entries\/.*-gratitude-alex(-\d)?\.md$/,
      );
    expect(git(dir, ['diff', '--cached', '--name-only'], env).trim()).toBe('other.txt');
  });

  it('runs the post-commit hook git commit runs', async () => {
    const { dir, env } = await journal();
    const mark = path.join(tempDir(), 'committed');
    writeFileSync(path.join(dir, '.git', 'hooks', 'post-commit'), `#!/bin/sh\ngit log -1 --format=%s > "${mark}"\n`, {
      mode: 0o755,
    });
    expect((await runCli(['gratitude', 'the hook sees this'], { env })).code).toBe(0);
    expect(readFileSync(mark, 'utf8').trim()).toBe('Alex wrote a gratitude entry');
  });

  it("starts git's upkeep once loose objects pile up, as git commit does", async () => {
    const { dir, env } = await journal();
    git(dir, ['config', 'gc.autoDetach', 'false'], env); // upkeep in the foreground, to be seen at once
    // More loose objects in objects/17 than git's gc.auto allows there (6,700 / 256).
    const files: string[] = [];
    for (let i = 0; files.length < 28; i++) {
      const text = `loose ${i}\n`;
      const id = createHash('sha1')
        .update(`blob ${Buffer.byteLength(text)}\0${text}`)
        .digest('hex');
      if (!id.startsWith('17')) continue;
      const file = path.join(tempDir(), `loose-${i}`);
      writeFileSync(file, text);
      files.push(file);
    }
    git(dir, ['hash-object', '-w', ...files], env);
    const packs = () => readdirSync(path.join(dir, '.git', 'objects', 'pack')).filter((name) => name.endsWith('.pack'));
    expect(packs()).toEqual([]);
    expect((await runCli(['gratitude', 'after a long while'], { env })).code).toBe(0);
    expect(packs().length).toBeGreaterThan(0);
    expect(git(dir, ['status', '--porcelain'], env)).toBe('');
  });
});

describe("git's record of the files", () => {
  it('is put right by the next entry in a journal copied elsewhere, as git commit did', async () => {
    const { dir, env } = await journal();
    for (const note of ['one', 'two', 'three']) expect((await runCli(['gratitude', note], { env })).code).toBe(0);
    // A copy keeps the files' times but not what else git records of them (inode, change time).
    const copy = path.join(tempDir(), 'copied');
    cpSync(dir, copy, { recursive: true, preserveTimestamps: true });
    const stale = () => spawnSync('git', ['diff-files', '--quiet'], { cwd: copy, env }).status;
    expect(stale()).toBe(1);
    expect((await runCli(['gratitude', 'in the copy'], { env: { ...env, INTIMACY_JOURNAL: copy } })).code).toBe(0);
    expect(stale()).toBe(0);
    expect(git(copy, ['status', '--porcelain'], env)).toBe('');
  });
});
