import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli } from '../helpers/cli.js';
import { expectHealthy, note, ok, read, syncedPair } from './partners.js';

afterAll(cleanupTemp);

describe('both partners changed one entry', { timeout: 120_000 }, () => {
  it('tells both which version is where, lists them side by side, counts the entry once, and settles it in a commit', async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'dinner at the Thai place');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeFileSync(path.join(alex.dir, file), `${read(alex.dir, file)}\nAlex: we also got ice cream\n`);
    writeFileSync(path.join(jordan.dir, file), `${read(jordan.dir, file)}\nJordan: the waiter was called Tom\n`);
    const copy = file.replace(/\.md$/, '-conflict_jordan.md');

    await ok(jordan.run(['sync'])); // Jordan first: nothing to merge yet
    const second = await ok(alex.run(['sync']));
    expect(second.stderr).toContain(
      `you and Jordan both changed ${file}: yours is still there, Jordan's version is in ${copy}`,
    );
    // Jordan, who synced first, is told too, in plain words.
    const first = await ok(jordan.run(['sync']));
    expect(first.stdout).toMatch(/1 entry you both changed/);
    expect(first.stdout).not.toMatch(/new entry/);
    expect(first.stderr).toContain(
      `you and Alex both changed ${file}: Alex's version is now in ${file}, yours in ${copy}`,
    );

    // Side by side, from each one's point of view.
    const mine = await ok(alex.run(['conflicts']));
    expect(mine.stdout).toContain(`yours      ${file}`);
    expect(mine.stdout).toContain(`Jordan's   ${copy}`);
    expect(mine.stdout).toMatch(/^ {2}- Alex: we also got ice cream$/m);
    expect(mine.stdout).toMatch(/^ {2}\+ Jordan: the waiter was called Tom$/m);
    const theirs = JSON.parse((await ok(jordan.run(['conflicts', '--json']))).stdout) as Array<{
      id: string;
      path: string;
      copy: string;
      mineIn: string;
      lines: Array<{ in: string; text: string }>;
    }>;
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ path: file, copy, mineIn: 'copy' });
    expect(theirs[0]?.lines).toContainEqual({ in: 'yours', text: 'Jordan: the waiter was called Tom' });
    expect(theirs[0]?.lines).toContainEqual({ in: 'theirs', text: 'Alex: we also got ice cream' });

    // Counted once, marked where it is listed.
    const status = JSON.parse((await ok(alex.run(['status', '--json']))).stdout) as unknown;
    expect(JSON.stringify(status)).not.toContain('conflict_jordan');
    const log = await ok(alex.run(['log']));
    expect(log.stdout.trim().split('\n')).toHaveLength(2);
    expect(log.stdout).toMatch(/\[conflict copy\] /);
    const stats = JSON.parse((await ok(alex.run(['stats', '--json']))).stdout) as {
      calendar?: Array<{ count: number }>;
    };
    if (stats.calendar) expect(Math.max(...stats.calendar.map((day) => day.count))).toBeLessThanOrEqual(1);

    // An empty or blank id (a shell variable left unset) names no conflict, even the only one.
    const before = git(jordan.dir, ['rev-parse', 'HEAD']);
    for (const blank of ['', '  ']) {
      const refused = await jordan.run(['conflicts', 'resolve', blank, '--keep', 'theirs']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        'error: Give the id of the conflict to settle; nothing was changed. intimacy conflicts lists them, with their ids.\n',
      );
    }
    expect(git(jordan.dir, ['rev-parse', 'HEAD'])).toBe(before);
    expect(existsSync(path.join(jordan.dir, copy))).toBe(true);

    // Jordan keeps Jordan's own version: one commit, the copy gone, the words at the entry's path.
    const commits = Number(git(jordan.dir, ['rev-list', '--count', 'HEAD']).trim());
    const settled = await ok(jordan.run(['conflicts', 'resolve', theirs[0]?.id ?? '', '--keep', 'mine']));
    expect(settled.stdout).toContain(`kept your version in ${file}`);
    expect(Number(git(jordan.dir, ['rev-list', '--count', 'HEAD']).trim())).toBe(commits + 1);
    expect(read(jordan.dir, file)).toContain('the waiter was called Tom');
    expect(existsSync(path.join(jordan.dir, copy))).toBe(false);
    expectHealthy(jordan.dir);
    expect((await ok(jordan.run(['conflicts']))).stderr).toMatch(/No conflicts/);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    expect(existsSync(path.join(alex.dir, copy))).toBe(false);
    expect(read(alex.dir, file)).toContain('the waiter was called Tom');
    expectHealthy(alex.dir);
  });

  it('keeps both as two entries, or refuses both for the settings', async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'a walk');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeFileSync(path.join(alex.dir, file), `${read(alex.dir, file)}\nby the river\n`);
    writeFileSync(path.join(jordan.dir, file), `${read(jordan.dir, file)}\nin the rain\n`);
    writeFileSync(path.join(alex.dir, 'intimacy.yaml'), `${read(alex.dir, 'intimacy.yaml')}weekStart: sunday\n`);
    writeFileSync(path.join(jordan.dir, 'intimacy.yaml'), `${read(jordan.dir, 'intimacy.yaml')}weekStart: monday\n`);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    // status says what is open, the entry's and the settings' alike, until each is settled.
    expect((await ok(alex.run(['status']))).stdout).toMatch(
      /^ {2}2 open conflicts: both versions are kept until you settle them \(intimacy conflicts shows them\)$/m,
    );
    expect(JSON.parse((await ok(alex.run(['status', '--json']))).stdout).sync.openConflicts).toBe(2);
    const id = path.basename(file, '.md');
    const both = await ok(alex.run(['conflicts', 'resolve', id, '--keep', 'both']));
    expect((await ok(alex.run(['status']))).stdout).toMatch(/^ {2}1 open conflict: .*settle it/m);
    expect(both.stdout).toMatch(/kept both versions/);
    const kept = git(alex.dir, ['ls-files', 'entries']).split('\n').filter(Boolean);
    expect(kept).toHaveLength(2);
    expect(kept.some((f) => f.includes('conflict_'))).toBe(false);
    const refused = await alex.run(['conflicts', 'resolve', 'intimacy-conflict_jordan.yaml', '--keep', 'both']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot be kept.*Keep one/);
    await ok(alex.run(['conflicts', 'resolve', 'intimacy-conflict_jordan.yaml', '--keep', 'theirs']));
    expect(read(alex.dir, 'intimacy.yaml')).toContain('weekStart: monday');
    expect((await ok(alex.run(['status']))).stdout).not.toMatch(/open conflict/);
    expectHealthy(alex.dir);
    const unknown = await alex.run(['conflicts', 'resolve', 'nosuch', '--keep', 'mine']);
    expect(unknown.code).toBe(2);
  });

  it('opens a conflict again when both partners settled it, each keeping their own version', async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'a picnic');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeFileSync(path.join(alex.dir, file), `${read(alex.dir, file)}\nAlex: under the oak\n`);
    writeFileSync(path.join(jordan.dir, file), `${read(jordan.dir, file)}\nJordan: by the pond\n`);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const id = path.basename(file, '.md');

    // Each keeps their own, before hearing of the other's choice.
    await ok(alex.run(['conflicts', 'resolve', id, '--keep', 'mine']));
    await ok(jordan.run(['conflicts', 'resolve', id, '--keep', 'mine']));
    await ok(jordan.run(['sync']));
    const second = await ok(alex.run(['sync']));
    expect(second.stderr).toMatch(/you and Jordan each settled the conflict in .*keeping different versions/);

    // Neither choice left the journal: both words are there, and the conflict is open on both sides.
    const words = (dir: string) =>
      git(dir, ['ls-files', 'entries'])
        .split('\n')
        .filter(Boolean)
        .map((f) => read(dir, f))
        .join('\n');
    await ok(jordan.run(['sync']));
    for (const who of [alex, jordan]) {
      expect(words(who.dir)).toContain('under the oak');
      expect(words(who.dir)).toContain('by the pond');
      const open = JSON.parse((await ok(who.run(['conflicts', '--json']))).stdout) as Array<{ path: string }>;
      expect(open.map((c) => c.path)).toEqual([file]);
      expectHealthy(who.dir);
    }
    // Each still finds their own choice under "mine".
    expect(read(alex.dir, file)).toContain('under the oak');
    await ok(jordan.run(['conflicts', 'resolve', id, '--keep', 'mine']));
    expect(read(jordan.dir, file)).toContain('by the pond');
  });

  it('lets a conflict settled once, or settled alike on both sides, stay settled', async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'a concert');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeFileSync(path.join(alex.dir, file), `${read(alex.dir, file)}\nAlex: loud\n`);
    writeFileSync(path.join(jordan.dir, file), `${read(jordan.dir, file)}\nJordan: lovely\n`);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const id = path.basename(file, '.md');
    // Alex keeps Jordan's version, Jordan keeps their own: the same choice.
    await ok(alex.run(['conflicts', 'resolve', id, '--keep', 'theirs']));
    await ok(jordan.run(['conflicts', 'resolve', id, '--keep', 'mine']));
    await ok(jordan.run(['sync']));
    const merged = await ok(alex.run(['sync']));
    expect(merged.stderr).not.toMatch(/settled|both changed/);
    for (const who of [alex, jordan]) {
      await ok(who.run(['sync']));
      expect((await ok(who.run(['conflicts']))).stderr).toMatch(/No conflicts/);
      expect(read(who.dir, file)).toContain('Jordan: lovely');
    }
  });

  it('merges intimacy.yaml when each partner changed another setting, keeping both rituals and the comments', async () => {
    const { alex, jordan } = await syncedPair();
    writeFileSync(path.join(alex.dir, 'intimacy.yaml'), `${read(alex.dir, 'intimacy.yaml')}# our own note\n`);
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    await ok(alex.run(['rituals', 'add', 'hugs', '--cadence', 'daily']));
    await ok(jordan.run(['rituals', 'add', 'walks', '--cadence', 'weekly', '--who', 'each']));
    await ok(jordan.run(['sync']));
    const merged = await ok(alex.run(['sync']));
    expect(merged.stderr).toContain('You and Jordan both changed intimacy.yaml, each a different setting');
    expect(merged.stderr).not.toMatch(/conflict/);
    await ok(jordan.run(['sync']));
    for (const who of [alex, jordan]) {
      const rituals = await ok(who.run(['rituals']));
      expect(rituals.stdout).toMatch(/hugs/);
      expect(rituals.stdout).toMatch(/walks/);
      expect(read(who.dir, 'intimacy.yaml')).toContain('# our own note');
      expect(existsSync(path.join(who.dir, 'intimacy-conflict_jordan.yaml'))).toBe(false);
      expect(existsSync(path.join(who.dir, 'intimacy-conflict_alex.yaml'))).toBe(false);
      expect((await ok(who.run(['conflicts']))).stderr).toMatch(/No conflicts/);
      expectHealthy(who.dir);
    }
    // One setting set two ways is still the couple's to settle.
    await ok(alex.run(['rituals', 'set', 'hugs', 'weekly']));
    await ok(jordan.run(['rituals', 'set', 'hugs', '2/week']));
    await ok(jordan.run(['sync']));
    const contested = await ok(alex.run(['sync']));
    expect(contested.stderr).toContain('both changed intimacy.yaml');
    expect(existsSync(path.join(alex.dir, 'intimacy-conflict_jordan.yaml'))).toBe(true);
  });

  it('opens a settings conflict again when both settled it each their own way, and does not merge it away', async () => {
    const { alex, jordan } = await syncedPair();
    await ok(alex.run(['rituals', 'add', 'walk', '--cadence', 'daily']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    await ok(alex.run(['rituals', 'remove', 'date']));
    await ok(jordan.run(['rituals', 'set', 'date', 'weekly']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    const copy = 'intimacy-conflict_alex.yaml';
    expect(existsSync(path.join(jordan.dir, copy))).toBe(true);
    await ok(alex.run(['conflicts', 'resolve', copy, '--keep', 'mine'])); // no date
    await ok(jordan.run(['conflicts', 'resolve', copy, '--keep', 'mine'])); // date weekly
    await ok(alex.run(['sync']));
    const second = await ok(jordan.run(['sync']));
    expect(second.stderr).toMatch(/each settled the conflict in intimacy\.yaml, keeping different versions/);
    expect(second.stderr).not.toMatch(/each a different setting/);
    await ok(alex.run(['sync']));
    for (const who of [alex, jordan]) {
      const open = JSON.parse((await ok(who.run(['conflicts', '--json']))).stdout) as Array<{ path: string }>;
      expect(open.map((c) => c.path)).toEqual(['intimacy.yaml']);
    }
    const texts = [alex, jordan].flatMap((who) =>
      ['intimacy.yaml', 'intimacy-conflict_alex.yaml', 'intimacy-conflict_jordan.yaml']
        .filter((f) => existsSync(path.join(who.dir, f)))
        .map((f) => read(who.dir, f)),
    );
    expect(texts.some((text) => /date:\s+counts:[\s\S]*cadence: weekly/.test(text))).toBe(true);
    expect(texts.some((text) => !text.includes('date:'))).toBe(true);
  });
});

describe('open conflicts in status', () => {
  it('counts what intimacy conflicts lists: copies in templates/ at any depth, not a giant or half-written one', async () => {
    const { home, env } = newUser();
    const dir = path.join(home, 'journal');
    await ok(runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env }));
    const run = (args: string[]) => runCli(['--journal', dir, ...args], { env });
    mkdirSync(path.join(dir, 'templates', 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'sub', 'walk-conflict_jordan.yaml'), 'name: walk\n');
    writeFileSync(path.join(dir, 'templates', '.walk.yaml.tmp-1-conflict_jordan'), 'half\n');
    writeFileSync(path.join(dir, 'intimacy-conflict_jordan.yaml'), 'x'.repeat(3 * 1024 * 1024));
    const listed = JSON.parse((await ok(run(['conflicts', '--json']))).stdout) as unknown[];
    const status = JSON.parse((await ok(run(['status', '--json']))).stdout) as { sync: { openConflicts?: number } };
    expect(listed).toHaveLength(1);
    expect(status.sync.openConflicts).toBe(listed.length);
  });
});
