import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runCli } from '../helpers/cli.js';
import { pushAs, writeEntryFile } from '../helpers/partner-writes.js';
import { entryFiles, ok, syncedPair } from '../sync/partners.js';

/*
 * Characters that show as nothing (a zero-width space, a byte-order mark, a soft hyphen) make
 * one name read as another: an entry by "Al\u200bex" lists as Alex's. From the partner or typed,
 * a name holding one is refused like a name holding an escape, and a line that names such a
 * thing shows the character as an escape.
 */

const ZWSP = '\u200b';
/** Each of them alone (a class of them would read as one character joined to the next). */
const INVISIBLE = /[\u00ad\u115f\u1160\u180e\u200b\u2060-\u2064\u3164\ufeff\uffa0]|\u034f/u;

afterAll(() => cleanupTemp());

describe('names that read as another', { timeout: 120_000 }, () => {
  it("an entry whose author or tag holds an invisible character is not listed as the partner's, and is named as unreadable", async () => {
    const { alex, jordan } = await syncedPair();
    // Written by Jordan, signed "Al​ex": every listing would show it as Alex's own.
    const spoof = writeEntryFile(
      jordan.dir,
      '20261121T100000Z-gratitude-alex.md',
      ['type: "gratitude"', `author: "Al${ZWSP}ex"`, 'date: "2026-11-21T10:00:00+00:00"', 'tags: []', 'for: "Jordan"'],
      'I never wrote this',
    );
    const tagged = writeEntryFile(
      jordan.dir,
      '20261122T100000Z-gratitude-jordan.md',
      ['type: "gratitude"', 'author: "Jordan"', 'date: "2026-11-22T10:00:00+00:00"', 'tags: ["date\\ufeffnight"]'],
      'tagged',
    );
    writeEntryFile(
      jordan.dir,
      '20261123T100000Z-gratitude-jordan.md',
      ['type: "gratitude"', 'author: "Jordan"', 'date: "2026-11-23T10:00:00+00:00"', 'tags: []'],
      `plain words, with a zero${ZWSP}width space in the text`,
    );
    pushAs(jordan.dir, 'three entries');

    const synced = await ok(alex.run(['sync']));
    // The summary names the author by the file's name, never the spoofing one.
    expect(synced.stdout + synced.stderr).not.toMatch(INVISIBLE);

    const log = await ok(alex.run(['log']));
    expect(log.stdout).toMatch(/gratitude {2}Jordan {2}plain words/);
    expect(log.stdout).not.toContain('I never wrote this');
    expect(log.stdout).not.toContain('tagged');
    expect(
      log.stdout
        .split('\n')
        .filter((line) => !line.includes('plain words'))
        .join('\n'),
    ).not.toMatch(INVISIBLE);
    expect(log.stderr).not.toMatch(INVISIBLE);
    expect(log.stderr).toContain(`skipped ${spoof}: "author" holds an invisible character (U+200B)`);
    expect(log.stderr).toContain(`skipped ${tagged}: "tags" holds an invisible character (U+FEFF)`);

    // The entry's own text (its first words in the log, its lines in show) keeps the writer's
    // characters: prose in some scripts is written with them, and they make no name read as another.
    const shown = await ok(alex.run(['show', 'last']));
    expect(shown.stdout).toContain(`zero${ZWSP}width`);

    const doctor = await alex.run(['doctor']);
    expect(doctor.stdout).toContain(`${spoof}: "author" holds an invisible character (U+200B)`);
    // Nothing was rewritten or removed: both files are still there as Jordan wrote them.
    expect(entryFiles(alex.dir)).toEqual(expect.arrayContaining([spoof, tagged]));
    expect(readFileSync(path.join(alex.dir, spoof), 'utf8')).toContain(`Al${ZWSP}ex`);
  });

  it('a file name holding an invisible character is refused at sync, and the fix given runs as pasted', async () => {
    const { alex, jordan } = await syncedPair();
    await ok(alex.run(['gratitude', 'mine, before']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const name = `20261121T100000Z-gratitude-al${ZWSP}ex's.md`;
    writeEntryFile(
      jordan.dir,
      name,
      ['type: "gratitude"', 'author: "Jordan"', 'date: "2026-11-21T10:00:00+00:00"', 'tags: []'],
      'hidden',
    );
    pushAs(jordan.dir, 'a look-alike name');

    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).not.toMatch(INVISIBLE);
    expect(refused.stderr).toContain('"entries/2026/11/20261121T100000Z-gratitude-al\\u200bex\'s.md"');
    expect(refused.stderr).toContain('control or invisible characters');
    const fix = /\(in their journal: (git rm [^,]+), then git commit/.exec(refused.stderr)?.[1];
    expect(fix).toBe(`git rm -r --cached -- $'entries/2026/11/20261121T100000Z-gratitude-al\\xe2\\x80\\x8bex\\'s.md'`);

    // Jordan pastes it into bash: the file leaves git (it stays in their folder, untracked).
    const ran = spawnSync('bash', ['-c', fix!], { cwd: jordan.dir, encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qm', 'take it out']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    await ok(alex.run(['sync']));
    expect(entryFiles(alex.dir).some((file) => file.includes(ZWSP))).toBe(false);
    expect((await ok(alex.run(['log']))).stdout).toContain('mine, before');
  });

  it('a name or tag typed with an invisible character is refused, and nothing is written', async () => {
    const { alex } = await syncedPair();
    const before = entryFiles(alex.dir);
    const tag = await alex.run(['gratitude', 'words', '--tag', `date${ZWSP}night`]);
    expect(tag.code).not.toBe(0);
    expect(tag.stderr).toContain('A tag cannot hold an invisible character (U+200B).');
    const forWhom = await alex.run(['gratitude', 'words', '--for', `Jor\u00addan`]);
    expect(forWhom.code).not.toBe(0);
    expect(forWhom.stderr).toContain('--for cannot hold an invisible character (U+00AD)');
    expect(entryFiles(alex.dir)).toEqual(before);

    const root = path.dirname(alex.dir);
    const started = await runCli(['init', path.join(root, 'other'), '--me', `Sa\ufeffm`, '--partner', 'Kai'], {
      env: alex.env,
    });
    expect(started.code).not.toBe(0);
    expect(started.stderr).toContain('--me cannot hold an invisible character (U+FEFF)');
  });

  it("a partner's name in intimacy.yaml holding an invisible character is left out and named escaped", async () => {
    const { alex, jordan } = await syncedPair();
    const file = path.join(jordan.dir, 'intimacy.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /partners:.*\n(\s+- .*\n)*/,
        `partners:\n  - Alex\n  - Jordan\n  - "Jor${ZWSP}dan"\n`,
      ),
    );
    pushAs(jordan.dir, 'a look-alike partner');
    const synced = await alex.run(['sync']);
    expect(synced.stdout + synced.stderr).not.toMatch(INVISIBLE);
    const partners = await alex.run(['partners']);
    expect(partners.stdout + partners.stderr).not.toMatch(INVISIBLE);
    expect(partners.stdout + partners.stderr).toContain('"Jor\\u200bdan" holds an invisible character (U+200B)');
  });
});
