import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, ROOT, runCli, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

/**
 * Showing an entry in its template's words parses that template; what it parsed is kept in
 * .intimacy/cache/templates/ with the text it came from, and used only for that very text. A
 * user must never see a template as it was before a change, whatever the cache holds.
 */
describe('templates as last parsed', () => {
  it('follows every change of a template, and a damaged, stale or linked memo is not used', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    env.INTIMACY_JOURNAL = dir;
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    expect((await runCli(['gratitude', 'the walk by the river'], { env })).code).toBe(0);
    const show = async () => (await runCli(['show', 'last'], { env })).stdout;
    const first = await show();
    expect(first).toMatch(/^Gratitude\n/);
    const memos = path.join(dir, '.intimacy', 'cache', 'templates');
    expect(readdirSync(memos).length).toBe(1);
    expect(await show()).toBe(first);
    expect(git(dir, ['status', '--porcelain', '--ignored=no'], env)).toBe('');

    // The journal's own template, then each edit of it, is seen at once.
    const builtin = readFileSync(path.join(ROOT, 'templates', 'gratitude.yaml'), 'utf8');
    mkdirSync(path.join(dir, 'templates'), { recursive: true });
    const override = path.join(dir, 'templates', 'gratitude.yaml');
    writeFileSync(override, builtin.replace('title: Gratitude', 'title: Thank you for'));
    expect(await show()).toContain('Thank you for');
    writeFileSync(override, builtin.replace('title: Gratitude', 'title: Thanks, love'));
    expect(await show()).toContain('Thanks, love');
    // A broken edit is reported as broken, as without any cache, right after a good read.
    writeFileSync(override, 'questions: [\n');
    const broken = await runCli(['templates'], { env });
    expect(broken.stdout + broken.stderr).toMatch(/templates\/gratitude\.yaml/);
    rmSync(override);
    expect(await show()).toBe(first);

    // A memo counts only for the text it names; damaged or linked, it is not used.
    const [file] = readdirSync(memos);
    const memo = path.join(memos, file!);
    const kept = JSON.parse(readFileSync(memo, 'utf8'));
    kept.text = 'something else';
    kept.template.title = 'Mallory was here';
    writeFileSync(memo, JSON.stringify(kept));
    expect(await show()).toBe(first);
    writeFileSync(memo, '{ not json');
    expect(await show()).toBe(first);
    const elsewhere = path.join(tempDir(), 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify({ ...kept, text: builtin }));
    rmSync(memo);
    symlinkSync(elsewhere, memo);
    expect(await show()).toBe(first);
    expect(JSON.parse(readFileSync(elsewhere, 'utf8')).template.title).toBe('Mallory was here');
  });

  it('makes no folder where there is no journal', async () => {
    const { env, home } = newUser();
    const nowhere = path.join(home, 'not-a-journal');
    await runCli(['--journal', nowhere, 'templates'], { env });
    expect(existsSync(nowhere)).toBe(false);
  });
});
