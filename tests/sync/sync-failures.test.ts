import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runCli, tempDir } from '../helpers/cli.js';
import { entryFiles, expectHealthy, note, ok, partner, read, syncedPair } from './partners.js';

// Split from sync.test.ts so the two files run side by side.
afterAll(cleanupTemp);

describe('sync when the remote cannot be used', { timeout: 90_000 }, () => {
  it('says there is no remote', async () => {
    const root = tempDir('intimacy-sync-');
    const alex = partner('Alex', root);
    await ok(runCli(['init', alex.dir, '--me', 'Alex'], { env: alex.env }));
    const result = await alex.run(['sync']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no remote to sync with yet.*intimacy remote set URL/);
    expect((await alex.run(['remote'])).stderr).toMatch(/No remote yet/);
  });

  it('fails in one sentence on an unreachable remote, with the entry saved and committed', async () => {
    const { alex } = await syncedPair();
    const changed = await ok(alex.run(['remote', 'set', 'ssh://alex@127.0.0.1:1/srv/journal.git']));
    expect(changed.stderr).toMatch(
      /The remote is now ssh:\/\/alex@127\.0\.0\.1:1\/srv\/journal\.git \(was .*remote\.git\)/,
    );
    expect(JSON.parse((await ok(alex.run(['remote', '--json']))).stdout)).toEqual({
      url: 'ssh://alex@127.0.0.1:1/srv/journal.git',
    });
    const file = await note(alex, 'still here');
    writeFileSync(path.join(alex.dir, 'intimacy.yaml'), read(alex.dir, 'intimacy.yaml') + 'week_starts: "monday"\n');
    const result = await alex.run(['sync']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: The server 127\.0\.0\.1 could not be reached\./m);
    expect(result.stdout).toBe('');
    expect(read(alex.dir, file)).toContain('still here');
    expectHealthy(alex.dir); // the uncommitted settings change was committed before the network step
  });

  it('says when the repository is missing', async () => {
    const { root, alex } = await syncedPair();
    await ok(alex.run(['remote', 'set', path.join(root, 'nowhere.git')]));
    const result = await alex.run(['sync']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/There is no git repository at .*nowhere\.git/);
  });

  it('gives up on a server that never answers, within the time limit', async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => {}); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { alex } = await syncedPair({ INTIMACY_NETWORK_TIMEOUT: '2' });
      await ok(alex.run(['remote', 'set', `ssh://alex@127.0.0.1:${port}/journal.git`]));
      const started = Date.now();
      const result = await alex.run(['sync']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/The server 127\.0\.0\.1 did not answer within 2 seconds/);
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      silent.close();
    }
  });

  it('says the same when ssh itself gives up on the silent server first', async () => {
    // ssh's ConnectTimeout and sync's own limit are the same seconds: whichever ends the wait,
    // the words are the same. This ssh gives up at once, as a real one does when it wins.
    const root = tempDir('intimacy-sync-');
    // Named ssh, so that git speaks to it as to OpenSSH (ports and all).
    mkdirSync(path.join(root, 'bin'));
    const ssh = path.join(root, 'bin', 'ssh');
    writeFileSync(
      ssh,
      '#!/bin/sh\necho "Connection timed out during banner exchange" >&2\necho "Connection to 127.0.0.1 port 2222 timed out" >&2\nexit 255\n',
      { mode: 0o755 },
    );
    const { alex } = await syncedPair({ INTIMACY_NETWORK_TIMEOUT: '2', GIT_SSH_COMMAND: ssh });
    await ok(alex.run(['remote', 'set', 'ssh://alex@127.0.0.1:2222/journal.git']));
    const result = await alex.run(['sync']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: The server 127\.0\.0\.1 did not answer within 2 seconds\./m);
  });

  it('refuses option-like and ext:: URLs before git sees them', async () => {
    const root = tempDir('intimacy-sync-');
    const alex = partner('Alex', root);
    const pwned = path.join(root, 'pwned');
    const cloned = await runCli(['clone', `ext::sh -c touch% ${pwned}`, alex.dir], { env: alex.env });
    expect(cloned.code).toBe(2);
    expect(cloned.stderr).toMatch(/"ext::" remote URLs run commands and are not allowed/);
    const init = await runCli(['init', alex.dir, '--remote', `--upload-pack=touch ${pwned}`], { env: alex.env });
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(/looks like an option/);
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(alex.dir)).toBe(false);
  });
});

describe('autosync', { timeout: 90_000 }, () => {
  it('shares a new entry right away, and only warns when the remote is unreachable', async () => {
    const { remote, alex, jordan } = await syncedPair();
    writeFileSync(path.join(alex.dir, 'intimacy.yaml'), read(alex.dir, 'intimacy.yaml') + 'autosync: true\n');
    const first = await note(alex, 'synced at once');
    expect(git(remote, ['ls-tree', '-r', '--name-only', 'main'])).toContain(first);
    await ok(jordan.run(['sync']));
    expect(entryFiles(jordan.dir)).toContain(first);

    await ok(alex.run(['remote', 'set', 'ssh://alex@127.0.0.1:1/srv/journal.git']));
    const saved = await alex.run(['gratitude', 'saved anyway']);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/^Saved gratitude/);
    expect(saved.stderr).toMatch(
      /warning: not synced: The server 127\.0\.0\.1 could not be reached\. Your entry is saved; run intimacy sync later\./,
    );
    expectHealthy(alex.dir);
  });
});
