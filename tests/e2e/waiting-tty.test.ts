import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runBinary, runCli, tempDir } from '../helpers/cli.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

/** A network step over a second says it is waiting, at a terminal only, and the line goes once it is done. */
const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

describe('waiting for the remote', { timeout: 60_000 }, () => {
  it('shows "Syncing with …" on a terminal while a slow remote answers, and nothing when piped', async () => {
    const { env, home } = newUser();
    const root = tempDir();
    const remote = path.join(root, 'remote.git');
    git(root, ['init', '-q', '--bare', remote]);
    const dir = path.join(home, 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote], { env })).code).toBe(
      0,
    );
    expect((await runCli(['-j', dir, 'sync'], { env })).code).toBe(0);
    // A remote that takes three seconds to start answering a fetch.
    const slow = path.join(root, 'slow-upload-pack');
    writeFileSync(slow, '#!/bin/sh\nsleep 3\nexec git-upload-pack "$@"\n');
    chmodSync(slow, 0o755);
    git(dir, ['config', 'remote.origin.uploadpack', slow]);

    const terminal = startTerminal(['-j', dir, 'sync'], env, home);
    open.push(terminal);
    await terminal.waitFor(/Syncing with .*…/);
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).not.toContain('Syncing with');
    expect(terminal.screen()).toMatch(/Nothing new|up to date|in sync/i);

    const piped = await runBinary(['-j', dir, 'sync'], { env });
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('Syncing');
  });
});
