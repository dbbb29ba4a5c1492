import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';
import { allObjectText, gratitude, keyedPair, rawBlob } from './encrypted-pair.js';

afterAll(cleanupTemp);

/*
 * An encrypted entry damaged in one's own clone (its ciphertext cut short in the folder) stays
 * there: sync sends the rest, names it with how to put it back and exits 1; a commit of it made
 * by hand is refused by sync and by the pre-push check; the partner's sync is never stopped.
 */

/** What the remote's main holds at `file`, as git's object (ciphertext). */
function remoteBlob(remote: string, file: string): string {
  return git(remote, ['rev-parse', `main:${file}`]).trim();
}

describe('an encrypted entry damaged in this clone', { timeout: 180_000 }, () => {
  it('is neither committed nor sent by sync, which says so and how to restore it; the rest syncs, and the partner syncs', async () => {
    const pair = await keyedPair();
    const { alex, jordan } = pair;
    const damaged = await gratitude(alex, 'about to be cut short', 2);
    await ok(alex.run(['sync']));
    const sent = remoteBlob(pair.remote, damaged);
    // The folder holds its encrypted form, cut short (a raw copy of the blob, edited by hand).
    writeFileSync(path.join(alex.dir, damaged), rawBlob(alex.dir, damaged).subarray(0, 40));
    const fine = await gratitude(alex, 'written after the damage', 3);

    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stdout).toMatch(/^1 entry sent$/m);
    expect(sync.stderr.trim().split('\n')).toEqual([
      `error: ${damaged} is damaged (its encrypted form was cut short or changed), so sync did not commit or send it; the rest was synced. Put back its last committed version (git -C ${alex.dir} checkout -- ${damaged}) or remove it, then run intimacy sync again.`,
    ]);
    expect(remoteBlob(pair.remote, damaged)).toBe(sent);
    expect(git(alex.dir, ['status', '--porcelain', '--', damaged]).trim()).toBe(`M ${damaged}`);
    const json = await alex.run(['sync', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).withheld).toEqual([damaged]);

    const partnerSync = await ok(jordan.run(['sync']));
    expect(partnerSync.stdout).toMatch(/2 new entries from Alex/);
    expect(readFileSync(path.join(jordan.dir, fine), 'utf8')).toMatch(/written after the damage/);
    expect(readFileSync(path.join(jordan.dir, damaged), 'utf8')).toMatch(/about to be cut short/);

    // Doctor names it, and its advice is the same restore.
    const doctor = JSON.parse((await alex.run(['doctor', '--json'])).stdout) as {
      checks: Array<{ id: string; fix?: string; details?: string[] }>;
    };
    const entries = doctor.checks.find((check) => check.id === 'entries');
    expect(entries?.details?.[0]).toMatch(new RegExp(`^${damaged}: the encrypted file is damaged`));
    expect(entries?.fix).toMatch(/git checkout -- FILE restores the last committed version/);

    git(alex.dir, ['checkout', '--', damaged]);
    expect((await ok(alex.run(['sync']))).stderr).toBe('');
  });

  it('committed by hand, is refused by sync and by a plain git push, and the partner syncs', async () => {
    const pair = await keyedPair();
    const { alex, jordan } = pair;
    const damaged = await gratitude(alex, 'about to be changed', 2);
    await ok(alex.run(['sync']));
    const sent = remoteBlob(pair.remote, damaged);
    const raw = Buffer.from(rawBlob(alex.dir, damaged));
    raw[raw.length - 3] = raw[raw.length - 3]! ^ 0x01;
    writeFileSync(path.join(alex.dir, damaged), raw);
    git(alex.dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@x', 'commit', '-q', '-a', '-m', 'by hand']);

    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(
      `error: Refusing to push 1 encrypted file that cannot be decrypted (${damaged}): damaged here, or another key's, your partner's sync would refuse it; nothing was sent.`,
    );
    const push = spawnSync('git', ['push', 'origin', 'main'], {
      cwd: alex.dir,
      env: alex.env,
      encoding: 'utf8',
    });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain(`intimacy: Refusing to push 1 encrypted file that cannot be decrypted (${damaged})`);
    expect(remoteBlob(pair.remote, damaged)).toBe(sent);
    expect(allObjectText(pair.remote)).not.toContain('by hand');
    await ok(jordan.run(['sync']));

    // Put right by a later commit: nothing left to refuse.
    git(alex.dir, ['checkout', 'HEAD~1', '--', damaged]);
    git(alex.dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@x', 'commit', '-q', '-m', 'restored']);
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
  });
});
