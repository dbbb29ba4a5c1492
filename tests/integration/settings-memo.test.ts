import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

/**
 * Every command reads intimacy.yaml; what it parsed is kept in .intimacy/cache/settings.json
 * with the text it came from, and used only for that very text. A user must never see the
 * settings of before a change, whatever the cache holds.
 */
describe('the settings as last read', () => {
  it('follows every change of intimacy.yaml, and a damaged or linked cache is not used', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    env.INTIMACY_JOURNAL = dir;
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    const partners = async () => (await runCli(['partners'], { env })).stdout;
    expect(await partners()).toBe('Alex (you)\nJordan\n');
    const memo = path.join(dir, '.intimacy', 'cache', 'settings.json');
    expect(existsSync(memo)).toBe(true);
    expect(git(dir, ['status', '--porcelain', '--ignored=no'], env)).toBe('');

    // A hand edit, then the same edit undone: each is seen at once.
    const settings = path.join(dir, 'intimacy.yaml');
    const before = readFileSync(settings, 'utf8');
    writeFileSync(settings, before.replace('Jordan', 'Sam'));
    expect(await partners()).toBe('Alex (you)\nSam\n');
    writeFileSync(settings, before);
    expect(await partners()).toBe('Alex (you)\nJordan\n');
    // A broken file is an error, as without any cache, even right after a good read.
    writeFileSync(settings, 'version: [\n');
    const broken = await runCli(['partners'], { env });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/intimacy\.yaml/);
    writeFileSync(settings, before);

    // What is in the cache counts only for the text it names.
    writeFileSync(
      memo,
      JSON.stringify({ version: 1, text: 'something else', data: { version: 1, partners: ['X', 'Y'] } }),
    );
    expect(await partners()).toBe('Alex (you)\nJordan\n');
    writeFileSync(memo, '{ not json');
    expect(await partners()).toBe('Alex (you)\nJordan\n');
    // A link in its place is neither read nor written through.
    const elsewhere = path.join(tempDir(), 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify({ version: 1, text: before, data: { version: 1, partners: ['X', 'Y'] } }));
    rmSync(memo);
    symlinkSync(elsewhere, memo);
    writeFileSync(settings, before.replace('Jordan', 'Sam'));
    expect(await partners()).toBe('Alex (you)\nSam\n');
    writeFileSync(settings, before);
    expect(await partners()).toBe('Alex (you)\nJordan\n');
    expect(JSON.parse(readFileSync(elsewhere, 'utf8')).data.partners).toEqual(['X', 'Y']);
  });
});
