import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { at, cleanupTemp, git, runCli, tempDir } from '../helpers/cli.js';
import { partnerGit } from './attack.js';
import { bareRemote, entryFiles, expectHealthy, ok, type Partner, partner, syncedPair } from './partners.js';

/*
 * The journal has one shared branch. Whatever git layout a clone is left in (a detached HEAD,
 * another branch, a partner on master while the other is on main, a remote whose default
 * branch is another), every entry ends up on that branch, on both sides, and the user is told.
 */

afterAll(cleanupTemp);

/** A gratitude note written at its own minute (so no two notes share a name); returns its path. */
async function noteAt(who: Partner, text: string, minute: number): Promise<string> {
  const when = `2026-11-25T18:${String(minute).padStart(2, '0')}:00Z`;
  const result = await ok(runCli(['--journal', who.dir, 'gratitude', text], { env: at(who.env, when) }));
  const abs = /→ (.+\.md)$/m.exec(result.stdout)?.[1];
  if (!abs) throw new Error(`no saved path in: ${result.stdout}`);
  return path.relative(who.dir, abs);
}

function onBranch(dir: string): string {
  return git(dir, ['symbolic-ref', '--short', 'HEAD']).trim();
}

function remoteFiles(remote: string, branch = 'main'): string[] {
  return git(remote, ['ls-tree', '-r', '--name-only', branch]).split('\n').filter(Boolean);
}

function fsckClean(dir: string): void {
  expect(git(dir, ['fsck', '--no-progress', '--no-dangling'])).toBe('');
}

describe('one shared branch, whatever git layout a clone is in', { timeout: 120_000 }, () => {
  it('a note written on a detached HEAD at the branch lands on main at once', async () => {
    const { remote, alex, jordan } = await syncedPair();
    git(jordan.dir, ['checkout', '--quiet', '--detach']);
    const file = await noteAt(jordan, 'written detached', 1);
    expect(onBranch(jordan.dir)).toBe('main');
    expect(git(jordan.dir, ['ls-tree', '--name-only', 'main', '--', file]).trim()).toBe(file);
    await ok(jordan.run(['sync']));
    expect(remoteFiles(remote)).toContain(file);
    await ok(alex.run(['sync']));
    expect(entryFiles(alex.dir)).toContain(file);
  });

  it('a note written on an old commit survives a git checkout main and reaches the partner, named', async () => {
    const { remote, alex, jordan } = await syncedPair();
    const first = await noteAt(jordan, 'the first one', 1);
    git(jordan.dir, ['checkout', '--quiet', '--detach', 'HEAD~1']);
    const lost = await noteAt(jordan, 'written on an old commit', 2);
    // What git's own advice leads to: back to main, the commit left behind and its file gone.
    git(jordan.dir, ['checkout', '--quiet', 'main']);
    expect(existsSync(path.join(jordan.dir, lost))).toBe(false);

    const synced = await ok(jordan.run(['sync']));
    expect(synced.stderr).toMatch(/this journal was on a detached HEAD; its 1 commit is now on main/);
    expect(entryFiles(jordan.dir)).toEqual(expect.arrayContaining([first, lost]));
    expect(remoteFiles(remote)).toEqual(expect.arrayContaining([first, lost]));
    expect(git(jordan.dir, ['for-each-ref', 'refs/intimacy/'])).toBe('');
    expectHealthy(jordan.dir);
    fsckClean(jordan.dir);
    await ok(alex.run(['sync']));
    expect(entryFiles(alex.dir)).toEqual(expect.arrayContaining([first, lost]));
    expect((await ok(jordan.run(['sync']))).stdout.trim()).toBe('Already in sync.');
  });

  it('a clone on a branch of its own shares on main, and says so', async () => {
    const { remote, alex, jordan } = await syncedPair();
    git(jordan.dir, ['checkout', '--quiet', '-b', 'feature']);
    const file = await noteAt(jordan, 'on the feature branch', 1);
    // Writing put HEAD back on main (nothing had to move for it).
    expect(onBranch(jordan.dir)).toBe('main');
    // A branch behind main, checked out by hand: the next note is kept there until sync.
    git(jordan.dir, ['checkout', '--quiet', '-b', 'old', 'HEAD~1']);
    const behind = await noteAt(jordan, 'on a branch behind main', 2);
    expect(onBranch(jordan.dir)).toBe('old');
    const synced = await ok(jordan.run(['sync']));
    expect(synced.stderr).toMatch(/this journal was on the branch old; its 1 commit is now on main/);
    expect(onBranch(jordan.dir)).toBe('main');
    expect(git(remote, ['for-each-ref', '--format=%(refname)', 'refs/heads/']).trim()).toBe('refs/heads/main');
    expect(remoteFiles(remote)).toEqual(expect.arrayContaining([file, behind]));
    await ok(alex.run(['sync']));
    expect(entryFiles(alex.dir)).toEqual(expect.arrayContaining([file, behind]));
    expectHealthy(jordan.dir);
  });

  it('partners on master and main each see the other, and are told', async () => {
    const { alex, jordan } = await syncedPair();
    git(jordan.dir, ['branch', '--quiet', '-m', 'main', 'master']);
    git(jordan.dir, ['config', 'intimacy.branch', 'master']);
    partnerGit(jordan, ['push', '--quiet', 'origin', 'master']);
    const fromJordan = await noteAt(jordan, 'jordan on master', 1);
    const fromAlex = await noteAt(alex, 'alex on main', 2);
    await ok(jordan.run(['sync']));
    const alexSync = await ok(alex.run(['sync']));
    expect(alexSync.stderr).toMatch(/the remote also held journal entries on master; they are merged into main/);
    await ok(jordan.run(['sync']));
    for (const who of [alex, jordan]) {
      expect(entryFiles(who.dir)).toEqual(expect.arrayContaining([fromJordan, fromAlex]));
      expectHealthy(who.dir);
    }
  });

  it('a remote whose HEAD names master, holding the journal on main, is cloned on main', async () => {
    const root = tempDir('intimacy-sync-');
    const remote = bareRemote(root);
    git(remote, ['symbolic-ref', 'HEAD', 'refs/heads/master']);
    const alex = partner('Alex', root);
    const jordan = partner('Jordan', root);
    await ok(runCli(['init', alex.dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote], { env: alex.env }));
    await ok(alex.run(['sync']));
    await ok(runCli(['clone', remote, jordan.dir, '--me', 'Jordan'], { env: jordan.env }));
    expect(onBranch(jordan.dir)).toBe('main');
    const file = await noteAt(jordan, 'from the clone', 1);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    expect(entryFiles(alex.dir)).toContain(file);
    expect(git(remote, ['for-each-ref', '--format=%(refname)', 'refs/heads/']).trim()).toBe('refs/heads/main');
  });
});

describe('an unusable intimacy.yaml never stops the sync that fetches its fix', { timeout: 120_000 }, () => {
  const broken: Array<[string, string]> = [
    ['a syntax error', 'version: 1\npartners: [Alex, Jordan\n'],
    [
      'an alias bomb',
      `version: 1\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n`,
    ],
  ];
  for (const [what, text] of broken) {
    it(`${what} from the partner, then its fix`, async () => {
      const { alex, jordan } = await syncedPair();
      const good = readFileSync(path.join(jordan.dir, 'intimacy.yaml'), 'utf8');
      writeFileSync(path.join(jordan.dir, 'intimacy.yaml'), text);
      partnerGit(jordan, ['add', 'intimacy.yaml']);
      partnerGit(jordan, ['commit', '--quiet', '--no-verify', '-m', 'broken']);
      partnerGit(jordan, ['push', '--quiet', '--no-verify', 'origin', 'HEAD:main']);

      const first = await alex.run(['sync']);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/warning: intimacy\.yaml/);
      expect((await alex.run(['log'])).code).toBe(1); // the file is what it is until fixed

      writeFileSync(path.join(jordan.dir, 'intimacy.yaml'), good);
      partnerGit(jordan, ['commit', '--quiet', '--no-verify', '-am', 'fixed']);
      partnerGit(jordan, ['push', '--quiet', '--no-verify', 'origin', 'HEAD:main']);
      const second = await ok(alex.run(['sync']));
      expect(second.stderr).not.toMatch(/intimacy\.yaml/);
      await ok(alex.run(['log']));
      expectHealthy(alex.dir);
    });
  }

  it('a broken intimacy.yaml of your own is kept on disk but never committed or sent', async () => {
    const { remote, alex, jordan } = await syncedPair();
    const shared = git(remote, ['show', 'main:intimacy.yaml']);
    writeFileSync(path.join(alex.dir, 'intimacy.yaml'), 'version: 1\npartners: [Alex, Jordan\n');
    const file = await noteAt(jordan, 'arrives anyway', 1);
    await ok(jordan.run(['sync']));
    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toMatch(/warning: intimacy\.yaml:3/);
    expect(entryFiles(alex.dir)).toContain(file);
    expect(git(remote, ['show', 'main:intimacy.yaml'])).toBe(shared);
    expect(git(alex.dir, ['status', '--porcelain', '--', 'intimacy.yaml'])).toMatch(/^ M intimacy\.yaml/);
  });

  it('a link in place of intimacy.yaml is neither followed nor committed, and sync still runs', async () => {
    const { root, remote, alex, jordan } = await syncedPair();
    const secret = path.join(root, 'secret.txt');
    writeFileSync(secret, 'a secret of this computer\n');
    rmSync(path.join(alex.dir, 'intimacy.yaml'));
    symlinkSync(secret, path.join(alex.dir, 'intimacy.yaml'));
    const file = await noteAt(jordan, 'still arrives', 1);
    await ok(jordan.run(['sync']));
    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toMatch(/intimacy\.yaml: a symbolic link/);
    expect(entryFiles(alex.dir)).toContain(file);
    // Never committed: the remote still holds the real file, and no link.
    expect(git(remote, ['ls-tree', 'main', 'intimacy.yaml'])).toMatch(/^100644 blob/);
    expect(git(alex.dir, ['ls-tree', 'HEAD', 'intimacy.yaml'])).toMatch(/^100644 blob/);
  });

  it('intimacy.yaml deleted here: each command says so and how to bring it back, writes nothing, and sync still runs', async () => {
    const { remote, alex, jordan } = await syncedPair();
    rmSync(path.join(alex.dir, 'intimacy.yaml'));
    const head = git(alex.dir, ['rev-parse', 'HEAD']);
    const restore = `git -C ${alex.dir} checkout -- intimacy.yaml`;
    for (const args of [['log'], ['status'], ['gratitude', 'after the file went'], ['doctor']]) {
      const result = await alex.run(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`, args.join(' ')).toContain('intimacy.yaml is missing from the journal');
      expect(`${result.stdout}${result.stderr}`, args.join(' ')).toContain(restore);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/no journal|not empty|please report/i);
    }
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    const file = await noteAt(jordan, 'arrives all the same', 1);
    await ok(jordan.run(['sync']));
    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toContain(restore);
    expect(entryFiles(alex.dir)).toContain(file);
    // The deletion is this computer's own: never committed, never sent.
    expect(git(remote, ['ls-tree', 'main', 'intimacy.yaml'])).toMatch(/^100644 blob/);
    git(alex.dir, ['checkout', '--', 'intimacy.yaml']);
    expect((await ok(alex.run(['log']))).stdout).toContain('arrives all the same');
  });
});
