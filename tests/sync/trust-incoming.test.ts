import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runBinary, TEST_NOW } from '../helpers/cli.js';
import { head, privateFiles, pushAttack, takeBack, tracked } from './attack.js';
import { entryFiles, expectHealthy, note, ok, partner, read, syncedPair } from './partners.js';

/*
 * Everything that arrives from the partner is untrusted: these drive the built CLI against
 * commits the partner's side pushes with plain git, and check that nothing of this computer's
 * own (.intimacy/) can be deleted or spoofed, that links, submodules and giant files never
 * reach the disk, and that a history removing your entries never removes them here.
 */

afterAll(cleanupTemp);

const month = `entries/${TEST_NOW.slice(0, 4)}/${TEST_NOW.slice(5, 7)}`;

describe('what a partner commits into .intimacy/ never lands', { timeout: 120_000 }, () => {
  it('refuses every spelling of .intimacy, through a fast-forward, a real merge and a clone', async () => {
    const { root, remote, alex, jordan } = await syncedPair({}, true);
    await ok(alex.run(['gratitude', '--private', 'only mine']));
    await note(alex, 'shared');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const privateBefore = privateFiles(alex.dir);
    expect(privateBefore).toHaveLength(1);
    const outside = path.join(root, 'elsewhere');
    mkdirSync(outside);
    const forged = `.intimacy/private/${month}/20261120T100000Z-gratitude-alex.md`;
    const forgedText =
      '---\ntype: "gratitude"\nauthor: "Alex"\ndate: "2026-11-20T10:00:00+00:00"\ntags: []\n---\n\n## What I am grateful for\n\nforged by the partner\n';
    const inJordan = (file: string) => path.join(jordan.dir, file);
    const variants: Array<{ name: string; top: string; change: () => void; paths: string[] }> = [
      {
        name: '.intimacy as a file',
        top: '.intimacy',
        change: () => {
          rmSync(inJordan('.intimacy'), { recursive: true, force: true });
          writeFileSync(inJordan('.intimacy'), 'x\n');
        },
        paths: ['.intimacy'],
      },
      {
        name: '.intimacy as a link to a folder elsewhere',
        top: '.intimacy',
        change: () => {
          rmSync(inJordan('.intimacy'), { recursive: true, force: true });
          symlinkSync(outside, inJordan('.intimacy'));
        },
        paths: ['.intimacy'],
      },
      {
        name: 'a spoofed private entry',
        top: '.intimacy',
        change: () => {
          rmSync(inJordan('.intimacy'), { recursive: true, force: true });
          mkdirSync(path.dirname(inJordan(forged)), { recursive: true });
          writeFileSync(inJordan(forged), forgedText);
        },
        paths: [forged],
      },
      {
        name: 'another case (.INTIMACY), as a case-insensitive disk reads it',
        top: '.INTIMACY',
        change: () => {
          mkdirSync(inJordan('.INTIMACY/private/entries'), { recursive: true });
          writeFileSync(inJordan('.INTIMACY/private/entries/x.md'), forgedText);
        },
        paths: ['.INTIMACY'],
      },
      {
        name: 'a zero-width joiner inside, which HFS+ ignores',
        top: '.int\u200cimacy',
        change: () => {
          mkdirSync(inJordan('.int\u200cimacy/private'), { recursive: true });
          writeFileSync(inJordan('.int\u200cimacy/private/x.md'), forgedText);
        },
        paths: ['.int\u200cimacy'],
      },
      {
        name: 'a trailing dot, which Windows drops',
        top: '.intimacy.',
        change: () => {
          mkdirSync(inJordan('.intimacy./drafts'), { recursive: true });
          writeFileSync(inJordan('.intimacy./drafts/gratitude-alex.json'), '{}\n');
        },
        paths: ['.intimacy.'],
      },
    ];
    for (const [i, variant] of variants.entries()) {
      // every other one arrives through a real merge: Alex has a commit of his own to send
      const local = i % 2 === 1 ? await note(alex, `local ${i}`) : undefined;
      pushAttack(jordan, variant.change, variant.paths);
      const before = head(alex.dir);
      const refused = await alex.run(['sync']);
      expect(refused.code, `${variant.name}: ${refused.stderr}`).toBe(1);
      expect(refused.stderr, variant.name).toMatch(
        /Jordan's history brings .*which this journal refuses: \.intimacy\/ belongs to this computer only.*Nothing was merged/,
      );
      expect(refused.stderr).toMatch(/git rm -r --cached -- /);
      expect(head(alex.dir), variant.name).toBe(before);
      expect(privateFiles(alex.dir), variant.name).toEqual(privateBefore);
      expect(readdirNames(outside), variant.name).toEqual([]);
      if (local) expect(read(alex.dir, local)).toContain(`local ${i}`);
      const log = await ok(alex.run(['log']));
      expect(log.stdout).not.toContain('forged');
      if (variant.name === 'a spoofed private entry') {
        // Alex's second laptop: the clone refuses it too, and leaves nothing behind.
        const laptop = partner('Alex', root, {}, true);
        const target = path.join(root, 'alex2');
        const cloned = await runBinary(['clone', remote, target, '--me', 'Alex'], { env: laptop.env });
        expect(cloned.code).toBe(1);
        expect(cloned.stderr).toMatch(
          /holds \.intimacy\/private\/.*belongs to this computer only.*Nothing was created here/,
        );
        expect(existsSync(target)).toBe(false);
      }
      // The partner follows the advice, and the next sync goes through.
      takeBack(jordan, [variant.top]);
      const after = await ok(alex.run(['sync']));
      expect(after.stderr).not.toMatch(/error/);
      expect(privateFiles(alex.dir)).toEqual(privateBefore);
      expect(existsSync(path.join(alex.dir, '.intimacy', 'private'))).toBe(true);
      expectHealthy(alex.dir);
      rmSync(inJordan(variant.top), { recursive: true, force: true });
      git(jordan.dir, ['pull', '--quiet', '--ff-only', 'origin', 'main']);
    }
    expect((await ok(alex.run(['log']))).stdout).toContain('only mine');
  });
});

function readdirNames(dir: string): string[] {
  return spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

describe('links, submodules, giant files and files turned into folders never reach the disk', {
  timeout: 120_000,
}, () => {
  it('refuses each, naming the path, without touching the journal, and a link to a FIFO never blocks', async () => {
    const { root, alex, jordan } = await syncedPair({}, true);
    const mine = await note(alex, 'mine, under entries/');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const fifo = path.join(root, 'fifo');
    spawnSync('mkfifo', [fifo]);
    const secret = path.join(root, 'secret.yaml');
    writeFileSync(secret, 'partners: ["Alex", "Jordan"]\nbank_pin: 4321\n');
    const inJordan = (file: string) => path.join(jordan.dir, file);
    const entry = (n: number) => `${month}/20261125T1000${String(n).padStart(2, '0')}Z-gratitude-jordan.md`;
    const attacks: Array<{ name: string; change: () => void; take: string; why: RegExp }> = [
      {
        name: 'an entry that is a link to a FIFO',
        change: () => symlinkSync(fifo, inJordan(entry(1))),
        take: entry(1),
        why: /a link could point anywhere/,
      },
      {
        name: 'intimacy.yaml replaced by a link to a file of the victim',
        change: () => {
          rmSync(inJordan('intimacy.yaml'));
          symlinkSync(secret, inJordan('intimacy.yaml'));
        },
        take: 'intimacy.yaml',
        why: /a link could point anywhere/,
      },
      {
        name: 'the folder of Alex’s entry replaced by a file',
        change: () => {
          rmSync(inJordan(month), { recursive: true });
          writeFileSync(inJordan(month), 'not a folder\n');
        },
        take: month,
        why: /replaces a file with a folder or a folder with a file/,
      },
      {
        name: 'a name Windows cannot check out',
        change: () => writeFileSync(inJordan(`${month}/CON.md`), 'x\n'),
        take: `${month}/CON.md`,
        why: /cannot be checked out on every computer/,
      },
      {
        // found by Alex's own id (ids are found whatever their case), and one file on macOS
        name: 'an entry named as Alex’s but for its case',
        change: () =>
          writeFileSync(
            inJordan(mine.replace('-gratitude-alex', '-Gratitude-Alex')),
            '---\ntype: gratitude\nauthor: Alex\ndate: 2026-11-25T10:00:00Z\ntags: []\n---\n\nforged\n',
          ),
        take: mine.replace('-gratitude-alex', '-Gratitude-Alex'),
        why: /differs from it only in case, so it could stand in for that file/,
      },
      {
        // once listed as Alex's version, and put in place of Alex's words by --keep mine
        name: 'a conflict copy named as Alex’s, made by no sync',
        change: () =>
          writeFileSync(
            inJordan(mine.replace('.md', '-conflict_alex.md')),
            '---\ntype: gratitude\nauthor: Alex\ndate: 2026-11-25T10:00:00Z\ntags: []\n---\n\nI owe Jordan 1000 dollars\n',
          ),
        take: mine.replace('.md', '-conflict_alex.md'),
        why: /named as a conflict copy holding your version, but holds words this journal never had from you/,
      },
      {
        // refused once, for what it is: not also as a copy that holds no version of Alex's
        name: 'a link named as Alex’s conflict copy',
        change: () => symlinkSync(secret, inJordan(mine.replace('.md', '-conflict_alex.md'))),
        take: mine.replace('.md', '-conflict_alex.md'),
        why: /refuses: a journal holds files only, and a link could point anywhere/,
      },
      {
        name: 'a folder beside entries/ but for its case',
        change: () => {
          mkdirSync(inJordan('Entries'));
          writeFileSync(inJordan('Entries/x.md'), 'x\n');
        },
        take: 'Entries/x.md',
        why: /differs from it only in case/,
      },
      {
        name: 'a 17 MiB file',
        change: () => writeFileSync(inJordan(entry(2)), Buffer.alloc(17 * 1024 * 1024, 'a')),
        take: entry(2),
        why: /bigger than any journal file/,
      },
    ];
    for (const attack of attacks) {
      pushAttack(jordan, attack.change);
      const before = head(alex.dir);
      const started = performance.now();
      const refused = await alex.run(['sync']);
      expect(performance.now() - started, attack.name).toBeLessThan(10_000);
      expect(refused.code, `${attack.name}: ${refused.stderr}`).toBe(1);
      expect(refused.stderr, attack.name).toMatch(attack.why);
      expect(refused.stderr, attack.name).toContain(attack.take);
      expect(head(alex.dir)).toBe(before);
      expect(read(alex.dir, mine)).toContain('mine, under entries/');
      expectHealthy(alex.dir);
      takeBack(jordan, [attack.take]);
      await ok(alex.run(['sync']));
      // the partner's own clone, put right again as they would: the stray file gone, Alex's merge pulled
      rmSync(inJordan(attack.take), { recursive: true, force: true });
      git(jordan.dir, ['pull', '--quiet', '--ff-only', 'origin', 'main']);
      expect(read(jordan.dir, 'intimacy.yaml')).toContain('Jordan');
    }
    // A submodule (gitlink) in the journal's content.
    const commit = head(jordan.dir);
    git(jordan.dir, ['update-index', '--add', '--cacheinfo', `160000,${commit},${month}/sub`]);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@x', 'commit', '-q', '--no-verify', '-m', 'sub']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'HEAD:main']);
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /sub, which this journal refuses: a journal holds files only, not other repositories/,
    );
    expect(readFileSync(secret, 'utf8')).toContain('bank_pin');
    expect(tracked(alex.dir)).not.toContain(`${month}/sub`);
  });
});

describe('a history that removes your entries', { timeout: 120_000 }, () => {
  it('never removes them here: they are kept, named and shared again; the partner’s own removals are named', async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const first = await note(alex, 'the first of mine');
    const second = await note(alex, 'the second of mine');
    await ok(alex.run(['sync']));
    const theirs = await note(jordan, "Jordan's own");
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    const renamed = second.replace(/-alex(-\d+)?\.md$/, '-jordan$1.md');
    pushAttack(jordan, () => {
      git(jordan.dir, ['rm', '-q', first, theirs]);
      git(jordan.dir, ['mv', second, renamed]);
    });

    const synced = await ok(alex.run(['sync']));
    expect(synced.stderr).toContain(
      `Jordan's history removes 1 of your entries: ${first}. It was kept (a deletion never wins over an entry) and is shared again`,
    );
    expect(synced.stderr).toContain(
      `Jordan's history renames your entry ${second} to ${renamed}; both names are kept (a rename never removes yours)`,
    );
    expect(synced.stdout).not.toMatch(/new entr/); // a rename brings no new entry
    expect(synced.stderr).toMatch(
      new RegExp(
        `Jordan's history removes 1 file: ${theirs} \\(to read one again: git -C .* show [0-9a-f]+:${theirs}\\)`,
      ),
    );
    for (const file of [first, second]) {
      expect(read(alex.dir, file)).toMatch(/of mine/);
      expect(tracked(alex.dir)).toContain(file);
    }
    expect(existsSync(path.join(alex.dir, theirs))).toBe(false);
    expectHealthy(alex.dir);
    // The command the message gives reads the removed entry back.
    const hint = /to read one again: (git .*)\)/.exec(synced.stderr)?.[1] ?? '';
    const shown = spawnSync('sh', ['-c', hint], { encoding: 'utf8' });
    expect(shown.stdout).toContain("Jordan's own");

    // The remote holds Alex's entries again, and so does Jordan after syncing.
    await ok(jordan.run(['sync']));
    expect(entryFiles(jordan.dir)).toEqual(expect.arrayContaining([first, second, renamed]));

    // A rewrite of Alex's words is named, with the command that shows them as they were.
    pushAttack(jordan, () =>
      writeFileSync(
        path.join(jordan.dir, first),
        read(jordan.dir, first).replace('the first of mine', 'rewritten by Jordan'),
      ),
    );
    const rewritten = await ok(alex.run(['sync']));
    const words = new RegExp(`Jordan's history changes your entry ${first} \\(your words before: (git .*)\\)`).exec(
      rewritten.stderr,
    );
    expect(words, rewritten.stderr).not.toBeNull();
    expect(spawnSync('sh', ['-c', words?.[1] ?? ''], { encoding: 'utf8' }).stdout).toContain('the first of mine');

    // Alex's own deletion stays a deletion.
    git(alex.dir, ['rm', '-q', first]);
    await ok(alex.run(['sync']));
    const told = await ok(jordan.run(['sync']));
    expect(told.stderr).toContain(`Alex's history removes 1 file: ${first}`);
    expect(existsSync(path.join(jordan.dir, first))).toBe(false);
    expect(existsSync(path.join(alex.dir, first))).toBe(false);
    expect(readFileSync(path.join(alex.dir, second), 'utf8')).toContain('the second of mine');
  });

  it('a whole folder removed, with the templates and intimacy.yaml: yours stay, the partner’s own go, each named', async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const mine = await note(alex, 'mine, in the folder removed');
    await ok(alex.run(['templates', 'new', 'evening']));
    await ok(alex.run(['sync']));
    const theirs = await note(jordan, 'their own');
    await ok(jordan.run(['templates', 'new', 'morning']));
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    pushAttack(jordan, () => {
      git(jordan.dir, ['rm', '-r', '-q', 'entries', 'templates', 'intimacy.yaml']);
    });
    const synced = await ok(alex.run(['sync']));
    for (const file of [mine, 'templates/evening.yaml', 'intimacy.yaml']) {
      expect(synced.stderr).toContain(file);
      expect(existsSync(path.join(alex.dir, file)), file).toBe(true);
      expect(tracked(alex.dir), file).toContain(file);
    }
    expect(synced.stderr).toMatch(/Jordan's history removes 3 of your files: .*They were kept/);
    expect(synced.stderr).toMatch(/Jordan's history removes 2 files: /);
    for (const file of [theirs, 'templates/morning.yaml'])
      expect(existsSync(path.join(alex.dir, file)), file).toBe(false);
    expectHealthy(alex.dir);
    await ok(alex.run(['log']));
    // Shared again: Jordan's clone (which has no intimacy.yaml left to sync with) gets them back with git.
    git(jordan.dir, ['pull', '--quiet', '--no-rebase', 'origin', 'main']);
    for (const file of [mine, 'templates/evening.yaml', 'intimacy.yaml'])
      expect(existsSync(path.join(jordan.dir, file)), file).toBe(true);
  });
});

describe('a refused file that would land as a conflict copy', { timeout: 120_000 }, () => {
  it('is named by its path in the partner’s history, where their fix must remove it', async () => {
    const { root, alex, jordan } = await syncedPair({}, true);
    await ok(alex.run(['rituals', 'add', 'walk', '--cadence', 'daily']));
    const secret = path.join(root, 'secret.yaml');
    writeFileSync(secret, 'partners: ["Alex", "Jordan"]\nbank_pin: 4321\n');
    pushAttack(jordan, () => {
      rmSync(path.join(jordan.dir, 'intimacy.yaml'));
      symlinkSync(secret, path.join(jordan.dir, 'intimacy.yaml'));
    });
    const before = head(alex.dir);
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/intimacy\.yaml, which this journal refuses: a journal holds files only/);
    expect(refused.stderr).not.toContain('intimacy-conflict_');
    expect(head(alex.dir)).toBe(before);
    expect((await ok(alex.run(['rituals']))).stdout).toContain('walk');

    // The fix given puts the file back as both had it; then both sync again.
    expect(refused.stderr).toContain('Ask Jordan to put it back as it was (in their journal: ');
    const fix = /in their journal: (.+) && intimacy sync\)/.exec(refused.stderr)?.[1] ?? '';
    expect(fix).toMatch(
      /^git rm -r -q --cached -- intimacy\.yaml && rm -r -- intimacy\.yaml && git checkout [0-9a-f]{12} -- intimacy\.yaml/,
    );
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Jordan',
      GIT_AUTHOR_EMAIL: 'j@x',
      GIT_COMMITTER_NAME: 'Jordan',
      GIT_COMMITTER_EMAIL: 'j@x',
    };
    expect(spawnSync('sh', ['-c', fix], { cwd: jordan.dir, env }).status).toBe(0);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    for (const who of [alex, jordan]) {
      expect(read(who.dir, 'intimacy.yaml')).toContain('walk');
      expectHealthy(who.dir);
    }
    expect(readFileSync(secret, 'utf8')).toContain('bank_pin');
  });
});
