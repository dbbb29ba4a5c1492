import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodySections } from '../../src/ui/render/values.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { cleanupTemp, runCli } from '../helpers/cli.js';
import { type CoupleJournal, makeCoupleJournal } from '../helpers/couple-journal.js';

/*
 * The HTML report in a real browser (Debian's chromium, driven headless by puppeteer-core):
 * what a reader sees, not what the file says. Skipped only where chromium is missing outside
 * CI; under CI=true a missing browser fails.
 */

describe.runIf(browserTestsRun)('the HTML report in a browser', () => {
  let cj: CoupleJournal;
  let browser: Browser;
  let page: Page;
  let url: string;
  /** every request the page made, and every Content-Security-Policy violation it reported */
  const requests: string[] = [];

  beforeAll(async () => {
    cj = await makeCoupleJournal();
    const file = path.join(cj.home, 'report.html');
    const exported = await runCli(['--journal', cj.dir, 'export', '--format', 'html', '-o', file], { env: cj.env });
    expect(exported.code).toBe(0);
    url = pathToFileURL(file).href;
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      // The attached photos are written into the page (data: URLs): they reach nowhere.
      if (request.url().startsWith('data:image/')) return void request.continue();
      if (request.url() !== url) requests.push(request.url());
      // Nothing but the page itself may be loaded; anything else would be a leak.
      void (request.url() === url ? request.continue() : request.abort());
    });
    await page.evaluateOnNewDocument(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(event.blockedURI || event.violatedDirective),
      );
    });
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    cleanupTemp();
  });

  const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

  it('draws every chart: one per check-in rating, and the pulse, each with lines for both partners', async () => {
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg')!;
        const box = svg.getBoundingClientRect();
        const lines = [...svg.querySelectorAll('polyline')].map((line) => {
          const b = (line as SVGGraphicsElement).getBBox();
          return b.width * Math.max(1, b.height);
        });
        return { dimension: figure.getAttribute('data-dimension'), width: box.width, height: box.height, lines };
      }),
    );
    expect(charts.map((c) => c.dimension)).toEqual([
      'connection',
      'communication',
      'affection',
      'fun',
      'support',
      'pulse',
    ]);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(40);
      expect(chart.lines).toHaveLength(2);
      for (const area of chart.lines) expect(area).toBeGreaterThan(0);
    }
    const bars = await page.$$eval(
      'dd.rating svg.cells',
      (svgs) => svgs.filter((s) => s.getBoundingClientRect().width > 0).length,
    );
    expect(bars).toBeGreaterThan(100);
  });

  it("shows every entry's words, markup as text, and nothing is run or fetched", async () => {
    // innerText on purpose: the text as laid out for a reader, not the DOM's.
    // biome-ignore lint/performance/useDomNodeTextContent: what is seen is what is asserted
    const text = await page.evaluate(() => document.body.innerText);
    for (const { entry } of cj.entries)
      for (const section of bodySections(entry.body).filter((s) => s.heading !== 'Attached')) {
        const words = section.text.slice(0, 24);
        if (!/[\u0000-\u001f]/.test(words)) expect(text).toContain(words);
      }
    expect(text).toContain('hostile words <script>alert("x")</script> <img src="https://example.com/pixel.png">');
    expect(text).toMatch(/Last week's promise\s+Alex promise w0: cook on Wednesday — (kept|partly|not yet)/);
    const counts = await page.evaluate(() => ({
      scripts: document.scripts.length,
      // the attached photos, written into the page
      outside: [...document.images].filter((img) => !img.src.startsWith('data:image/')).length,
      links: document.querySelectorAll('link').length,
    }));
    expect(counts).toEqual({ scripts: 0, outside: 0, links: 0 });
    expect(requests).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it('draws every attached photo inside the page, each within its column', async () => {
    const photos = cj.attachments.filter((file) => /\.(jpg|webp|png)$/.test(file));
    const drawn = await page.$$eval('figure.photo img', (images) =>
      images.map((img) => {
        const image = img as HTMLImageElement;
        const box = image.getBoundingClientRect();
        const column = image.closest('article, li, .column')!.getBoundingClientRect();
        return {
          name: image.alt,
          loaded: image.complete && image.naturalWidth > 0,
          width: box.width,
          inside: box.left >= column.left - 1 && box.right <= column.right + 1,
        };
      }),
    );
    expect(drawn.map((d) => d.name).sort()).toEqual(photos.map((f) => path.basename(f)).sort());
    // REPORT_SCREENSHOTS=DIR keeps pictures of the page to look at: the summary, and a week with photos, wide and on a phone.
    const shots = process.env.REPORT_SCREENSHOTS;
    if (shots) {
      await page.screenshot({ path: path.join(shots, 'report-summary.png') });
      const week = await page.$('figure.photo');
      await week!.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: path.join(shots, 'report.png') });
      await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2 });
      await week!.evaluate((el) => el.closest('article, li')!.scrollIntoView());
      await page.screenshot({ path: path.join(shots, 'report-phone.png') });
      await page.setViewport({ width: 1100, height: 900 });
    }
    for (const image of drawn) {
      expect(image.loaded, image.name).toBe(true);
      expect(image.width, image.name).toBeGreaterThan(40);
      expect(image.inside, image.name).toBe(true);
    }
    expect(requests).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it('refuses, by its Content-Security-Policy, anything that would reach outside', async () => {
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://example.com/tracker.png';
      document.body.append(img);
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = 'http://example.com/x.css';
      document.head.append(style);
    });
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length >= 2, {
      timeout: 5000,
    });
    expect(await violations()).toEqual(
      expect.arrayContaining(['https://example.com/tracker.png', 'http://example.com/x.css']),
    );
    expect(requests).toEqual([]);
    await page.reload({ waitUntil: 'load' });
  });

  it('reads on a phone: one column, nothing wider than the screen', async () => {
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      pair: getComputedStyle(document.querySelector('.pair')!).gridTemplateColumns.split(' ').length,
      chart: document.querySelector('svg.chart')!.getBoundingClientRect().width,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(layout.pair).toBe(1);
    expect(layout.chart).toBeGreaterThan(200);
    await page.setViewport({ width: 1100, height: 900 });
  });

  it('prints on clean pages: the summary on a page of its own, no entry split, the charts still drawn', async () => {
    await page.emulateMediaType('print');
    const print = await page.evaluate(() => ({
      summary: getComputedStyle(document.querySelector('.summary')!).breakAfter,
      entry: getComputedStyle(document.querySelector('article.entry')!).breakInside,
      chart: document.querySelector('svg.chart')!.getBoundingClientRect().width,
    }));
    expect(print.summary).toBe('page');
    expect(print.entry).toBe('avoid');
    expect(print.chart).toBeGreaterThan(100);
    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(5);
    await page.emulateMediaType('screen');
    expect(requests).toEqual([]);
  }, 60_000);
});
