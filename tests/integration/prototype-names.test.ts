import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok, syncedPair } from '../sync/partners.js';

/*
 * Names every plain JavaScript object already has (`constructor`, `__proto__`, `toString`), met
 * where a file or a person gives a name: an entry's type pushed by a partner with plain git, a
 * ritual, a template's question id, a word of a date or a schedule. Each is only a name: no view
 * takes it for one of its own tables' entries, and none stops with "please report".
 */

afterAll(cleanupTemp);

describe('names that plain objects already have', { timeout: 120_000 }, () => {
  it("a partner's entry of type constructor reads in every view", async () => {
    const { alex, jordan } = await syncedPair();
    await ok(jordan.run(['gratitude', 'the soup']));
    await ok(jordan.run(['sync']));
    mkdirSync(path.join(jordan.dir, 'entries', '2026', '11'), { recursive: true });
    writeFileSync(
      path.join(jordan.dir, 'entries', '2026', '11', '20261124T101000Z-constructor-jordan.md'),
      '---\ntype: "constructor"\nauthor: "Jordan"\ndate: "2026-11-24T10:10:00+00:00"\ntags: ["constructor"]\n---\nbuilt by hand\n',
    );
    git(jordan.dir, ['add', '-A']);
    git(jordan.dir, ['commit', '--quiet', '-m', 'a type of its own']);
    git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
    await ok(alex.run(['sync']));
    for (const args of [
      ['log'],
      ['show', '20261124T101000Z'],
      ['week', '2026-11-24'],
      ['export', '--format', 'html', '-o', path.join(alex.home, 'report.html')],
      ['export'],
      ['status'],
    ]) {
      const result = await alex.run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stderr).not.toMatch(/unexpected problem|Please report/);
    }
    expect((await alex.run(['show', '20261124T101000Z'])).stdout).toContain('built by hand');
  });

  it('rituals named like them are counted and shown, and a template cannot use constructor as an id', async () => {
    const { alex } = await syncedPair();
    writeFileSync(
      path.join(alex.dir, 'intimacy.yaml'),
      'version: 1\npartners: [Alex, Jordan]\nrituals:\n' +
        '  __proto__: { counts: [pulse], cadence: daily, who: each }\n' +
        '  toString: { counts: [gratitude], cadence: weekly, who: either }\n',
    );
    await ok(alex.run(['pulse', '4']));
    for (const args of [['status'], ['rituals'], ['skip', 'toString'], ['week']]) {
      const result = await alex.run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    expect((await alex.run(['status'])).stdout).toMatch(/__proto__ +daily, each/);

    mkdirSync(path.join(alex.dir, 'templates'));
    writeFileSync(
      path.join(alex.dir, 'templates', 'built.yaml'),
      'title: Built\ndescription: D\nquestions:\n  - { id: constructor, type: rating, message: How? }\n  - { id: note, type: text, message: Note }\n',
    );
    const refused = await alex.run(['new', 'built', '--answers', '-'], 'note: fine\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('questions[0].id: "constructor" cannot be a question id; choose another id');
  });

  it('a date phrase or a reminder day named constructor is a usage error', async () => {
    const { alex } = await syncedPair();
    const since = await alex.run(['log', '--since', 'constructor days ago']);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/^error: --since does not understand "constructor days ago"/);
    // --at is checked before any scheduler is looked for.
    for (const day of ['constructor', '__proto__']) {
      const at = await alex.run(['remind', 'install', '--at', `${day} 19:00`, '--with', 'cron']);
      expect(at.code, at.stderr).toBe(2);
      expect(at.stderr).toContain(`"${day}" is not a day`);
    }
  });
});
