import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok, syncedPair } from './partners.js';

afterAll(cleanupTemp);

/*
 * A partner cannot pass a file of theirs off as one of your private entries: whether an entry
 * is private is where its file stands (.intimacy/private/ on your computer), never what its
 * front matter says, and a shared file may not take the name of a private entry of yours.
 * Before, a pushed entry saying `private: true` was shown as [private] on both sides, and one
 * named as a private entry hid it: show opened the partner's file, and edit sent your words
 * to the partner.
 */

const AS_JORDAN = ['-c', 'user.name=Jordan', '-c', 'user.email=jordan@example.com'];

function planted(text: string): string {
  return `---\ntype: "gratitude"\nauthor: "Alex"\ndate: "2026-11-20T20:00:00+00:00"\ntags: []\nprivate: true\n---\n\n${text}\n`;
}

describe('a shared entry that claims to be private', { timeout: 120_000 }, () => {
  it('is shown as the shared entry it is, on both sides, in log, show, JSON and the export', async () => {
    const { alex, jordan } = await syncedPair();
    const rel = 'entries/2026/11/20261120T200000Z-gratitude-alex.md';
    mkdirSync(path.join(jordan.dir, 'entries/2026/11'), { recursive: true });
    writeFileSync(path.join(jordan.dir, rel), planted('words Jordan put in my name'));
    git(jordan.dir, ['add', rel]);
    git(jordan.dir, [...AS_JORDAN, 'commit', '-q', '--no-verify', '-m', 'note']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'HEAD'], jordan.env);
    await ok(alex.run(['sync']));
    for (const who of [alex, jordan]) {
      const log = (await ok(who.run(['log']))).stdout;
      expect(log).toContain('words Jordan put in my name');
      expect(log).not.toContain('[private]');
      expect((await ok(who.run(['show', '20261120T200000Z-gratitude-alex']))).stdout).not.toContain('[private]');
      const json = JSON.parse((await ok(who.run(['log', '--json']))).stdout) as Array<{ private?: boolean }>;
      expect(json.some((entry) => entry.private === true)).toBe(false);
      expect((await ok(who.run(['export']))).stdout).not.toContain('(private)');
    }
  });

  it('may not take the name of a private entry: sync refuses it by name, and the private entry stays the one shown', async () => {
    const { alex, jordan } = await syncedPair();
    await ok(alex.run(['gratitude', '--private', 'my own private words']));
    const month = readdirSync(path.join(alex.dir, '.intimacy/private/entries'), { recursive: true }) as string[];
    const name = month.find((file) => file.endsWith('.md'))!;
    const rel = `entries/${name}`;
    const id = path.basename(name, '.md');
    mkdirSync(path.dirname(path.join(jordan.dir, rel)), { recursive: true });
    writeFileSync(path.join(jordan.dir, rel), planted('a stand-in for the private entry'));
    git(jordan.dir, ['add', rel]);
    git(jordan.dir, [...AS_JORDAN, 'commit', '-q', '--no-verify', '-m', 'note']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'HEAD'], jordan.env);
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Jordan's history brings ${rel}, which this journal refuses: an entry of yours kept private on this computer has that name, and one name is one entry. Nothing was merged; your journal is as it was.`,
    );
    const shown = (await ok(alex.run(['show', id]))).stdout;
    expect(shown).toContain('my own private words');
    expect(shown).toContain('[private]');
    expect(git(alex.dir, ['ls-files', rel])).toBe('');
    expect(readFileSync(path.join(alex.dir, '.intimacy/private', rel), 'utf8')).toContain('my own private words');
  });
});
