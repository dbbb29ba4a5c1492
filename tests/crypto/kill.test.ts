import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runBinary, tempDir } from '../helpers/cli.js';
import { bareRemote, ok, partner } from '../sync/partners.js';
import {
  encryptedPair,
  expectFsckClean,
  filesUnder,
  gratitude,
  importKey,
  isCiphertext,
  killedAfter,
  plainInTree,
} from './encrypted-pair.js';

afterAll(cleanupTemp);

/** A pseudo-random but repeatable sequence of delays (ms) in [low, high). */
function delays(count: number, low: number, high: number, seed = 7): number[] {
  const out: number[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(low + (x % (high - low)));
  }
  return out;
}

describe('encryption killed at any moment', { timeout: 300_000 }, () => {
  it('encrypt init: SIGKILL of the whole process group never loses an entry, and a rerun finishes', async () => {
    for (const [round, delay] of delays(5, 80, 900).entries()) {
      const root = tempDir('intimacy-kill-init-');
      const remote = bareRemote(root);
      const alex = partner('Alex', root, {}, true);
      await ok(
        runBinary(['init', alex.dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote], { env: alex.env }),
      );
      await gratitude(alex, `pushed ${round}`, 1);
      await ok(alex.run(['sync']));
      const words = new Map<string, string>();
      for (const n of [2, 3, 4]) {
        const file = await gratitude(alex, `unpushed ${round} ${n}`, n);
        words.set(file, readFileSync(path.join(alex.dir, file), 'utf8'));
      }
      await killedAfter(['--journal', alex.dir, 'encrypt', 'init'], alex.env, delay);
      // Whatever the moment, every entry is on disk as it was written.
      for (const [file, text] of words)
        expect(readFileSync(path.join(alex.dir, file), 'utf8'), `round ${round}`).toBe(text);
      const rerun = await alex.run(['encrypt', 'init']);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stdout).toMatch(/Encryption is on|encrypted already/);
      for (const [file, text] of words) expect(readFileSync(path.join(alex.dir, file), 'utf8')).toBe(text);
      expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
      expect(plainInTree(alex.dir)).toEqual([]);
      const tracked = git(alex.dir, ['ls-tree', '-r', '--name-only', 'HEAD', 'entries']);
      for (const file of words.keys()) expect(tracked).toContain(file);
      expectFsckClean(alex.dir);
      // Nothing plain of the unpushed entries leaves, and the next command works.
      await gratitude(alex, `after the kill ${round}`, 5);
      await ok(alex.run(['sync']));
      const remoteText = git(remote, ['log', '-p', '--all', '--format=']);
      for (const text of words.values()) expect(remoteText).not.toContain(text.split('\n').at(-2) ?? '');
    }
  });

  it('import-key: SIGKILL at any moment never leaves an entry missing, and a rerun decrypts the rest', async () => {
    const pair = await encryptedPair();
    const { alex } = pair;
    for (const n of [2, 3, 4, 5]) await gratitude(alex, `secret entry ${n}`, n);
    await ok(alex.run(['sync']));
    for (const [round, delay] of delays(6, 60, 900, 11).entries()) {
      const jordan = partner('Jordan', tempDir('intimacy-kill-import-'), {}, true);
      await ok(runBinary(['clone', pair.remote, jordan.dir, '--me', 'Jordan'], { env: jordan.env }));
      const tracked = git(jordan.dir, ['ls-files', 'entries']).trim().split('\n');
      expect(tracked.length).toBe(5);
      await killedAfter(
        ['--journal', jordan.dir, 'encrypt', 'import-key', pair.keyFile, '--passphrase-file', pair.passFile],
        jordan.env,
        delay,
      );
      expect(filesUnder(jordan.dir, 'entries'), `round ${round}`).toEqual([...tracked].sort());
      // A lock another git left must not stop the rerun either.
      if (round % 2 === 1) writeFileSync(path.join(jordan.dir, '.git', 'index.lock'), '');
      const rerun = await importKey(jordan, pair);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stdout).toMatch(/imported; \d+ files? decrypted in this folder \(5 encrypted files in all\)/);
      rmSync(path.join(jordan.dir, '.git', 'index.lock'), { force: true });
      expect(filesUnder(jordan.dir, 'entries')).toEqual([...tracked].sort());
      for (const file of tracked) expect(isCiphertext(path.join(jordan.dir, file)), file).toBe(false);
      expectFsckClean(jordan.dir);
      const next = await jordan.run(['gratitude', `jordan after round ${round}`]);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).not.toMatch(/not committed/);
      expect(git(jordan.dir, ['status', '--porcelain'])).toBe('');
      expect(git(jordan.dir, ['ls-tree', '-r', '--name-only', 'HEAD', 'entries']).trim().split('\n').length).toBe(6);
    }
  });
});
