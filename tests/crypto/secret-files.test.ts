import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';
import { encryptedPair, gratitude, PASSPHRASE } from './encrypted-pair.js';

afterAll(cleanupTemp);

/*
 * The key file and the passphrase file are the user's to name: a pipe is read (`<(pass show
 * journal)`), but never more than a key or a passphrase can be. Before, `encrypt import-key
 * /dev/zero` read until node gave up, past 600 MiB, and every failure said only "Cannot read".
 */

describe('the key and passphrase files given to encrypt', { timeout: 180_000 }, () => {
  it('refuse a device, a folder, a missing file and an endless stdin in one line each, with no key imported', async () => {
    const { root, jordan, passFile, keyFile } = await encryptedPair();
    const refused = async (args: string[], line: string, input?: string) => {
      const result = await jordan.run(['encrypt', ...args], input);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`error: ${line}\n`);
    };
    const hint = 'Give the file intimacy encrypt export-key wrote.';
    await refused(
      ['import-key', '/dev/zero', '--passphrase-file', passFile],
      `Cannot read the key file /dev/zero: too big (128 KiB; at most 64 KiB). ${hint}`,
    );
    await refused(
      ['import-key', root, '--passphrase-file', passFile],
      `Cannot read the key file ${root}: a folder, not a file. ${hint}`,
    );
    const missing = path.join(root, 'no-such-key.txt');
    await refused(
      ['import-key', missing, '--passphrase-file', passFile],
      `Cannot read the key file ${missing}: there is no such file. ${hint}`,
    );
    await refused(
      ['import-key', '-', '--passphrase-file', passFile],
      `The key on stdin is over 64 KiB. ${hint}`,
      'x'.repeat(100 * 1024),
    );
    await refused(
      ['import-key', keyFile, '--passphrase-file', '/dev/zero'],
      'Cannot read the passphrase file /dev/zero: too big (128 KiB; at most 64 KiB). Give a file that holds just the passphrase.',
    );
    expect(existsSync(path.join(jordan.dir, '.git', 'intimacy', 'key'))).toBe(false);
  });

  it('reads the passphrase from a pipe, as a shell hands one over, and the key unlocks the journal', async () => {
    const { root, alex, jordan, keyFile } = await encryptedPair();
    const file = await gratitude(alex, 'read after a piped passphrase', 2);
    await ok(alex.run(['sync']));
    const fifo = path.join(root, 'pass.fifo');
    await new Promise<void>((resolve, reject) =>
      spawn('mkfifo', [fifo]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mkfifo ${code}`)))),
    );
    // The writer blocks until intimacy opens the pipe, as `<(…)` does.
    const writer = spawn('sh', ['-c', `printf '%s\\n' "$1" > "$2"`, 'sh', PASSPHRASE, fifo]);
    const imported = await ok(jordan.run(['encrypt', 'import-key', keyFile, '--passphrase-file', fifo]));
    expect(imported.stdout).toMatch(/^Key [0-9a-f]+ imported/);
    writer.kill();
    await ok(jordan.run(['sync']));
    expect((await ok(jordan.run(['show', path.basename(file, '.md')]))).stdout).toContain(
      'read after a piped passphrase',
    );
  });
});
