import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { entryFiles, note, ok, syncedPair } from './partners.js';

afterAll(cleanupTemp);

describe("sync over ssh with the clone's own ssh command", { timeout: 90_000 }, () => {
  it("uses core.sshCommand from the journal's git config, in batch mode", async () => {
    const { root, remote, alex, jordan } = await syncedPair();
    // Stands in for ssh: logs how it was called, then runs the git command it was given here.
    const log = path.join(root, 'ssh.log');
    const fakeSsh = path.join(root, 'fake-ssh');
    writeFileSync(fakeSsh, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nfor last; do :; done\nexec sh -c "$last"\n`);
    chmodSync(fakeSsh, 0o755);
    git(alex.dir, ['config', 'core.sshCommand', fakeSsh]);
    await ok(alex.run(['remote', 'set', `ssh://journal.example.invalid${remote}`]));

    const file = await note(alex, 'sent through our own ssh command');
    const synced = await ok(alex.run(['sync']));
    expect(synced.stdout).toMatch(/1 entry sent/);
    const calls = readFileSync(log, 'utf8');
    expect(calls).toMatch(/-o BatchMode=yes .*journal\.example\.invalid git-upload-pack/);
    expect(calls).toMatch(/git-receive-pack/);

    await ok(jordan.run(['sync']));
    expect(entryFiles(jordan.dir)).toContain(file);
  });
});
