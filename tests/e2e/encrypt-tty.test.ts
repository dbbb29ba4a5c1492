import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { unwrapKey } from '../../src/crypto/cipher.js';
import { BIN, cleanupTemp, newUser, runCli, tempDir } from '../helpers/cli.js';
import { shellQuote, startShellTerminal, type Terminal } from '../helpers/tmux.js';

const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

describe('the key passphrase at a terminal', { timeout: 60_000 }, () => {
  it('is asked twice without echo, and the exported key opens with it', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex'], { env })).code).toBe(0);
    expect((await runCli(['-j', dir, 'encrypt', 'init'], { env })).code).toBe(0);
    const keyFile = path.join(path.dirname(dir), 'key.txt');
    const terminal = startShellTerminal(
      `${shellQuote(process.execPath)} ${shellQuote(BIN)} -j ${shellQuote(dir)} encrypt export-key > ${shellQuote(keyFile)}`,
      env,
      path.dirname(dir),
    );
    open.push(terminal);
    await terminal.waitFor('Passphrase');
    terminal.type('short');
    terminal.keys('Enter');
    await terminal.waitFor(/at least 8 characters/);
    for (let i = 0; i < 5; i++) terminal.keys('BSpace');
    terminal.type('moonlit harbour');
    terminal.keys('Enter');
    await terminal.waitFor('Same passphrase again');
    terminal.type('moonlit harbour');
    terminal.keys('Enter');
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).not.toContain('moonlit');
    const key = unwrapKey(readFileSync(keyFile, 'utf8'), 'moonlit harbour');
    expect(key).toHaveLength(32);
  });
});
