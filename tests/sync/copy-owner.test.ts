import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { expectHealthy, note, ok, type Partner, read, syncedPair } from './partners.js';

afterAll(cleanupTemp);

/*
 * The copy a sync makes of a file both changed holds the partner's version, and is named for
 * whose it is. git's commit author is whatever the partner's clone says, so it can name this
 * user, or hold an escape: neither may make the partner's words read as this user's own.
 */

/** Both partners change one of Alex's entries; Jordan commits and pushes by hand as `author`. */
async function bothChange(author: string): Promise<{ alex: Partner; jordan: Partner; file: string }> {
  const { alex, jordan } = await syncedPair();
  const file = await note(alex, 'the walk by the river');
  await ok(alex.run(['sync']));
  await ok(jordan.run(['sync']));
  writeFileSync(path.join(alex.dir, file), `${read(alex.dir, file)}\nAlex: the herons were back\n`);
  writeFileSync(path.join(jordan.dir, file), `${read(jordan.dir, file)}\nJordan: it rained on the way home\n`);
  git(jordan.dir, ['-c', `user.name=${author}`, '-c', 'user.email=j@example.com', 'commit', '-qam', 'edit']);
  git(jordan.dir, ['push', '-q', 'origin', 'HEAD:main']);
  return { alex, jordan, file };
}

interface Listed {
  id: string;
  path: string;
  copy: string;
  mineIn: 'path' | 'copy';
}

describe("the copy of the partner's version", { timeout: 120_000 }, () => {
  it("is the partner's even when their commit names this user as its author, and keeping mine keeps this user's words", async () => {
    const { alex, file } = await bothChange('Alex');
    const copy = file.replace(/\.md$/, '-conflict_jordan.md');
    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toContain(
      `you and Jordan both changed ${file}: yours is still there, Jordan's version is in ${copy}`,
    );
    expect(read(alex.dir, file)).toContain('the herons were back');
    expect(read(alex.dir, copy)).toContain('it rained on the way home');

    const listed = JSON.parse((await ok(alex.run(['conflicts', '--json']))).stdout) as Listed[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ path: file, copy, mineIn: 'path' });
    const side = await ok(alex.run(['conflicts']));
    expect(side.stdout).toContain(`yours      ${file}`);
    expect(side.stdout).toContain(`Jordan's   ${copy}`);

    const kept = await ok(alex.run(['conflicts', 'resolve', listed[0]!.id, '--keep', 'mine']));
    expect(kept.stdout).toContain(`kept your version in ${file}`);
    expect(read(alex.dir, file)).toContain('the herons were back');
    expect(read(alex.dir, file)).not.toContain('it rained on the way home');
    expectHealthy(alex.dir);
  });

  it('is named for the partner when the commit author holds an escape or an invisible character, which no line shows raw', async () => {
    const { alex, file } = await bothChange('Jo\u200brdan \u001b[31mred');
    const copy = file.replace(/\.md$/, '-conflict_jordan.md');
    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toContain(`Jordan's version is in ${copy}`);
    expect(synced.stdout + synced.stderr).not.toMatch(/[\u001b\u200b]/u);
    const listed = JSON.parse((await ok(alex.run(['conflicts', '--json']))).stdout) as Listed[];
    expect(listed[0]).toMatchObject({ path: file, copy, mineIn: 'path' });
  });

  it('keeps the name of a partner the journal knows, as the journal spells it', async () => {
    const { alex, file } = await bothChange('jordan');
    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toContain(`you and Jordan both changed ${file}`);
  });
});
