import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FILE, readAllFrontMatter } from '../../src/journal/cache.js';
import { initJournal, type Journal } from '../../src/journal/journal.js';
import { saveEntry } from '../../src/journal/save.js';
import { cleanupTemp, git, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

async function journalWithCheckins(count: number): Promise<Journal> {
  const dir = path.join(tempDir('intimacy-cache-'), 'journal');
  const { journal } = await initJournal({ dir, meFlag: 'Alex', env: {}, now: () => new Date('2026-01-01T10:00:00Z') }, { partner: 'Jordan' });
  for (let i = 0; i < count; i++) {
    const when = new Date(Date.UTC(2026, 0, 4 + 7 * i, 19));
    const entry = { type: 'checkin', author: 'Alex', date: when.toISOString(), tags: [], fields: { ratings: { connection: 3 } }, body: '## What went well\n\nA walk.\n' };
    await saveEntry(journal, entry, when);
  }
  return journal;
}

function connection(index: Awaited<ReturnType<typeof readAllFrontMatter>>, relPath: string): unknown {
  const entry = index.entries.find((e) => e.relPath === relPath);
  return (entry?.front?.fields.ratings as { connection?: number } | undefined)?.connection;
}

describe('front matter cache', () => {
  it('parses every entry once, then answers from the cache, and is never committed', async () => {
    const journal = await journalWithCheckins(3);
    const first = await readAllFrontMatter(journal.dir);
    expect({ parsed: first.parsed, reused: first.reused }).toEqual({ parsed: 3, reused: 0 });
    expect(first.entries.map((e) => e.front?.type)).toEqual(['checkin', 'checkin', 'checkin']);
    expect(existsSync(path.join(journal.dir, CACHE_FILE))).toBe(true);
    expect(git(journal.dir, ['status', '--porcelain'])).toBe('');

    const second = await readAllFrontMatter(journal.dir);
    expect({ parsed: second.parsed, reused: second.reused }).toEqual({ parsed: 0, reused: 3 });
    expect(second.entries).toEqual(first.entries);
  });

  it('parses again exactly the files that changed, were added or broke, committed or not', async () => {
    const journal = await journalWithCheckins(3);
    const { entries } = await readAllFrontMatter(journal.dir);
    const [oldest, middle, newest] = entries.map((e) => e.relPath) as [string, string, string];

    // An edit on disk, not committed: git no longer vouches for the file, its stat key changes.
    const file = path.join(journal.dir, middle);
    writeFileSync(file, readFileSync(file, 'utf8').replace('connection: 3', 'connection: 5'));
    let index = await readAllFrontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused }).toEqual({ parsed: 1, reused: 2 });
    expect(connection(index, middle)).toBe(5);

    // Committed: the key becomes the new blob id (one parse), then the cache holds again.
    git(journal.dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@example.invalid', 'commit', '-qam', 'edit']);
    expect((await readAllFrontMatter(journal.dir)).parsed).toBe(1);
    expect((await readAllFrontMatter(journal.dir)).parsed).toBe(0);

    // A broken file is reported by name; a deleted one disappears; a new, untracked one is read.
    writeFileSync(path.join(journal.dir, newest), '---\ntype: [unclosed\n---\n');
    rmSync(path.join(journal.dir, oldest));
    const added = 'entries/2026/03/20260301T190000Z-checkin-jordan.md';
    mkdirSync(path.join(journal.dir, 'entries/2026/03'), { recursive: true });
    writeFileSync(path.join(journal.dir, added), readFileSync(path.join(journal.dir, middle), 'utf8').replace('connection: 5', 'connection: 1'));
    index = await readAllFrontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused }).toEqual({ parsed: 2, reused: 1 });
    expect(index.entries.map((e) => e.relPath)).toEqual([middle, newest, added]);
    expect(index.entries[1]?.front).toBeUndefined();
    expect(index.entries[1]?.problem).toContain(newest);
    expect(connection(index, middle)).toBe(5);
    expect(connection(index, added)).toBe(1);
  });

  it('rebuilds a damaged cache file instead of failing', async () => {
    const journal = await journalWithCheckins(2);
    await readAllFrontMatter(journal.dir);
    writeFileSync(path.join(journal.dir, CACHE_FILE), '{"version":1,"records":');
    const index = await readAllFrontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused }).toEqual({ parsed: 2, reused: 0 });
    expect(JSON.parse(readFileSync(path.join(journal.dir, CACHE_FILE), 'utf8')).version).toBe(1);
  });
});
