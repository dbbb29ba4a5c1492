import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok, syncedPair } from '../sync/partners.js';

afterAll(() => cleanupTemp());

describe("a partner's entry with a very long author or type", { timeout: 120_000 }, () => {
  it('takes no more than its column in log and grep: every other line keeps its words on screen', async () => {
    const { alex, jordan } = await syncedPair();
    await ok(alex.run(['gratitude', 'the soup you made']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const month = path.join(jordan.dir, 'entries', '2026', '11');
    mkdirSync(month, { recursive: true });
    // A letter past U+FFFF where the cut falls: cut through its surrogate pair, it would print U+FFFD.
    const long = `${'J'.repeat(22)}\u{1D400}${'J'.repeat(3000)}`;
    writeFileSync(
      path.join(month, '20261121T100000Z-gratitude-jordan.md'),
      `---\ntype: "${'x'.repeat(500)}"\nauthor: "${long}"\ndate: "2026-11-21T10:00:00+00:00"\ntags: []\n---\n\nlong names\n`,
    );
    git(jordan.dir, ['add', '-A']);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qm', 'long']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    await ok(alex.run(['sync']));

    const log = await ok(alex.run(['log']));
    const lines = log.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.length, line.slice(0, 120)).toBeLessThanOrEqual(160);
    const mine = lines.find((line) => line.includes('the soup you made'));
    expect(mine).toBeDefined();
    const theirs = lines.find((line) => line.includes('long names'))!;
    expect(theirs).toContain(`${'J'.repeat(22)}\u{1D400}…`);
    expect(log.stdout).not.toContain('\ufffd');
    // Still one column: the words start where the other line's do.
    // Counted in characters, as the terminal shows them.
    const column = (line: string, words: string) => [...line.slice(0, line.indexOf(words))].length;
    expect(column(theirs, 'long names')).toBe(column(mine!, 'the soup you made'));

    // grep's heading of a hit is cut the same way.
    const found = await ok(alex.run(['grep', 'long names']));
    for (const line of found.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(160);
    expect(found.stdout).toContain(`${'J'.repeat(22)}\u{1D400}…`);
  });
});
