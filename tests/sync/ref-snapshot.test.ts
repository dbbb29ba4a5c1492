import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigList } from '../../src/git/config.js';
import { Git } from '../../src/git/git.js';
import { revision } from '../../src/git/history.js';
import { refSnapshot, tipsUnder } from '../../src/git/ref-snapshot.js';
import { cleanupTemp, git, newUser, tempDir } from '../helpers/cli.js';

/*
 * Sync reads where HEAD is and the refs it looks at in one git process. Whatever that answer
 * says must be what git says when each question is asked alone; in every state that is not
 * the plain one (HEAD detached, unborn, on a link; a ref at a tag) it says nothing, and sync
 * asks each question alone as before.
 */

const FOLDERS = ['refs/heads/', 'refs/remotes/origin/', 'refs/intimacy/elsewhere/'];

afterAll(cleanupTemp);

function repository(): { dir: string; repo: Git; run: (...args: string[]) => string } {
  const { env } = newUser();
  const dir = tempDir();
  const run = (...args: string[]) => git(dir, args, { ...env, GIT_AUTHOR_DATE: '2026-11-25T10:00:00Z' });
  run('init', '-q', '--initial-branch=main');
  run('config', 'user.name', 'Alex');
  run('config', 'user.email', 'alex@example.com');
  return { dir, repo: new Git(dir, env), run };
}

function commit(dir: string, run: (...args: string[]) => string, name: string): string {
  writeFileSync(path.join(dir, name), `${name}\n`);
  run('add', name);
  run('commit', '-q', '-m', name);
  return run('rev-parse', 'HEAD').trim();
}

describe('refSnapshot', () => {
  it('answers as git does one question at a time in the plain case', async () => {
    const { dir, repo, run } = repository();
    const first = commit(dir, run, 'a');
    const second = commit(dir, run, 'b');
    run('update-ref', 'refs/remotes/origin/main', first);
    run('update-ref', 'refs/remotes/origin/feature/x', second);
    run('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    run('branch', 'other', first);
    const refs = await refSnapshot(repo, FOLDERS);
    expect(refs).toBeDefined();
    expect(refs!.headBranch).toBe('main');
    expect(refs!.head).toBe(await revision(repo, 'HEAD'));
    for (const name of [
      'refs/heads/main',
      'refs/heads/other',
      'refs/remotes/origin/main',
      'refs/remotes/origin/feature/x',
    ])
      expect(refs!.tips.get(name)).toBe(await revision(repo, name));
    expect([...tipsUnder(refs!, 'refs/remotes/origin/')].sort()).toEqual([
      ['HEAD', first],
      ['feature/x', second],
      ['main', first],
    ]);
  });

  it('says nothing on a detached HEAD, an unborn branch, a HEAD that reaches its branch through a link, or a ref at a tag', async () => {
    const unborn = repository();
    expect(await refSnapshot(unborn.repo, FOLDERS)).toBeUndefined();

    const { dir, repo, run } = repository();
    const first = commit(dir, run, 'a');
    run('checkout', '-q', '--detach', 'HEAD');
    expect(await refSnapshot(repo, FOLDERS)).toBeUndefined();

    run('checkout', '-q', 'main');
    run('symbolic-ref', 'refs/heads/link', 'refs/heads/main');
    run('symbolic-ref', 'HEAD', 'refs/heads/link');
    expect(await refSnapshot(repo, FOLDERS)).toBeUndefined();

    run('symbolic-ref', 'HEAD', 'refs/heads/main');
    run('update-ref', '-d', '--no-deref', 'refs/heads/link');
    expect(await refSnapshot(repo, FOLDERS)).toBeDefined();
    run('symbolic-ref', 'refs/intimacy/through', 'refs/heads/main');
    run('symbolic-ref', 'HEAD', 'refs/intimacy/through'); // symbolic-ref HEAD: no branch
    expect(await refSnapshot(repo, FOLDERS)).toBeUndefined();
    run('symbolic-ref', 'HEAD', 'refs/heads/main');
    run('update-ref', '-d', '--no-deref', 'refs/intimacy/through');
    run('tag', '-a', '-m', 'a tag', 'v1', first);
    run('update-ref', 'refs/remotes/origin/main', run('rev-parse', 'v1').trim());
    expect(await refSnapshot(repo, FOLDERS)).toBeUndefined();
  });
});

describe('parseConfigList', () => {
  it('names every branch with a branch.NAME.remote, with a value, an empty one or none', () => {
    const config = parseConfigList(
      'branch.main.remote\norigin\0branch.a.b.remote\0branch.Mixed.remote\n\0branch.x.merge\nrefs/heads/x\0',
    );
    expect(config.upstreamBranches?.sort()).toEqual(['Mixed', 'a.b', 'main']);
  });

  it('with scopes (git config --show-scope), tells whether a repository of its own was read', () => {
    const outside = parseConfigList('global\0user.name\nSomeone\0command\0core.quotepath\noff\0', { scoped: true });
    expect(outside).toMatchObject({ userName: 'Someone', read: true });
    expect(outside.local).toBeUndefined();
    const inside = parseConfigList('global\0user.name\nSomeone\0local\0intimacy.me\nAlex\0', { scoped: true });
    expect(inside).toMatchObject({ userName: 'Someone', me: 'Alex', local: true });
  });
});
