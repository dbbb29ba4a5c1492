import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, newUser, runCli } from '../helpers/cli.js';

afterAll(cleanupTemp);

/*
 * A name or a tag is words, whoever wrote it: in the Markdown export it is never an HTML tag
 * or a link a viewer would act on. What an entry's writer wrote in its body is their Markdown.
 */
describe('export --format md', () => {
  it("shows names, tags and the title as plain words, and each body as its writer's Markdown", async () => {
    const { env } = newUser();
    const name = '<img src=x onerror=alert(1)>';
    expect((await runCli(['gratitude', 'the walk'], { env })).code).toBe(0);
    expect((await runCli(['partners', 'set', 'Alex', name], { env })).code).toBe(0);
    const tagged = await runCli(
      ['--me', name, 'gratitude', '--tag', '[home](javascript:alert(1))', '--tag', 'so_*very*_kind', 'the <b>soup</b>'],
      { env },
    );
    expect(tagged.code).toBe(0);
    const md = await runCli(['export', '--format', 'md'], { env });
    expect(md.code).toBe(0);
    expect(md.stdout).not.toMatch(/(?<!\\)<img/);
    expect(md.stdout).toContain('# Our journal — Alex & \\<img src=x onerror=alert(1)\\>');
    expect(md.stdout).toContain('## Gratitude — \\<img src=x onerror=alert(1)\\> for Alex, ');
    expect(md.stdout).toContain('#\\[home\\](javascript:alert(1)) #so\\_\\*very\\*\\_kind');
    expect(md.stdout).toContain('the <b>soup</b>');
  });
});
