import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, tempDir } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';
import { allObjectText, encryptedPair, gratitude } from './encrypted-pair.js';

afterAll(cleanupTemp);

const AS_ALEX = ['-c', 'user.name=Alex', '-c', 'user.email=alex@example.com'];

/** Commits a plain blob at `file`, past the filter (as a careless script or another tool would). */
function commitPlain(dir: string, file: string, text: string, message: string): void {
  const id = spawnSync('git', ['hash-object', '-w', '--no-filters', '--stdin'], {
    cwd: dir,
    input: text,
    encoding: 'utf8',
  }).stdout.trim();
  git(dir, ['update-index', '--add', '--cacheinfo', `100644,${id},${file}`]);
  git(dir, [...AS_ALEX, 'commit', '-q', '--no-verify', '-m', message]);
}

describe('the check before a push', { timeout: 120_000 }, () => {
  it('checks every file under the encrypted folders, whatever its name, and every commit pushed', async () => {
    const { alex, remote } = await encryptedPair();
    // A file of any name: a note beside the entries.
    commitPlain(alex.dir, 'entries/2026/11/notes.txt', 'notes the remote must not read', 'notes');
    const push = spawnSync('git', ['push', 'origin', 'main'], { cwd: alex.dir, encoding: 'utf8', env: alex.env });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/Refusing to push 1 file stored as plain text.*entries\/2026\/11\/notes\.txt/);
    expect(allObjectText(remote)).not.toContain('notes the remote must not read');

    // Not only the newest commit: a plain blob in an earlier one, encrypted again later, is refused too.
    git(alex.dir, ['reset', '-q', '--hard', 'origin/main']);
    commitPlain(alex.dir, 'templates/ours.yaml', 'name: ours # plain words of a template', 'plain template');
    await gratitude(alex, 'a later entry, encrypted', 5);
    const again = spawnSync('git', ['push', 'origin', 'main'], { cwd: alex.dir, encoding: 'utf8', env: alex.env });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/templates\/ours\.yaml/);
    // intimacy sync says it plainly, with what to do, and encrypt init puts it right.
    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(
      /Refusing to push 1 file stored as plain text in an encrypted journal \(templates\/ours\.yaml\); nothing was sent\. Run intimacy encrypt init/,
    );
    expect(sync.stderr).not.toMatch(/remote URL|unexpected/);
    const fixed = await ok(alex.run(['encrypt', 'init']));
    expect(fixed.stderr).toMatch(/\d+ commits not pushed yet were re-written/);
    await ok(alex.run(['sync']));
    expect(allObjectText(remote)).not.toContain('plain words of a template');
  });

  it('runs when git takes its hooks elsewhere (core.hooksPath): the user is told, and intimacy sync checks itself', async () => {
    const { alex, remote } = await encryptedPair({ encrypted: false });
    const hooks = tempDir('intimacy-hooks-');
    git(alex.dir, ['config', 'core.hooksPath', hooks]);
    const on = await ok(alex.run(['encrypt', 'init']));
    expect(on.stderr).toContain(
      `git takes its hooks from ${hooks} (core.hooksPath), so the plain-text check was not added for a plain git push; intimacy sync checks every push itself.`,
    );
    commitPlain(
      alex.dir,
      'entries/2026/11/20261125T190000Z-gratitude-alex.md',
      '---\nauthor: Alex\n---\nhooks elsewhere\n',
      'plain',
    );
    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/Refusing to push 1 file stored as plain text/);
    expect(allObjectText(remote)).not.toContain('hooks elsewhere');
  });
});
