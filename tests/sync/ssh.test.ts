import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runBinary, tempDir } from '../helpers/cli.js';
import { type SshServer, sshTestsRun, startSshd } from '../helpers/sshd.js';
import { bareRemote, entryFiles, expectHealthy, note, ok, partner } from './partners.js';

/**
 * A real OpenSSH server on 127.0.0.1. Skipped (and reported as skipped) without sshd,
 * except in CI, where a missing sshd fails the run.
 */
describe.skipIf(!sshTestsRun)('sync over a real ssh remote', { timeout: 60_000 }, () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
  });
  afterAll(async () => {
    await server?.stop();
    cleanupTemp();
  });

  it('clones, pushes and pulls over ssh://', async () => {
    const root = tempDir('intimacy-ssh-');
    const remote = bareRemote(root);
    const url = server.url(remote);
    const ssh = { GIT_SSH_COMMAND: server.sshCommand(server.key) };
    const alex = partner('Alex', root, ssh, true);
    const jordan = partner('Jordan', root, ssh, true);
    await ok(runBinary(['init', alex.dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', url], { env: alex.env }));
    const fromAlex = await note(alex, 'over ssh');
    expect((await ok(alex.run(['sync']))).stdout.trim()).toMatch(/^Shared the journal: 1 entry sent/);

    await ok(runBinary(['clone', url, jordan.dir, '--me', 'Jordan'], { env: jordan.env }));
    expect(entryFiles(jordan.dir)).toContain(fromAlex);
    const fromJordan = await note(jordan, 'back over ssh');
    // Jordan keeps the ssh settings in the clone's core.sshCommand instead: sync must use them.
    git(jordan.dir, ['config', 'core.sshCommand', server.sshCommand(server.key)]);
    const withoutEnv = { ...jordan.env, GIT_SSH_COMMAND: undefined };
    expect((await ok(runBinary(['--journal', jordan.dir, 'sync'], { env: withoutEnv }))).stdout.trim()).toBe(
      '1 entry sent',
    );
    expect((await ok(alex.run(['sync']))).stdout.trim()).toBe('1 new entry from Jordan');
    expect(entryFiles(alex.dir)).toContain(fromJordan);
    expect(git(remote, ['ls-tree', '-r', '--name-only', 'main'])).toContain(fromJordan);
    expectHealthy(alex.dir);
  });

  it('fails within seconds with a clear message when the key is wrong', async () => {
    const root = tempDir('intimacy-ssh-');
    const remote = bareRemote(root);
    const alex = partner('Alex', root, { GIT_SSH_COMMAND: server.sshCommand(server.wrongKey) }, true);
    await ok(runBinary(['init', alex.dir, '--me', 'Alex', '--remote', server.url(remote)], { env: alex.env }));
    const file = await note(alex, 'kept locally');
    const started = Date.now();
    const result = await alex.run(['sync']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: The server 127\.0\.0\.1 refused your SSH key\./m);
    expect(entryFiles(alex.dir)).toContain(file);
    expectHealthy(alex.dir);

    const cloned = await runBinary(['clone', server.url(remote), `${root}/jordan`], { env: alex.env });
    expect(cloned.code).toBe(1);
    expect(cloned.stderr).toMatch(/refused your SSH key/);
    expect(existsSync(`${root}/jordan`)).toBe(false);
  });
});
