import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arrivingNamesProblem, leftOut } from '../../src/sync/incoming-names.js';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok, syncedPair } from './partners.js';

/*
 * A partner's intimacy.yaml, pushed with plain git, that makes the two of them one person
 * (`Alex: Jordan`): Alex's clone would write every new entry as Jordan and credit Jordan with
 * all of Alex's. sync refuses it; a real rename goes through.
 */

afterAll(cleanupTemp);

const people = (partners: string[], aliases: Record<string, string> = {}) => ({ partners, aliases });

describe('who is who in an arriving intimacy.yaml', () => {
  it('lets a rename, a new alias, a dropped alias and a case change through', () => {
    const ours = people(['Alex', 'Jordan'], { Al: 'Alex' });
    expect(arrivingNamesProblem(ours, people(['Alexandra', 'Jordan'], { Al: 'Alexandra', Alex: 'Alexandra' }))).toBe(
      undefined,
    );
    expect(arrivingNamesProblem(ours, people(['Alex', 'Jo'], { Al: 'Alex', Jordan: 'Jo' }))).toBe(undefined);
    expect(arrivingNamesProblem(ours, people(['Alex', 'Jordan']))).toBe(undefined);
    expect(arrivingNamesProblem(ours, people(['alex', 'JORDAN'], { Al: 'alex' }))).toBe(undefined);
    expect(arrivingNamesProblem(people(['Alex']), people(['Alex', 'Jordan']))).toBe(undefined);
  });

  it('refuses two partners made one, either way, and an old name given to the other partner', () => {
    const ours = people(['Alex', 'Jordan'], { Al: 'Alex' });
    expect(arrivingNamesProblem(ours, people(['Alexandra', 'Jordan'], { Alex: 'Jordan' }))).toEqual({
      alias: ['Alex', 'Jordan'],
      from: 'Alex',
      to: 'Jordan',
    });
    expect(arrivingNamesProblem(ours, people(['Alex'], { Jordan: 'Alex' }))).toEqual({
      alias: ['Jordan', 'Alex'],
      from: 'Jordan',
      to: 'Alex',
    });
    expect(arrivingNamesProblem(ours, people(['Alex', 'Jordan'], { Al: 'Jordan' }))).toEqual({
      alias: ['Al', 'Jordan'],
      from: 'Alex',
      to: 'Jordan',
    });
  });
});

describe("a partner's intimacy.yaml that makes you them", { timeout: 120_000 }, () => {
  it('is refused by sync, which changes nothing; a rename by intimacy partners then goes through', async () => {
    const { alex, jordan } = await syncedPair();
    const before = git(alex.dir, ['rev-parse', 'HEAD']).trim();
    const settings = path.join(jordan.dir, 'intimacy.yaml');
    const original = readFileSync(settings, 'utf8');
    writeFileSync(settings, 'version: 1\npartners: ["Alexandra", "Jordan"]\naliases:\n  Alex: "Jordan"\n');
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qam', 'names']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);

    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `error: Jordan's intimacy.yaml makes Alex and Jordan one person (the alias "Alex": "Jordan"), so this computer would write as Jordan and credit them with Alex's entries. Nothing was merged; your journal is as it was.`,
    );
    expect(refused.stderr).toContain('Ask Jordan to take that alias out of intimacy.yaml and sync');
    expect(refused.stderr).not.toMatch(/please report/i);
    expect(git(alex.dir, ['rev-parse', 'HEAD']).trim()).toBe(before);
    expect((await ok(alex.run(['whoami']))).stdout).toMatch(/^Alex\b/);
    const written = await ok(alex.run(['gratitude', 'still mine']));
    expect(written.stdout).toMatch(/-gratitude-alex\.md/);

    // Jordan puts it back, and renames Alex the way intimacy does.
    writeFileSync(settings, original);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qam', 'names back']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    await ok(jordan.run(['partners', 'rename', 'Alex', 'Alexandra']));
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    expect((await ok(alex.run(['whoami']))).stdout).toMatch(/^Alexandra\b/);
    expect((await ok(alex.run(['log', '--mine']))).stdout).toContain('still mine');
  });
});

describe("a partner's intimacy.yaml that leaves you out", { timeout: 120_000 }, () => {
  it('is refused by sync, and as a conflict copy kept by hand; a rename is not leaving out', async () => {
    expect(leftOut(people(['Alex', 'Jordan']), people(['Jordan', 'Sam']), 'Alex')).toBe('Alex');
    expect(leftOut(people(['Alex', 'Jordan']), people(['Alexandra', 'Jordan'], { Alex: 'Alexandra' }), 'Alex')).toBe(
      undefined,
    );
    // A name guessed (not set), or one an earlier sync dropped already, is held to nothing.
    expect(leftOut(people(['Alex', 'Jordan']), people(['Jordan', 'Sam']), undefined)).toBe(undefined);
    expect(leftOut(people(['Jordan', 'Sam']), people(['Jordan', 'Robin']), 'Alex')).toBe(undefined);

    const { alex, jordan } = await syncedPair();
    const before = git(alex.dir, ['rev-parse', 'HEAD']).trim();
    const settings = path.join(jordan.dir, 'intimacy.yaml');
    writeFileSync(settings, 'version: 1\npartners: ["Jordan", "Sam"]\n');
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qam', 'names']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "error: Jordan's intimacy.yaml leaves Alex out of the journal's partners (it names Jordan, Sam), so this computer could write no more and Alex's entries would count for nobody. Nothing was merged; your journal is as it was. Ask Jordan to put Alex back among the partners in intimacy.yaml and sync (a rename is intimacy partners rename Alex NEW), then run intimacy sync again.\n",
    );
    expect(git(alex.dir, ['rev-parse', 'HEAD']).trim()).toBe(before);
    expect((await ok(alex.run(['gratitude', 'still here']))).stdout).toMatch(/-gratitude-alex\.md/);
    // The same file as the partner's side of a conflict: kept over ours, it is refused too.
    writeFileSync(path.join(alex.dir, 'intimacy-conflict_jordan.yaml'), 'version: 1\npartners: ["Jordan", "Sam"]\n');
    const kept = await alex.run(['conflicts', 'resolve', 'intimacy-conflict_jordan.yaml', '--keep', 'theirs']);
    expect(kept.code).toBe(1);
    expect(kept.stderr).toMatch(/leaves Alex out of the journal's partners .*; nothing was changed\. Keep the one in/);
    expect((await ok(alex.run(['whoami']))).stdout).toMatch(/^Alex\b/);
  });
});

describe('an intimacy.yaml that makes you them in two syncs', { timeout: 120_000 }, () => {
  const pushSettings = (dir: string, text: string, message: string) => {
    writeFileSync(path.join(dir, 'intimacy.yaml'), text);
    git(dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qam', message]);
    git(dir, ['push', '--quiet', 'origin', 'HEAD:main']);
  };
  const hostile = 'version: 1\npartners: ["Sam", "Jordan"]\naliases:\n  Alex: "Jordan"\n';

  it.each([
    {
      way: 'after a broken intimacy.yaml: the last one that reads is compared with',
      first: 'version: 1\npartners: [\n',
      whoami: (out: string) => expect(out).not.toMatch(/^Jordan\b/),
    },
    {
      way: 'after a file that drops Alex from partners (refused itself): this clone is still Alex',
      first: 'version: 1\npartners: ["Sam", "Jordan"]\n',
      whoami: (out: string) => expect(out).toMatch(/^Alex\b/),
      refusedFirst: /leaves Alex out of the journal's partners/,
    },
  ])('is refused $way', async ({ first, whoami, refusedFirst }) => {
    const { alex, jordan } = await syncedPair();
    pushSettings(jordan.dir, first, 'first');
    const firstSync = await alex.run(['sync']);
    if (refusedFirst) expect(firstSync.stderr).toMatch(refusedFirst);
    else expect(firstSync.code, firstSync.stderr).toBe(0);
    pushSettings(jordan.dir, hostile, 'names');
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('makes Alex and Jordan one person (the alias "Alex": "Jordan")');
    whoami((await alex.run(['whoami'])).stdout);
  });

  it('is refused when it arrives as a conflict copy and is kept over ours by conflicts resolve', async () => {
    const { alex, jordan } = await syncedPair();
    // Both change intimacy.yaml, one setting two ways: Alex with intimacy, Jordan with plain git.
    await ok(alex.run(['rituals', 'add', 'walk', '--cadence', 'weekly']));
    const settings = path.join(jordan.dir, 'intimacy.yaml');
    writeFileSync(
      settings,
      'version: 1\npartners: ["Alexandra", "Jordan"]\naliases:\n  Alex: "Jordan"\nrituals:\n  walk:\n    cadence: daily\n',
    );
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qam', 'names']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    await ok(alex.run(['sync']));
    const open = JSON.parse((await ok(alex.run(['conflicts', '--json']))).stdout) as Array<{
      id: string;
      path: string;
    }>;
    const conflict = open.find((item) => item.path === 'intimacy.yaml');
    expect(conflict).toBeDefined();
    const head = git(alex.dir, ['rev-parse', 'HEAD']).trim();
    const refused = await alex.run(['conflicts', 'resolve', conflict?.id ?? '', '--keep', 'theirs']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: The version of intimacy\.yaml in \S+ makes Alex and Jordan one person \(the alias "Alex": "Jordan"\).*; nothing was changed\. Keep the one in intimacy\.yaml \(intimacy conflicts resolve \S+ --keep mine\)/m,
    );
    expect(git(alex.dir, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect((await ok(alex.run(['whoami']))).stdout).toMatch(/^Alex\b/);
    await ok(alex.run(['conflicts', 'resolve', conflict?.id ?? '', '--keep', 'mine']));
    expect((await ok(alex.run(['rituals']))).stdout).toContain('walk');
  });

  it('is refused when it would be merged with our change of another setting', async () => {
    const { alex, jordan } = await syncedPair();
    await ok(alex.run(['rituals', 'add', 'walk', '--cadence', 'weekly']));
    // Its comments kept, so that the two files merge: the merge is checked like any arriving file.
    const settings = path.join(jordan.dir, 'intimacy.yaml');
    const comments = readFileSync(settings, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'));
    writeFileSync(
      settings,
      `${comments.join('\n')}\nversion: 1\npartners: ["Alexandra", "Jordan"]\naliases:\n  Alex: "Jordan"\n`,
    );
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qam', 'names']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    const head = git(alex.dir, ['rev-parse', 'HEAD']).trim();
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('makes Alex and Jordan one person (the alias "Alex": "Jordan")');
    expect(git(alex.dir, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect((await ok(alex.run(['whoami']))).stdout).toMatch(/^Alex\b/);
    expect((await ok(alex.run(['rituals']))).stdout).toContain('walk');
  });

  it('is refused as a copy named as yours: from the partner at sync, and by --keep mine when it is here', async () => {
    const { alex, jordan } = await syncedPair();
    const forged = 'version: 1\npartners: ["Jordan", "Mallory"]\naliases:\n  Alex: "Jordan"\n';
    // A copy made by no sync: plain git, named as if it held Alex's version.
    writeFileSync(path.join(jordan.dir, 'intimacy-conflict_alex.yaml'), forged);
    git(jordan.dir, ['add', 'intimacy-conflict_alex.yaml']);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qm', 'a copy']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    const head = git(alex.dir, ['rev-parse', 'HEAD']).trim();
    const synced = await alex.run(['sync']);
    expect(synced.code).toBe(1);
    expect(synced.stderr).toContain(
      'intimacy-conflict_alex.yaml, which this journal refuses: it is named as a conflict copy holding your version, but holds words this journal never had from you',
    );
    expect(git(alex.dir, ['rev-parse', 'HEAD']).trim()).toBe(head);
    // The same file here by other means (a backup put back): keeping it as "mine" is refused too.
    writeFileSync(path.join(alex.dir, 'intimacy-conflict_alex.yaml'), forged);
    const refused = await alex.run(['conflicts', 'resolve', 'intimacy-conflict_alex.yaml', '--keep', 'mine']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: The version of intimacy\.yaml in intimacy-conflict_alex\.yaml makes Alex and Jordan one person .*--keep theirs/m,
    );
    expect(git(alex.dir, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect((await ok(alex.run(['whoami']))).stdout).toMatch(/^Alex\b/);
  });
});
