import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runCli, tempDir } from '../helpers/cli.js';
import { pushAs, writeEntryFile } from '../helpers/partner-writes.js';
import { bareRemote, entryFiles, note, ok, partner, read, syncedPair } from '../sync/partners.js';

/*
 * A name spelled with letters of another script that look like the partner's ("Аlex" with a
 * Cyrillic А) is another name to the journal, and showed as the partner in every listing. It
 * is never shown as the partner's now, and never taken as a partner's name.
 */

afterAll(() => cleanupTemp());

const CYRILLIC_A = '\u0410';
const FAKE = `${CYRILLIC_A}lex`;

/** Alex's entry, and one of Jordan's signed with the look-alike name, pushed for Alex to sync. */
async function signedAsAlex() {
  const { alex, jordan } = await syncedPair();
  await ok(alex.run(['gratitude', 'my own words']));
  writeEntryFile(
    jordan.dir,
    '20261121T100000Z-gratitude-jordan.md',
    ['type: "gratitude"', `author: "${FAKE}"`, 'date: "2026-11-21T10:00:00+00:00"', 'tags: []'],
    'I owe Jordan a holiday',
  );
  pushAs(jordan.dir, 'a signed entry');
  return { alex, jordan };
}

describe('a name that reads as the partner’s', { timeout: 120_000 }, () => {
  it('an entry signed with it is never shown as Alex’s: sync, log and show name it with the letter escaped', async () => {
    const { alex } = await signedAsAlex();
    const synced = await ok(alex.run(['sync']));
    expect(synced.stdout).toContain('1 new entry from \\u0410lex');
    expect(synced.stdout).not.toContain(FAKE);
    const log = await ok(alex.run(['log']));
    const line = log.stdout.split('\n').find((l) => l.includes('I owe Jordan'));
    expect(line).toMatch(/gratitude {2}\\u0410lex {2}I owe Jordan/);
    expect(log.stdout).not.toContain(FAKE);
    // Not Alex's: Alex's own entries are only Alex's.
    const mine = await ok(alex.run(['log', '--author', 'Alex']));
    expect(mine.stdout).toContain('my own words');
    expect(mine.stdout).not.toContain('I owe Jordan');
    // The file is as Jordan wrote it.
    expect(readFileSync(path.join(alex.dir, 'entries/2026/11/20261121T100000Z-gratitude-jordan.md'), 'utf8')).toContain(
      FAKE,
    );
  });

  it('as data (--json of log, show, grep, export, stats, week) it is the name as written, and --author finds its entries by that name', async () => {
    const { alex } = await signedAsAlex();
    await ok(alex.run(['sync']));

    type Item = { author: string; excerpt?: string; body?: string };
    const authors = (stdout: string) => (JSON.parse(stdout) as Item[]).map((item) => item.author);
    // A script reads the name as the file has it, and tells it from Alex's by comparing.
    expect(authors((await ok(alex.run(['log', '--json']))).stdout)).toEqual(['Alex', FAKE]);
    expect(authors((await ok(alex.run(['show', '20261121T100000Z-gratitude-jordan', '--json']))).stdout)).toEqual([
      FAKE,
    ]);
    expect(authors((await ok(alex.run(['grep', 'holiday', '--json']))).stdout)).toEqual([FAKE]);
    expect(authors((await ok(alex.run(['export', '--format', 'json']))).stdout)).toEqual([FAKE, 'Alex']);
    // The Markdown export is for people: the letter is escaped there, as in log.
    const markdown = (await ok(alex.run(['export']))).stdout;
    expect(markdown).toContain('\\u0410lex');
    expect(markdown).not.toContain(FAKE);

    // --author by the name as written finds the entry, in a listing and as data alike.
    for (const json of [[], ['--json']]) {
      const found = await ok(alex.run(['log', '--author', FAKE, ...json]));
      expect(found.stdout, json.join(' ')).toContain('I owe Jordan');
      expect(found.stdout).not.toContain('my own words');
    }
    const alexs = await ok(alex.run(['log', '--author', 'Alex', '--json']));
    expect(authors(alexs.stdout)).toEqual(['Alex']);

    // The figures of stats and week likewise: as written in --json, escaped for people.
    const stats = JSON.parse((await ok(alex.run(['stats', '--json']))).stdout) as {
      gratitude: { perPartner: Record<string, number[]> };
    };
    expect(Object.keys(stats.gratitude.perPartner)).toContain(FAKE);
    expect(Object.keys(stats.gratitude.perPartner)).not.toContain('\\u0410lex');
    const shownStats = (await ok(alex.run(['stats']))).stdout;
    expect(shownStats).toContain('\\u0410lex');
    expect(shownStats).not.toContain(FAKE);
    const week = JSON.parse((await ok(alex.run(['week', '2026-11-21', '--json']))).stdout) as {
      people: Array<{ name: string }>;
    };
    expect(week.people.map((p) => p.name)).toContain(FAKE);
    const shownWeek = (await ok(alex.run(['week', '2026-11-21']))).stdout;
    expect(shownWeek).toContain('\\u0410lex');
    expect(shownWeek).not.toContain(FAKE);
  });

  it('typed as a partner’s name beside the one it reads as, it is refused and nothing is written', async () => {
    const { alex, jordan } = await syncedPair();
    const settings = read(jordan.dir, 'intimacy.yaml');
    const rename = await jordan.run(['partners', 'rename', 'Jordan', FAKE]);
    expect(rename.code).toBe(2);
    expect(rename.stderr).toContain(
      '"\\u0410lex" reads as Alex but is spelled with other letters (U+0410): every listing would show one partner as the other.',
    );
    const set = await alex.run(['partners', 'set', 'Alex', FAKE]);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('reads as Alex but is spelled with other letters (U+0410)');
    expect(read(jordan.dir, 'intimacy.yaml')).toBe(settings);
    expect(read(alex.dir, 'intimacy.yaml')).toBe(settings);

    const root = path.dirname(alex.dir);
    const before = entryFiles(alex.dir);
    const started = await runCli(['init', path.join(root, 'other'), '--me', 'Alex', '--partner', FAKE], {
      env: alex.env,
    });
    expect(started.code).toBe(2);
    expect(started.stderr).toContain('reads as Alex but is spelled with other letters (U+0410)');
    expect(entryFiles(alex.dir)).toEqual(before);
    // A name of its own in another script is a name like any other.
    const own = await runCli(['init', path.join(root, 'third'), '--me', 'Alex', '--partner', 'Алёна'], {
      env: alex.env,
    });
    expect(own.code, own.stderr).toBe(0);
  });

  it('in a partner’s intimacy.yaml, it is left out and named, with the letter it holds', async () => {
    const { alex, jordan } = await syncedPair();
    const file = path.join(jordan.dir, 'intimacy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/Jordan/, FAKE));
    pushAs(jordan.dir, 'a look-alike partner');
    await ok(alex.run(['sync']));
    const partners = await ok(alex.run(['partners']));
    expect(partners.stdout + partners.stderr).toContain(
      'intimacy.yaml names a partner who is left out here: "\\u0410lex" reads as Alex but is spelled with other letters (U+0410)',
    );
    expect(partners.stdout + partners.stderr).not.toContain(FAKE);
  });

  it("a commit authored with it does not name the copy of the partner's version as Alex's", async () => {
    const { alex, jordan } = await syncedPair();
    const entry = await note(alex, 'the market on Sunday');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeFileSync(path.join(alex.dir, entry), `${read(alex.dir, entry)}\nAlex: the peaches\n`);
    writeFileSync(path.join(jordan.dir, entry), `${read(jordan.dir, entry)}\nJordan: the bread\n`);
    git(jordan.dir, ['-c', `user.name=${FAKE}`, '-c', 'user.email=j@example.com', 'commit', '-qam', 'edit']);
    git(jordan.dir, ['push', '-q', 'origin', 'HEAD:main']);
    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toContain(`you and Jordan both changed ${entry}`);
    expect(synced.stdout + synced.stderr).not.toContain(FAKE);
    expect(read(alex.dir, entry.replace(/\.md$/, '-conflict_jordan.md'))).toContain('the bread');
  });

  it('given as --me when cloning a journal of one partner, it is refused before this clone records it', async () => {
    const root = tempDir('intimacy-alike-');
    const remote = bareRemote(root);
    const alex = partner('Alex', root);
    await ok(runCli(['init', alex.dir, '--me', 'Alex', '--remote', remote], { env: alex.env }));
    await ok(alex.run(['sync']));
    const jordan = partner('Jordan', root);
    const cloned = await runCli(['clone', remote, jordan.dir, '--me', FAKE], { env: jordan.env });
    expect(cloned.code).toBe(2);
    expect(cloned.stderr).toContain('reads as Alex but is spelled with other letters (U+0410)');
    const recorded = spawnSync('git', ['-C', jordan.dir, 'config', '--get', 'intimacy.me'], { encoding: 'utf8' });
    expect(recorded.stdout).toBe('');
    expect(read(jordan.dir, 'intimacy.yaml')).not.toContain(FAKE);
  });
});
