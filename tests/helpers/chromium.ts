import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { tempDir } from './cli.js';

/*
 * Debian's chromium, driven headless by puppeteer-core, for what a reader of the HTML report
 * sees. A test runs where it is, and under CI=true (where .ci/run installs it) a missing one fails.
 */

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests run here. */
export const browserTestsRun = existsSync(CHROMIUM) || process.env.CI === 'true';

/** A headless chromium of its own profile, which reaches for nothing on the network by itself. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; .ci/run installs it (apt-get install chromium).`);
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${tempDir('intimacy-chromium-')}`,
    ],
  });
}
