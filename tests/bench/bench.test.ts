import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES, floorInvocation, memoryTargetMiB } from '../../bench/cases.js';
import { generateJournal, PARTNERS } from '../../bench/generate.js';
import { hasGnuTime, median } from '../../bench/measure.js';
import { jrnlText, type PeerEntry, peerEntry, peersOnPath } from '../../bench/peers.js';
import { growthOf, sizesTable } from '../../bench/report.js';
import { type CaseResult, runCase } from '../../bench/run.js';
import { readSettings } from '../../src/journal/settings.js';
import { parseEntry } from '../../src/store/entry.js';
import { listEntryFiles } from '../../src/store/entry-files.js';
import { BIN, cleanupTemp, git, tempDir, userEnv } from '../helpers/cli.js';

afterAll(cleanupTemp);

describe('benchmark', () => {
  it('writes a valid, committed, pushed journal by both partners with every kind of entry, the same on every run', async () => {
    const root = tempDir('intimacy-bench-');
    const result = await generateJournal({
      journalDir: path.join(root, 'journal'),
      remoteDir: path.join(root, 'remote.git'),
      entries: 60,
    });
    const journal = result.journalDir;

    const files = await listEntryFiles(journal);
    expect(files).toHaveLength(60);
    const entries = files.map((file) =>
      parseEntry(readFileSync(path.join(journal, file.relPath), 'utf8'), file.relPath),
    );
    expect(new Set(entries.map((e) => e.author))).toEqual(new Set(PARTNERS));
    expect(new Set(entries.map((e) => e.type))).toEqual(
      new Set(['checkin', 'gratitude', 'appreciation', 'reflection', 'date', 'repair']),
    );
    const checkin = entries.find((e) => e.type === 'checkin');
    expect(Object.keys(checkin?.fields.ratings as object).sort()).toEqual([
      'affection',
      'communication',
      'connection',
      'fun',
      'support',
    ]);
    expect(checkin?.body).toMatch(/^## /m);
    for (const file of files.slice(0, 5)) expect(statSync(path.join(journal, file.relPath)).mode & 0o777).toBe(0o600);

    expect((await readSettings(journal))?.partners).toEqual([...PARTNERS]);
    expect(git(journal, ['status', '--porcelain'])).toBe('');
    expect(git(journal, ['ls-files', 'entries']).trim().split('\n')).toHaveLength(60);
    expect(git(journal, ['rev-parse', 'HEAD'])).toBe(git(result.remoteDir!, ['rev-parse', 'main']));

    const again = await generateJournal({ journalDir: path.join(root, 'again'), entries: 60 });
    const againFiles = await listEntryFiles(again.journalDir);
    expect(againFiles.map((f) => f.relPath)).toEqual(files.map((f) => f.relPath));
    const last = files[files.length - 1]!.relPath;
    expect(readFileSync(path.join(again.journalDir, last), 'utf8')).toBe(
      readFileSync(path.join(journal, last), 'utf8'),
    );
    // Same seed, same history: dates and authors of every commit included.
    expect(git(again.journalDir, ['rev-parse', 'HEAD'])).toBe(git(journal, ['rev-parse', 'HEAD']));
  });

  it('measures a command beside its floor, and reports one this build lacks as not available', async () => {
    const root = tempDir('intimacy-bench-');
    const { journalDir } = await generateJournal({ journalDir: path.join(root, 'journal'), entries: 20 });
    const setup = { bin: BIN, journalDir, env: { ...userEnv(root), INTIMACY_JOURNAL: journalDir } };
    git(journalDir, ['config', 'user.name', 'Alex']);
    git(journalDir, ['config', 'user.email', 'alex@example.invalid']);
    const options = { runs: 1, withTime: hasGnuTime(), memoryTargetMiB: 80, log: () => {} };

    const missing = runCase(
      setup,
      { name: 'nothing', args: ['no-such-command'], target: 1.5, floor: 'node start-up' },
      options,
    );
    expect(missing.status).toBe('not available');

    const help = runCase(
      setup,
      { name: '--help', args: ['--help'], target: 1.5, floor: 'node + git add/commit' },
      options,
    );
    expect(help.status).toBe('measured');
    expect(help.ratio).toBeGreaterThan(0);
    expect(help.medianMs).toBe(help.samplesMs?.[0]);
    expect(git(journalDir, ['log', '--format=%s', '-2']).split('\n')).toContain('floor write');
    expect(git(journalDir, ['status', '--porcelain'])).toBe('');
  });

  it('times sync against node with git fetch and push, so the floor starts node as sync does', async () => {
    const root = tempDir('intimacy-bench-');
    const { journalDir } = await generateJournal({
      journalDir: path.join(root, 'journal'),
      remoteDir: path.join(root, 'remote.git'),
      entries: 10,
    });
    const setup = { bin: BIN, journalDir, env: { ...userEnv(root), INTIMACY_JOURNAL: journalDir } };
    const floor = floorInvocation(setup, 'node + git fetch + push', 0);
    expect(floor.args.slice(-2)).toEqual([process.execPath, '']);
    expect(floor.args[1]).toMatch(/^"\$1" -e "" && git fetch/);
    const options = { runs: 1, withTime: false, memoryTargetMiB: 80, log: () => {} };
    const sync = runCase(setup, CASES.find((c) => c.name === 'sync')!, options);
    expect(sync.status).toBe('measured');
    expect(sync.floor).toBe('node + git fetch + push');
  });

  it('reports growth from the smallest journal to the largest, per command', () => {
    const row = (medianMs: number, floorMedianMs: number): CaseResult => ({
      name: 'log -n 20',
      args: ['log', '-n', '20'],
      floor: 'node start-up',
      target: 1.5,
      status: 'measured',
      medianMs,
      floorMedianMs,
      ratio: medianMs / floorMedianMs,
      peakMiB: 50,
    });
    const sizes = [
      { entries: 1000, generateMs: 1, memoryTargetMiB: 80, results: [row(100, 50)] },
      { entries: 50000, generateMs: 1, memoryTargetMiB: 100, results: [row(250, 50)] },
    ];
    expect(growthOf(sizes)[0]?.growth).toBe(2.5);
    const text = sizesTable(sizes);
    expect(text).toContain('growth (50,000 ÷ 1,000)');
    expect(text).toMatch(/\| log -n 20 .*\| 2\.00× .*\| 5\.00× .*\| 2\.50× /);
    expect(memoryTargetMiB(10_000)).toBe(80);
    expect(memoryTargetMiB(50_000)).toBe(100);
  });

  it('finds jrnl and nb only on PATH, and writes the same entries in their formats', async () => {
    const root = tempDir('intimacy-bench-');
    expect(peersOnPath(root)).toEqual({});
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'jrnl'), '#!/bin/sh\n', { mode: 0o755 });
    expect(peersOnPath(`${root}:${bin}`)).toEqual({ jrnl: path.join(bin, 'jrnl') });

    const written: PeerEntry[] = [];
    await generateJournal({
      journalDir: path.join(root, 'journal'),
      entries: 12,
      onEntry: (e, when) => written.push(peerEntry(e, when)),
    });
    expect(written).toHaveLength(12);
    const text = jrnlText(written);
    expect(text.match(/^\[\d{4}-\d\d-\d\d \d\d:\d\d\] \w+ by (Alex|Jordan)\.$/gm)).toHaveLength(12);
    expect(text).toContain(written[0]!.body);
  });

  it('takes the median of an odd or even number of runs', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
  });
});
