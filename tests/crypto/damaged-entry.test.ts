import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, tempDir } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';
import { encryptedPair, gratitude, importKey, isCiphertext } from './encrypted-pair.js';

afterAll(cleanupTemp);

/** Replaces `file` on the remote's main with `damage` of its encrypted blob, as a broken disk or a meddling host would. */
function damageOnRemote(remote: string, files: Array<{ file: string; damage: (blob: Buffer) => Buffer }>): void {
  const scratch = tempDir('intimacy-damage-');
  git(scratch, ['clone', '-q', '-b', 'main', remote, 'w']);
  const work = path.join(scratch, 'w');
  for (const { file, damage } of files) {
    const blob = spawnSync('git', ['cat-file', 'blob', `main:${file}`], { cwd: remote }).stdout;
    const id = spawnSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: work,
      input: damage(blob),
      encoding: 'utf8',
    }).stdout.trim();
    git(work, ['update-index', '--cacheinfo', `100644,${id},${file}`]);
  }
  git(work, ['-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-q', '-m', 'damaged']);
  git(work, ['push', '-q', 'origin', 'main']);
}

const idOf = (file: string) => path.basename(file, '.md');

describe('an encrypted entry file that is damaged', { timeout: 180_000 }, () => {
  it('is said to be damaged, with the key fine and how to restore it, by log, show and doctor; not as "no key"', async () => {
    const pair = await encryptedPair();
    const { alex, jordan } = pair;
    const changed = await gratitude(alex, 'changed on the way', 2);
    const cut = await gratitude(alex, 'cut short on the way', 3);
    await gratitude(alex, 'arrives whole', 4);
    await ok(alex.run(['sync']));
    damageOnRemote(pair.remote, [
      {
        file: changed,
        damage: (blob) => {
          const copy = Buffer.from(blob);
          copy[copy.length - 2] = copy[copy.length - 2]! ^ 0x01;
          return copy;
        },
      },
      { file: cut, damage: (blob) => blob.subarray(0, 20) },
    ]);
    await ok(jordan.run(['sync']));
    // Without the key: the journal cannot be read, and that is what is said.
    const keyless = await jordan.run(['log']);
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toMatch(/this clone has no key/);
    await ok(importKey(jordan, pair));
    expect(isCiphertext(path.join(jordan.dir, changed))).toBe(true);
    expect(isCiphertext(path.join(jordan.dir, cut))).toBe(true);

    const damaged = (file: string) =>
      `the encrypted file is damaged (cut short or changed), so it cannot be decrypted; this clone's key is fine. Restore the file from git history (git log -- ${file} lists its versions; git checkout COMMIT -- ${file} puts one back) or ask your partner for their copy`;
    const log = await ok(jordan.run(['log']));
    expect(log.stdout).toMatch(/arrives whole/);
    expect(log.stderr).not.toMatch(/no key/);
    expect(log.stderr.trim().split('\n').sort()).toEqual(
      [`warning: skipped ${changed}: ${damaged(changed)}`, `warning: skipped ${cut}: ${damaged(cut)}`].sort(),
    );
    const show = await jordan.run(['show', idOf(changed)]);
    expect(show.code).toBe(1);
    expect(show.stderr.trim().split('\n')).toHaveLength(1);
    expect(show.stderr).toContain(`error: ${changed} is not a well-formed entry: ${damaged(changed)}.`);
    const status = await ok(jordan.run(['status']));
    expect(status.stderr).toMatch(
      /2 entry files could not be read and were left out \(first: .*: the encrypted file is damaged \(cut short or changed\)/,
    );
    const statusJson = JSON.parse((await ok(jordan.run(['status', '--json']))).stdout) as {
      skipped: Array<{ relPath: string; reason: string }>;
    };
    expect(statusJson.skipped.map((file) => file.reason)).toEqual([
      damaged(statusJson.skipped[0]!.relPath),
      damaged(statusJson.skipped[1]!.relPath),
    ]);
    const doctor = await jordan.run(['doctor']);
    expect(doctor.stdout).toContain(`${changed}: ${damaged(changed)}`);
    expect(doctor.stdout).toContain(`${cut}: ${damaged(cut)}`);
    expect(doctor.stdout).not.toMatch(/no key/);
    // What it says to do works: the version before the damage, put back from git history.
    const before = git(jordan.dir, ['log', '--format=%H', '-2', '--', changed]).trim().split('\n')[1]!;
    git(jordan.dir, ['checkout', before, '--', changed]);
    expect((await ok(jordan.run(['show', idOf(changed)]))).stdout).toMatch(/changed on the way/);
  });
});
