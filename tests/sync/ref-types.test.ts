import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runCli } from '../helpers/cli.js';
import { entryFiles, expectHealthy, note, ok, partner, syncedPair } from './partners.js';

/*
 * Refs sync reads that point at something other than a commit: a ref under
 * refs/intimacy/elsewhere/ made by hand (or fetched with every ref, `git fetch origin
 * 'refs/*:refs/*'`), and a remote branch a damaged or hostile host made a tree of (git itself
 * never does; the host writes the ref's file). Neither may stop sync with git's own words, or
 * be taken for the partner pushing meanwhile.
 */

afterAll(cleanupTemp);

/** Points `ref` at `id` the way a hand or a host would: the ref's file written directly, as git itself would refuse to. */
function writeRef(repo: string, ref: string, id: string): void {
  const gitDir = git(repo, ['rev-parse', '--absolute-git-dir']).trim();
  git(repo, ['update-ref', '-d', ref]);
  writeFileSync(path.join(gitDir, ref), `${id}\n`);
}

describe('a ref sync reads that is no commit', { timeout: 120_000 }, () => {
  it('refs/intimacy/elsewhere/ at a tree or a blob: left alone and named with how to delete it, and sync goes on', async () => {
    const { alex, jordan } = await syncedPair();
    const mine = await note(alex, 'shared in spite of the odd refs');
    const tree = git(alex.dir, ['write-tree']).trim();
    const blob = git(alex.dir, ['hash-object', '-w', 'intimacy.yaml']).trim();
    git(alex.dir, ['update-ref', `refs/intimacy/elsewhere/${tree}`, tree]);
    git(alex.dir, ['update-ref', 'refs/intimacy/elsewhere/by-hand', blob]);
    const result = await alex.run(['sync']);
    expect(result.stderr).not.toMatch(/commit-tree|please report/);
    expect(result.code).toBe(0);
    const warnings = result.stderr.trim().split('\n');
    expect(warnings).toEqual(
      expect.arrayContaining([
        `warning: left refs/intimacy/elsewhere/${tree} alone: it points at a tree, not a commit, so it holds no entries; delete it with git -C ${alex.dir} update-ref -d refs/intimacy/elsewhere/${tree}`,
        `warning: left refs/intimacy/elsewhere/by-hand alone: it points at a blob, not a commit, so it holds no entries; delete it with git -C ${alex.dir} update-ref -d refs/intimacy/elsewhere/by-hand`,
      ]),
    );
    expect(warnings).toHaveLength(2);
    expectHealthy(alex.dir);
    // The entry went out, and the refs are still there (intimacy never wrote them).
    await ok(jordan.run(['sync']));
    expect(entryFiles(jordan.dir)).toContain(mine);
    expect(
      git(alex.dir, ['for-each-ref', '--format=%(refname)', 'refs/intimacy/elsewhere/']).trim().split('\n'),
    ).toHaveLength(2);
    // Deleted as said, sync is quiet again.
    git(alex.dir, ['update-ref', '-d', `refs/intimacy/elsewhere/${tree}`]);
    git(alex.dir, ['update-ref', '-d', 'refs/intimacy/elsewhere/by-hand']);
    expect((await ok(alex.run(['sync']))).stderr).toBe('');
  });

  it('a commit kept there under a name of its own is brought in, and its ref removed', async () => {
    const { alex, jordan } = await syncedPair();
    const mine = await note(alex, 'kept off the branch');
    const head = git(alex.dir, ['rev-parse', 'HEAD']).trim();
    git(alex.dir, ['update-ref', 'refs/intimacy/elsewhere/by-hand', head]);
    git(alex.dir, ['reset', '-q', '--hard', 'HEAD~1']);
    await ok(alex.run(['sync']));
    expect(git(alex.dir, ['for-each-ref', 'refs/intimacy/elsewhere/'])).toBe('');
    await ok(jordan.run(['sync']));
    expect(entryFiles(jordan.dir)).toContain(mine);
  });

  it("the remote's journal branch at a tree: refused in one line saying what to do, nothing changed here", async () => {
    const { alex, jordan, remote } = await syncedPair();
    await note(jordan, 'waiting to be shared');
    const before = git(jordan.dir, ['rev-parse', 'HEAD']).trim();
    writeRef(remote, 'refs/heads/main', git(remote, ['mktree']).trim());
    const result = await jordan.run(['sync']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `error: The remote's branch main points at a tree, not a commit: the remote's copy is damaged or was tampered with; nothing was changed here. Repair it on the server, or delete the branch there (git -C ${jordan.dir} push origin --delete main) and run intimacy sync: this journal is shared again, and your partner's next sync adds theirs.`,
    ]);
    expect(git(jordan.dir, ['rev-parse', 'HEAD']).trim()).toBe(before);
    expectHealthy(jordan.dir);
    // What it says to do works: the journal is shared again, and Alex's sync finds it.
    git(jordan.dir, ['push', '-q', 'origin', '--delete', 'main']);
    await ok(jordan.run(['sync']));
    const alexSync = await ok(alex.run(['sync']));
    expect(alexSync.stdout).toMatch(/1 new entry from Jordan/);
  });

  it("the remote's other branches as an annotated tag, a tree or a blob: the tag's commit is merged, the rest passed over", async () => {
    const { alex, jordan, remote } = await syncedPair();
    const theirs = await note(jordan, 'only on the tagged branch');
    const commit = git(jordan.dir, ['rev-parse', 'HEAD']).trim();
    git(jordan.dir, ['-c', 'user.name=J', '-c', 'user.email=j@x', 'tag', '-a', '-m', 'tagged', 'tagged', commit]);
    git(jordan.dir, ['push', '-q', 'origin', 'refs/tags/tagged']);
    writeRef(remote, 'refs/heads/tagged', git(remote, ['rev-parse', 'refs/tags/tagged']).trim());
    writeRef(remote, 'refs/heads/a-tree', git(remote, ['mktree']).trim());
    writeRef(remote, 'refs/heads/a-blob', git(remote, ['rev-parse', 'main:intimacy.yaml']).trim());
    const result = await alex.run(['sync']);
    expect(result.stderr).not.toMatch(/update-ref failed|commit-tree|please report/);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the remote also held journal entries on tagged');
    expect(entryFiles(alex.dir)).toContain(theirs);
    expectHealthy(alex.dir);
  });

  it("clone of a remote whose journal branch is a tree: said as the remote's damage, nothing left behind", async () => {
    const { root, remote } = await syncedPair();
    writeRef(remote, 'refs/heads/main', git(remote, ['mktree']).trim());
    const sam = partner('Sam', root);
    const result = await runCli(['clone', remote, sam.dir, '--me', 'Jordan'], { env: sam.env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      "error: The remote's branch main points at something that is not a commit: the remote's copy is damaged or was tampered with. Ask your partner to repair it on the server, or to share the journal through a new remote (intimacy remote set URL, then intimacy sync).",
    ]);
    expect(existsSync(sam.dir)).toBe(false);
  });
});
