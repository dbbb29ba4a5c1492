import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { note, ok, read, syncedPair } from '../sync/partners.js';

afterAll(cleanupTemp);

/*
 * What intimacy keeps of its own in .git/intimacy/ (when this clone last synced, the journal's
 * key, the note of a move under way) is read and written so that nothing found at those names
 * is waited on: a named pipe there (made by hand, by a script, by a backup tool that restores
 * one) used to stop status, sync and every encrypted command for good, each blocked opening it.
 * encrypt init reads git's pre-push hook to see whether it is intimacy's: a pipe there is not. Every command runs the built CLI, killed after 20 s, so a hang fails the test.
 */

function pipeAt(file: string): void {
  rmSync(file, { force: true });
  execFileSync('mkfifo', [file]);
}

describe("a pipe where intimacy keeps its own clone's facts", { timeout: 180_000 }, () => {
  it('status and sync go on past a pipe where the last sync is recorded, and sync records it as a file again', async () => {
    const { alex } = await syncedPair({}, true);
    const synced = path.join(alex.dir, '.git', 'intimacy', 'synced');
    pipeAt(synced);
    // A pipe is no record: the clone has not synced since it was made (its first sync pushed).
    expect((await ok(alex.run(['status']))).stdout).toMatch(/^Sync\n {2}never synced · nothing to send$/m);
    await note(alex, 'written past the pipe');
    expect((await ok(alex.run(['sync']))).stdout).toContain('1 entry sent');
    expect(lstatSync(synced).isFile()).toBe(true);
    expect(new Date(readFileSync(synced, 'utf8').trim()).getTime()).not.toBeNaN();
    expect((await ok(alex.run(['status']))).stdout).toContain('last synced just now');
  });

  it("sync refuses a pipe where the journal's key belongs, in one line that says what to do", async () => {
    const { alex } = await syncedPair({}, true);
    const key = path.join(alex.dir, '.git', 'intimacy', 'key');
    pipeAt(key);
    // The check before a push reads the key: a plain entry must not go where the journal encrypts.
    await note(alex, 'to send');
    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toBe(
      `error: ${key}: a named pipe, not a file. Remove it (rm ${key}); if the journal is encrypted, intimacy encrypt import-key then puts its key back.\n`,
    );
    rmSync(key);
    expect((await ok(alex.run(['sync']))).stdout).toContain('1 entry sent');
  });

  it("a pipe where a move's note belongs is no note: the partner's entry comes in and the pipe is gone", async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const file = await note(jordan, 'from Jordan, across the pipe');
    await ok(jordan.run(['sync']));
    const moving = path.join(alex.dir, '.git', 'intimacy', 'moving');
    pipeAt(moving);
    expect((await ok(alex.run(['sync']))).stdout).toContain('1 new entry from Jordan');
    expect(read(alex.dir, file)).toContain('from Jordan, across the pipe');
    expect(() => lstatSync(moving)).toThrow(/ENOENT/);
  });

  it("encrypt init goes on past a pipe where git's pre-push hook goes, and leaves it, as it leaves a hook of the user's", async () => {
    const { alex } = await syncedPair({}, true);
    const file = await note(alex, 'to be encrypted');
    const hook = path.join(alex.dir, '.git', 'hooks', 'pre-push');
    pipeAt(hook);
    const encrypted = await ok(alex.run(['encrypt', 'init']));
    expect(encrypted.stdout).toMatch(/^Encryption is on \(key [0-9a-f]+\)/);
    expect(encrypted.stderr).toContain(
      'a pre-push hook of your own exists, so the plain-text check was not added for a plain git push; intimacy sync checks every push itself.',
    );
    expect(git(alex.dir, ['cat-file', 'blob', `HEAD:${file}`]).startsWith('INTIMACY-ENC')).toBe(true);
    expect(lstatSync(hook).isFIFO()).toBe(true);
    // A program of the user's (not text, and bigger than any hook of intimacy's) is left as it is too.
    rmSync(hook);
    const program = Buffer.alloc(100 * 1024, 0xff);
    writeFileSync(hook, program, { mode: 0o755 });
    expect((await ok(alex.run(['encrypt', 'init']))).stderr).toContain('a pre-push hook of your own exists');
    expect(readFileSync(hook).equals(program)).toBe(true);
  });

  it("sync goes on past a pipe where git keeps an unfinished merge's message: the merge is undone and made again", async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const asJordan = ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com'];
    const asAlex = ['-c', 'user.name=Alex', '-c', 'user.email=a@example.com'];
    writeFileSync(path.join(jordan.dir, 'notes.txt'), 'jordan\n');
    git(jordan.dir, ['add', 'notes.txt']);
    git(jordan.dir, [...asJordan, 'commit', '-q', '--no-verify', '-m', 'notes']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'HEAD'], jordan.env);
    writeFileSync(path.join(alex.dir, 'notes.txt'), 'alex\n');
    git(alex.dir, ['add', 'notes.txt']);
    git(alex.dir, [...asAlex, 'commit', '-q', '-m', 'notes']);
    git(alex.dir, ['fetch', '-q'], alex.env);
    // A merge of the partner's commits left unfinished by plain git (it stops at the conflict).
    expect(() => git(alex.dir, [...asAlex, 'merge', 'origin/main'])).toThrow(/merge origin\/main failed/);
    pipeAt(path.join(alex.dir, '.git', 'MERGE_MSG'));
    const sync = await ok(alex.run(['sync']));
    expect(sync.stderr).toContain('Undid the merge an interrupted sync had left');
    expect(read(alex.dir, 'notes.txt')).toBe('alex\n');
    expect(read(alex.dir, 'notes-conflict_jordan.txt')).toBe('jordan\n');
    await ok(alex.run(['gratitude', 'written after the merge']));
  });
});
