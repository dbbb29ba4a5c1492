import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { cleanupTemp, git, newUser, runCli } from '../helpers/cli.js';

/*
 * A gratitude by neither partner (an old name, a third clone's) is listed below the two
 * columns of the HTML report, each as an item of its own list: seen in a real browser.
 */

afterAll(() => cleanupTemp());

describe.runIf(browserTestsRun)("the report's gratitudes by neither partner", () => {
  it('are items of one list, each with its author, never an item inside another', { timeout: 120_000 }, async () => {
    const { home, env } = newUser();
    const dir = path.join(home, 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    expect((await runCli(['--journal', dir, 'gratitude', 'the soup you made'], { env })).code).toBe(0);
    const month = path.join(dir, 'entries', '2026', '11');
    mkdirSync(month, { recursive: true });
    for (const [n, words] of [
      [1, 'the walk in the rain'],
      [2, 'the lamp you fixed'],
    ] as const)
      writeFileSync(
        path.join(month, `20261124T10000${n}Z-gratitude-sam.md`),
        `---\ntype: gratitude\nauthor: Sam\ndate: 2026-11-24T10:00:0${n}Z\ntags: []\n---\n\n${words}\n`,
      );
    git(dir, ['add', '-A']);
    git(dir, ['-c', 'user.name=Sam', '-c', 'user.email=s@example.com', 'commit', '-qm', 'two by Sam']);
    const file = path.join(home, 'report.html');
    const exported = await runCli(['--journal', dir, 'export', '--format', 'html', '-o', file], { env });
    expect(exported.code, exported.stderr).toBe(0);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const seen = await page.$$eval('section.gratitudes', (sections) =>
        sections.map((section) => ({
          nested: section.querySelectorAll('li li').length,
          below: [...section.querySelectorAll(':scope > ul.notes > li')].map((li) => li.textContent ?? ''),
        })),
      );
      expect(seen.length).toBeGreaterThan(0);
      for (const section of seen) expect(section.nested).toBe(0);
      const below = seen.flatMap((section) => section.below);
      expect(below).toHaveLength(2);
      expect(below.some((text) => /Sam: the walk in the rain/.test(text))).toBe(true);
      expect(below.some((text) => /Sam: the lamp you fixed/.test(text))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
