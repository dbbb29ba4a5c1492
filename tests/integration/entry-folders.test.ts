import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, TEST_NOW } from '../helpers/cli.js';
import { note, ok, syncedPair } from '../sync/partners.js';

/*
 * git carries a folder named like an entry (holding a file) as readily as the entry itself: a
 * partner's slip (an entry "saved" into a folder of its own name) or a hostile commit. It is no
 * entry, and must not vanish from log and show without a word, or pass doctor unnamed.
 */

afterAll(cleanupTemp);

const month = `entries/${TEST_NOW.slice(0, 4)}/${TEST_NOW.slice(5, 7)}`;

describe('a folder under entries/ named like an entry or a reply', { timeout: 120_000 }, () => {
  it('is named by log, show and doctor, with what to do, and the entries around it still read', async () => {
    const { alex, jordan } = await syncedPair();
    await note(alex, 'an entry beside the folders');
    await ok(alex.run(['sync']));
    const entryLike = `${month}/20261125T190000Z-gratitude-jordan.md`;
    const replyLike = `${month}/20261125T190500Z-reply-jordan.md`;
    for (const folder of [entryLike, replyLike]) {
      mkdirSync(path.join(jordan.dir, folder), { recursive: true });
      writeFileSync(path.join(jordan.dir, folder, 'inside.md'), '---\ntype: gratitude\n---\n\nhidden words\n');
    }
    git(jordan.dir, ['pull', '-q', '--ff-only', 'origin', 'main']);
    git(jordan.dir, ['add', 'entries']);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@x', 'commit', '-q', '-m', 'folders']);
    git(jordan.dir, ['push', '-q', 'origin', 'HEAD:main']);
    await ok(alex.run(['sync']));
    const reason =
      'a folder named like an entry file, and an entry is a file: move what it holds out of it and remove the folder';

    const log = await ok(alex.run(['log']));
    expect(log.stdout).toContain('an entry beside the folders');
    expect(log.stderr.trim().split('\n').sort()).toEqual(
      [`warning: skipped ${entryLike}: ${reason}`, `warning: skipped ${replyLike}: ${reason}`].sort(),
    );
    const show = await alex.run(['show', '20261125T190000Z-gratitude-jordan']);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain(`warning: skipped ${entryLike}: ${reason}`);

    const doctor = await alex.run(['doctor', '--json']);
    expect(doctor.code).toBe(0);
    const checks = JSON.parse(doctor.stdout).checks as Array<{
      id: string;
      status: string;
      summary: string;
      details?: string[];
    }>;
    expect(checks.find((check) => check.id === 'entry-folders')).toMatchObject({
      status: 'warn',
      summary: '2 folders under entries/ are named like an entry file; they are left out of every listing.',
      details: [entryLike, replyLike],
    });
  });
});
