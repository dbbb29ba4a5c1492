import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';
import { gratitude, keyedPair } from './encrypted-pair.js';

afterAll(cleanupTemp);

/*
 * A clone whose .git/config is gone (deleted by hand, or rewritten by a tool) keeps its key in
 * .git/intimacy/: intimacy wires git's filter again by itself, so the next entry is committed
 * encrypted rather than refused for a key the clone has. Who I am and the remote went with the
 * file: each is asked for with the one command that sets it again.
 */

describe('an encrypted clone that lost its .git/config', { timeout: 180_000 }, () => {
  it('asks who I am, commits the next entry encrypted, says its remote was lost, and syncs once it is set again', async () => {
    const pair = await keyedPair();
    const { alex, jordan } = pair;
    await gratitude(alex, 'before the config was lost', 2);
    await ok(alex.run(['sync']));
    rmSync(path.join(alex.dir, '.git', 'config'));
    // Who this clone belongs to went with it (git's user.name is not a partner's here): asked for.
    const who = await alex.run(['gratitude', 'refused until I say who I am']);
    expect(who.code).toBe(2);
    expect(who.stderr).toMatch(/is not one of this journal's partners \(Alex, Jordan\)\. .*intimacy whoami --set Alex/);
    await ok(alex.run(['whoami', '--set', 'Alex']));

    const file = await gratitude(alex, 'after the config was lost', 3);
    const blob = spawnSync('git', ['cat-file', 'blob', `HEAD:${file}`], { cwd: alex.dir }).stdout;
    expect(blob.subarray(0, 12).toString('latin1')).toBe('INTIMACY-ENC');
    expect(blob.toString('latin1')).not.toContain('after the config was lost');
    // git sees the folder's plain files as the encrypted blobs they are stored as.
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');

    const lost =
      "This clone no longer knows its remote, though it synced with one before (this clone's .git/config lost it).";
    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(`error: ${lost} Set it again with intimacy remote set URL`);
    const doctor = JSON.parse((await alex.run(['doctor', '--json'])).stdout) as {
      checks: Array<{ id: string; status: string; summary: string }>;
    };
    expect(doctor.checks.find((check) => check.id === 'remote')).toMatchObject({ status: 'warn', summary: lost });

    await ok(alex.run(['remote', 'set', pair.remote]));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    expect(readFileSync(path.join(jordan.dir, file), 'utf8')).toMatch(/after the config was lost/);
  });
});
