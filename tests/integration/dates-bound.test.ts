import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, tempDir } from '../helpers/cli.js';
import { ok, type Partner, syncedPair } from '../sync/partners.js';

/*
 * Dates at the edge of the calendar: a partner's entry dated 9999 or 0001 (pushed with plain
 * git), and days typed outside the years intimacy reads (1900 to 2999). None hangs, crashes,
 * says "please report" or is misread; every command here runs as the built binary with a
 * time limit, so a walk over eight thousand years of days fails here instead of hanging.
 */

afterAll(cleanupTemp);

const BOUND = /outside the years intimacy reads \(1900 to 2999\)/;

const FAR = { year: '9999', month: '12', date: '9999-12-31', stamp: '99991231T000000Z' };
const EARLY = { year: '0001', month: '01', date: '0001-01-01', stamp: '00010101T000000Z' };

function gratitude(date: string, text: string): string {
  return `---\ntype: "gratitude"\nauthor: "Jordan"\ndate: "${date}T00:00:00+00:00"\ntags: []\nfor: "Alex"\n---\n\n## What I'm grateful for\n\n${text}\n`;
}

let alex: Partner;
const planted = new Map<string, string>();

beforeAll(async () => {
  const pair = await syncedPair({}, true);
  alex = pair.alex;
  const jordan = pair.jordan;
  await ok(alex.run(['gratitude', 'the coffee']));
  await ok(alex.run(['sync']));
  git(jordan.dir, ['pull', '--quiet', 'origin', 'main']);
  for (const { year, month, date, stamp } of [FAR, EARLY]) {
    const relPath = `entries/${year}/${month}/${stamp}-gratitude-jordan.md`;
    mkdirSync(path.join(jordan.dir, 'entries', year, month), { recursive: true });
    writeFileSync(path.join(jordan.dir, relPath), gratitude(date, `dated ${date}`));
    planted.set(relPath, readFileSync(path.join(jordan.dir, relPath), 'utf8'));
  }
  // Jordan writes with plain git, no intimacy.
  git(jordan.dir, ['add', '-A']);
  git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qm', 'notes']);
  git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
  await ok(alex.run(['sync']));
}, 120_000);

describe("a partner's entry dated outside the years intimacy reads", { timeout: 60_000 }, () => {
  it('is skipped with its reason, and the HTML export of the rest is made at once', async () => {
    const out = path.join(tempDir('export-'), 'report.html');
    const started = Date.now();
    const result = await ok(alex.run(['export', '--format', 'html', '-o', out]));
    // It walked every day up to 9999 (2 GB, killed at 20 s); now it costs the entries.
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const relPath of planted.keys())
      expect(result.stderr).toContain(
        `skipped ${relPath}: "date" "${relPath.includes('9999') ? FAR.date : EARLY.date}"`,
      );
    expect(result.stderr).toMatch(BOUND);
    expect(result.stderr).toContain(`Exported 1 entry to ${out}.`);
    expect(result.stderr).not.toMatch(/Could not write|Invalid time value|please report/i);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('the coffee');
    expect(html).not.toContain('dated 9999');
    // Reported, never rewritten.
    for (const [relPath, text] of planted) expect(readFileSync(path.join(alex.dir, relPath), 'utf8')).toBe(text);
  });

  it('is left out of every other view too, which go on with the rest', async () => {
    for (const args of [
      ['export', '--format', 'html'],
      ['export', '--format', 'md'],
      ['log'],
      ['stats'],
      ['status'],
      ['week'],
    ]) {
      const result = await alex.run(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stderr, args.join(' ')).not.toMatch(/please report|Invalid time value/i);
    }
    const log = await ok(alex.run(['log']));
    expect(log.stdout).toContain('the coffee');
    expect(log.stderr).toMatch(BOUND);
  });
});

describe('days typed outside the years intimacy reads', { timeout: 60_000 }, () => {
  it.each(
    [
      ['week', '9999-12-30'],
      ['week', '0001-01-05'],
      ['stats', '--since', '0099-12-01'],
      ['stats', '--until', '0001-02-01'],
      ['export', '--format', 'html', '--since', '0500-01-01'],
      ['log', '--since', '400 years ago'],
      ['grep', 'coffee', '--until', '3000-01-01'],
      ['show', '0001-01-01'],
      ['skip', 'checkin', '--date', '0001-01-01'],
    ].map((args) => ({ args, typed: args.join(' ') })),
  )('$typed: one usage line naming the bound (exit 2)', async ({ args }) => {
    const result = await alex.run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(BOUND);
    expect(result.stderr).toMatch(/e\.g\. 2026-11-01/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/please report|Could not write/i);
  });

  it('a year below 100 is said as typed, never read as 99 (and so after --until)', async () => {
    const result = await alex.run(['stats', '--since', '0099-12-01']);
    expect(result.stderr).toContain('"0099-12-01"');
    expect(result.stderr).not.toMatch(/\b99-12-01|is after/);
    const until = await alex.run(['stats', '--until', '0001-02-01']);
    expect(until.stderr).toContain('"0001-02-01"');
    expect(until.stderr).not.toMatch(/(^|[^0])1-02-01/);
  });

  it('the last day of those years is taken, and stats walk no further than the journal and today', async () => {
    const started = Date.now();
    const result = await ok(alex.run(['stats', '--until', '2999-12-31', '--json']));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((JSON.parse(result.stdout) as { to: string }).to).toBe('2026-11-25');
  });
});

describe('export -o', { timeout: 60_000 }, () => {
  it('a folder is one clear line (exit 2), before any work', async () => {
    const folder = tempDir('export-folder-');
    const result = await alex.run(['export', '--format', 'html', '-o', folder]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `error: -o ${folder} is a folder, not a file. Name a file, e.g. -o ${path.join(folder, 'journal.html')}`,
    );
  });
});
