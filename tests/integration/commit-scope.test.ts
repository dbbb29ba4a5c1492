import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

/** A new entry's commit holds that entry only: what the user staged by hand stays staged, theirs to commit. */
describe('the commit of a new entry', () => {
  it('holds the entry alone, whether or not something else is staged', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    env.INTIMACY_JOURNAL = dir;
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    const lastCommit = () => git(dir, ['show', '--name-only', '--format=%s', 'HEAD'], env).trim().split('\n');

    expect((await runCli(['gratitude', 'nothing else staged'], { env })).code).toBe(0);
    const [subject, ...files] = lastCommit();
    expect(subject).toMatch(/gratitude/);
    expect(files.filter(Boolean)).toHaveLength(1);
    expect(files.filter(Boolean)[0]).toMatch(/^entries\/.*-gratitude-alex\.md$/);

    // A note of the user's own, staged by hand, and a change to the settings, staged too.
    writeFileSync(path.join(dir, 'notes.txt'), 'ours, not yet\n');
    writeFileSync(
      path.join(dir, 'intimacy.yaml'),
      `${git(dir, ['show', 'HEAD:intimacy.yaml'], env)}weekStart: monday\n`,
    );
    git(dir, ['add', 'notes.txt', 'intimacy.yaml'], env);
    expect((await runCli(['gratitude', 'something else staged'], { env })).code).toBe(0);
    const [, ...second] = lastCommit();
    expect(second.filter(Boolean)).toHaveLength(1);
    expect(second.filter(Boolean)[0]).toMatch(/^entries\/.*-gratitude-alex(-2)?\.md$/);
    expect(git(dir, ['diff', '--cached', '--name-only'], env).trim().split('\n').sort()).toEqual([
      'intimacy.yaml',
      'notes.txt',
    ]);
  });
});
