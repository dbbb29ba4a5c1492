import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok, syncedPair } from '../sync/partners.js';
import { gratitude, keyedPair } from './encrypted-pair.js';

afterAll(cleanupTemp);

/*
 * A clone whose .git/config is gone (deleted by hand, or rewritten by a tool) keeps its key in
 * .git/intimacy/: intimacy wires git's filter again by itself, so the next entry is committed
 * encrypted rather than refused for a key the clone has. Who I am comes back from the copy
 * intimacy keeps in .git/intimacy/clone.json, and the lost remote is named with the very command
 * that sets it again.
 */

describe('an encrypted clone that lost its .git/config', { timeout: 180_000 }, () => {
  it('knows who I am, commits the next entry encrypted, names the remote it lost, and syncs once it is set again', async () => {
    const pair = await keyedPair();
    const { alex, jordan } = pair;
    await gratitude(alex, 'before the config was lost', 2);
    await ok(alex.run(['sync']));
    // A clone made before intimacy kept its copy gets one with its next entry.
    const copy = path.join(alex.dir, '.git', 'intimacy', 'clone.json');
    rmSync(copy);
    await gratitude(alex, 'the copy comes back', 3);
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual({ me: 'Alex', remote: pair.remote });
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    rmSync(path.join(alex.dir, '.git', 'config'));

    const file = await gratitude(alex, 'after the config was lost', 4);
    const blob = spawnSync('git', ['cat-file', 'blob', `HEAD:${file}`], { cwd: alex.dir }).stdout;
    expect(blob.subarray(0, 12).toString('latin1')).toBe('INTIMACY-ENC');
    expect(blob.toString('latin1')).not.toContain('after the config was lost');
    // git sees the folder's plain files as the encrypted blobs they are stored as.
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
    // Who I am came back from the copy (git's user.name here is not a partner's), and stays.
    expect(git(alex.dir, ['log', '-1', '--format=%an'])).toBe('Alex\n');
    expect(git(alex.dir, ['config', 'intimacy.me'])).toBe('Alex\n');

    const lost =
      "This clone no longer knows its remote, though it synced with one before (this clone's .git/config lost it).";
    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(
      `error: ${lost} Set it again with intimacy remote set ${pair.remote} (the URL this clone last used).`,
    );
    const doctor = JSON.parse((await alex.run(['doctor', '--json'])).stdout) as {
      checks: Array<{ id: string; status: string; summary: string }>;
    };
    expect(doctor.checks.find((check) => check.id === 'remote')).toMatchObject({ status: 'warn', summary: lost });

    await ok(alex.run(['remote', 'set', pair.remote]));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    expect(readFileSync(path.join(jordan.dir, file), 'utf8')).toMatch(/after the config was lost/);
  });
  it("a copy that is not intimacy's (a link, or not JSON) is never followed or trusted: who I am is asked for", async () => {
    const { alex, root } = await syncedPair({}, true);
    const copy = path.join(alex.dir, '.git', 'intimacy', 'clone.json');
    const outside = path.join(root, 'elsewhere.json');
    writeFileSync(outside, JSON.stringify({ me: 'Jordan' }));
    rmSync(copy);
    symlinkSync(outside, copy);
    rmSync(path.join(alex.dir, '.git', 'config'));
    const linked = await alex.run(['gratitude', 'refused until I say who I am']);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(
      /is not one of this journal's partners \(Alex, Jordan\)\. .*intimacy whoami --set Alex/,
    );
    rmSync(copy);
    writeFileSync(copy, '{ not json');
    expect((await alex.run(['gratitude', 'still refused'])).code).toBe(2);
    await ok(alex.run(['whoami', '--set', 'Alex']));
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual({ me: 'Alex' });
    expect(readFileSync(outside, 'utf8')).toBe(JSON.stringify({ me: 'Jordan' }));
  });
});
