import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { head, tracked } from './attack.js';
import { ok, syncedPair } from './partners.js';

afterAll(cleanupTemp);

/*
 * A private entry committed by mistake (an earlier intimacy's edit did it; so does a `git add -f`
 * by hand) must never reach the remote: sync refuses to send commits that hold .intimacy/, and
 * its advice takes them out.
 */
describe('commits holding .intimacy/ are never sent', { timeout: 60_000 }, () => {
  it('refuses the push, sends nothing, and the advice it gives makes the next sync go through', async () => {
    const { remote, alex, jordan } = await syncedPair({}, true);
    const secret = await ok(alex.run(['gratitude', '--private', 'only mine, never shared']));
    const file = /→ (.+\.md)$/m.exec(secret.stdout)![1]!;
    await ok(alex.run(['gratitude', 'a shared one']));
    git(alex.dir, ['add', '--force', path.relative(alex.dir, file)]);
    git(alex.dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@example.invalid', 'commit', '-q', '-m', 'oops']);
    const before = git(remote, ['rev-parse', 'main']).trim();

    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: Commits not sent yet hold files under \.intimacy\/ \(this computer's own: private entries, drafts, sealed keys\), so nothing was sent\. Take them out of those commits: git reset --soft origin\/main && /,
    );
    expect(git(remote, ['rev-parse', 'main']).trim()).toBe(before);

    // The advice, as the user would paste it.
    const advice = /Take them out of those commits: (.+), then intimacy sync again\./.exec(refused.stderr)![1]!;
    execFileSync('sh', ['-c', advice], {
      cwd: alex.dir,
      env: {
        ...alex.env,
        GIT_AUTHOR_NAME: 'Alex',
        GIT_AUTHOR_EMAIL: 'a@example.invalid',
        GIT_COMMITTER_NAME: 'Alex',
        GIT_COMMITTER_EMAIL: 'a@example.invalid',
      },
    });
    await ok(alex.run(['sync']));
    expect(git(remote, ['rev-parse', 'main']).trim()).toBe(head(alex.dir));
    expect(tracked(remote, 'main').some((name) => name.startsWith('.intimacy'))).toBe(false);
    expect(git(remote, ['log', '--all', '--format=%H', '--', '.intimacy'])).toBe('');
    await ok(jordan.run(['sync']));
    expect((await ok(jordan.run(['log']))).stdout).toContain('a shared one');
    expect((await ok(alex.run(['log']))).stdout).toContain('only mine, never shared');
  });
});
