import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { pushAs, writeEntryFile } from '../helpers/partner-writes.js';
import { entryFiles, ok, syncedPair } from '../sync/partners.js';

/*
 * The joiners, the variation selectors and the tag characters show as nothing. In an emoji or a
 * script written with them they are part of the text; between Latin letters, or as tag
 * characters after a name, they make one that reads as another, or carry words no one sees.
 */

afterAll(() => cleanupTemp());

const ZWJ = '\u200d';
const COUPLE = '\u{1F469}\u200D\u2764\uFE0F\u200D\u{1F468}';
const RAW = new RegExp(`[${'\\u200c\\u200d\\ufe0f\\u{e0000}-\\u{e0fff}\\u180b\\u{1d173}'}]`, 'u');

describe('joiners out of their place', { timeout: 120_000 }, () => {
  it("an entry signed with a joiner inside Alex's name, or with hidden tag characters, is not Alex's; an emoji tag is kept", async () => {
    const { alex, jordan } = await syncedPair();
    const spoof = writeEntryFile(
      jordan.dir,
      '20261121T100000Z-gratitude-alex.md',
      ['type: "gratitude"', `author: "Al${ZWJ}ex"`, 'date: "2026-11-21T10:00:00+00:00"', 'tags: []'],
      'I never wrote this',
    );
    const smuggled = writeEntryFile(
      jordan.dir,
      '20261122T100000Z-gratitude-jordan.md',
      [
        'type: "gratitude"',
        'author: "Jordan"',
        'date: "2026-11-22T10:00:00+00:00"',
        'tags: ["walk\\U000E0061\\U000E0062"]',
      ],
      'smuggled',
    );
    writeEntryFile(
      jordan.dir,
      '20261123T100000Z-gratitude-jordan.md',
      ['type: "gratitude"', 'author: "Jordan"', 'date: "2026-11-23T10:00:00+00:00"', `tags: ["${COUPLE}"]`],
      'the two of us',
    );
    pushAs(jordan.dir, 'three entries');

    const synced = await ok(alex.run(['sync']));
    expect(synced.stdout + synced.stderr).not.toMatch(RAW);
    const log = await ok(alex.run(['log']));
    expect(log.stdout).not.toContain('I never wrote this');
    expect(log.stdout).not.toContain('smuggled');
    expect(log.stdout).toMatch(/gratitude {2}Jordan {2}the two of us/);
    expect(log.stderr).toContain(`skipped ${spoof}: "author" holds an invisible character (U+200D)`);
    expect(log.stderr).toContain(`skipped ${smuggled}: "tags" holds an invisible character (U+E0061)`);
    // The emoji tag is a tag: found by it, shown whole.
    const tagged = await ok(alex.run(['log', '--tag', COUPLE]));
    expect(tagged.stdout).toContain('the two of us');
    expect((await ok(alex.run(['show', 'last', '--json']))).stdout).toContain(COUPLE);
    expect(readFileSync(path.join(alex.dir, spoof), 'utf8')).toContain(`Al${ZWJ}ex`);
  });

  it('a file name with a joiner between Latin letters is refused at sync, and the fix runs as pasted', async () => {
    const { alex, jordan } = await syncedPair();
    await ok(alex.run(['gratitude', 'mine, before']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeEntryFile(
      jordan.dir,
      `20261121T100000Z-gratitude-al${ZWJ}ex.md`,
      ['type: "gratitude"', 'author: "Jordan"', 'date: "2026-11-21T10:00:00+00:00"', 'tags: []'],
      'hidden',
    );
    pushAs(jordan.dir, 'a look-alike name');

    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).not.toMatch(RAW);
    expect(refused.stderr).toContain('"entries/2026/11/20261121T100000Z-gratitude-al\\u200dex.md"');
    const fix = /\(in their journal: (git rm [^,]+), then git commit/.exec(refused.stderr)?.[1];
    expect(fix).toBe(`git rm -r --cached -- $'entries/2026/11/20261121T100000Z-gratitude-al\\xe2\\x80\\x8dex.md'`);
    const ran = spawnSync('bash', ['-c', fix!], { cwd: jordan.dir, encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qm', 'take it out']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    await ok(alex.run(['sync']));
    expect(entryFiles(alex.dir).some((file) => file.includes(ZWJ))).toBe(false);
  });

  it('typed: a joiner inside a Latin name is refused, an emoji tag is written', async () => {
    const { alex } = await syncedPair();
    const before = entryFiles(alex.dir);
    const refused = await alex.run(['gratitude', 'words', '--for', `Jor${ZWJ}dan`]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--for cannot hold an invisible character (U+200D)');
    const music = await alex.run(['gratitude', 'words', '--tag', 'song\u{1D173}']);
    expect(music.code).not.toBe(0);
    expect(music.stderr).toContain('A tag cannot hold an invisible character (U+1D173).');
    expect(entryFiles(alex.dir)).toEqual(before);
    await ok(alex.run(['gratitude', 'for the flowers', '--tag', COUPLE]));
    expect((await ok(alex.run(['log', '--tag', COUPLE]))).stdout).toContain('for the flowers');
  });

  it("sync's summary never names Alex for a partner's entry whose author is not read, whatever its file name says", async () => {
    const { alex, jordan } = await syncedPair();
    writeEntryFile(
      jordan.dir,
      '20261121T110000Z-gratitude-alex.md',
      ['type: "gratitude"', `author: "Jordan${ZWJ}"`, 'date: "2026-11-21T11:00:00+00:00"', 'tags: []'],
      'signed oddly',
    );
    pushAs(jordan.dir, 'an entry named as Alex’s');
    const synced = await ok(alex.run(['sync']));
    expect(synced.stdout).toContain('1 new entry from Jordan');
    expect(synced.stdout).not.toContain('from Alex');
  });
});
