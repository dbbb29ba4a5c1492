import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { initJournal, type Journal } from '../../src/journal/journal.js';
import { readAllFrontMatter } from '../../src/store/cache.js';
import { CACHE_FILE, CACHE_VERSION } from '../../src/store/cache-format.js';
import { saveEntry } from '../../src/store/save.js';
import { cleanupTemp, git, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

async function journalWithCheckins(count: number): Promise<Journal> {
  const dir = path.join(tempDir('intimacy-cache-'), 'journal');
  const { journal } = await initJournal(
    { dir, meFlag: 'Alex', env: process.env, now: () => new Date('2026-01-01T10:00:00Z') },
    { partner: 'Jordan' },
  );
  for (let i = 0; i < count; i++) {
    const when = new Date(Date.UTC(2026, 0, 4 + 7 * i, 19));
    const entry = {
      type: 'checkin',
      author: 'Alex',
      date: when.toISOString(),
      tags: [],
      fields: { ratings: { connection: 3 } },
      body: '## What went well\n\nA walk.\n',
    };
    await saveEntry(journal, entry, when);
  }
  return journal;
}

type Index = Awaited<ReturnType<typeof readAllFrontMatter>>;

/** The cache of the journal in `dir`, read as a command would (with the journal's git). */
function frontMatter(dir: string): Promise<Index> {
  return readAllFrontMatter(new Git(dir, process.env));
}

function connection(index: Index, relPath: string): unknown {
  const entry = index.entries.find((e) => e.relPath === relPath);
  return (entry?.fields.ratings as { connection?: number } | undefined)?.connection;
}

function commitAll(dir: string, message: string): void {
  git(dir, ['add', '--all', 'entries']);
  git(dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@example.invalid', 'commit', '-qm', message]);
}

/** Reads twice: the first read may rebuild, the second must then be answered by the index checksum. */
async function settle(dir: string): Promise<Index> {
  await frontMatter(dir);
  const index = await frontMatter(dir);
  expect(index.wholeJournal).toBe(true);
  return index;
}

describe('front matter cache', () => {
  it('parses every entry once, then answers from the cache, and is never committed', async () => {
    const journal = await journalWithCheckins(3);
    const first = await frontMatter(journal.dir);
    expect({ parsed: first.parsed, reused: first.reused, whole: first.wholeJournal }).toEqual({
      parsed: 3,
      reused: 0,
      whole: false,
    });
    expect(first.entries.map((e) => e.type)).toEqual(['checkin', 'checkin', 'checkin']);
    expect(existsSync(path.join(journal.dir, CACHE_FILE))).toBe(true);
    expect(git(journal.dir, ['status', '--porcelain'])).toBe('');

    const second = await frontMatter(journal.dir);
    expect({ parsed: second.parsed, reused: second.reused, whole: second.wholeJournal }).toEqual({
      parsed: 0,
      reused: 3,
      whole: true,
    });
    expect(second.entries).toEqual(first.entries);
  });

  it('parses again exactly the files that changed, were added or broke, committed or not', async () => {
    const journal = await journalWithCheckins(3);
    const { entries } = await frontMatter(journal.dir);
    const [oldest, middle, newest] = entries.map((e) => e.relPath) as [string, string, string];

    // An edit on disk, not committed: git no longer vouches for the file, its stat key changes.
    const file = path.join(journal.dir, middle);
    writeFileSync(file, readFileSync(file, 'utf8').replace('connection: 3', 'connection: 5'));
    let index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused, whole: index.wholeJournal }).toEqual({
      parsed: 1,
      reused: 2,
      whole: false,
    });
    expect(connection(index, middle)).toBe(5);

    // Committed: the key becomes the new blob id (one parse), then the cache holds again.
    git(journal.dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@example.invalid', 'commit', '-qam', 'edit']);
    expect((await frontMatter(journal.dir)).parsed).toBe(1);
    expect((await frontMatter(journal.dir)).parsed).toBe(0);

    // A broken file is reported by name; a deleted one disappears; a new, untracked one is read.
    writeFileSync(path.join(journal.dir, newest), '---\ntype: [unclosed\n---\n');
    rmSync(path.join(journal.dir, oldest));
    const added = 'entries/2026/03/20260301T190000Z-checkin-jordan.md';
    mkdirSync(path.join(journal.dir, 'entries/2026/03'), { recursive: true });
    writeFileSync(
      path.join(journal.dir, added),
      readFileSync(path.join(journal.dir, middle), 'utf8').replace('connection: 5', 'connection: 1'),
    );
    index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused }).toEqual({ parsed: 2, reused: 1 });
    expect(index.entries.map((e) => e.relPath)).toEqual([middle, added]);
    expect(index.skipped.map((s) => s.relPath)).toEqual([newest]);
    expect(index.skipped[0]?.reason).toBeTruthy();
    expect(connection(index, middle)).toBe(5);
    expect(connection(index, added)).toBe(1);
  });

  it('rebuilds a damaged cache file instead of failing', async () => {
    const journal = await journalWithCheckins(2);
    await frontMatter(journal.dir);
    writeFileSync(path.join(journal.dir, CACHE_FILE), '{"version":1,"records":');
    const index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused }).toEqual({ parsed: 2, reused: 0 });
    expect(JSON.parse(readFileSync(path.join(journal.dir, CACHE_FILE), 'utf8').split('\n')[0]!).version).toBe(
      CACHE_VERSION,
    );
  });

  it('rebuilds a cache whose rows point outside its tables, even while git vouches for it', async () => {
    const journal = await journalWithCheckins(2);
    await settle(journal.dir);
    const file = path.join(journal.dir, CACHE_FILE);
    const [columns, keys] = readFileSync(file, 'utf8').split('\n') as [string, string];
    const data = JSON.parse(columns) as { types: number[]; fieldSets: unknown[] };
    data.types[0] = 99;
    data.fieldSets = [];
    writeFileSync(file, `${JSON.stringify(data)}\n${keys}`);
    const index = await frontMatter(journal.dir);
    expect(index.entries.map((e) => e.type)).toEqual(['checkin', 'checkin']);
    expect(index.entries.map((e) => connection(index, e.relPath))).toEqual([3, 3]);
    expect(index.skipped).toEqual([]);
  });

  it('parses everything again when the keys line is damaged and git no longer vouches for the cache', async () => {
    const journal = await journalWithCheckins(2);
    const [first] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string];
    const file = path.join(journal.dir, CACHE_FILE);
    writeFileSync(file, `${readFileSync(file, 'utf8').split('\n')[0]!}\n["blob:nonsense"`);
    const entry = path.join(journal.dir, first);
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('connection: 3', 'connection: 4'));
    const index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused }).toEqual({ parsed: 2, reused: 0 });
    expect(connection(index, first)).toBe(4);
  });
});

/**
 * The whole-journal check: the cache is used without listing anything only while git's index
 * is the one it was built against and git finds nothing under entries/ that differs from it.
 * Each case changes the journal behind the cache's back; the answer must follow the disk.
 */
describe('front matter cache, whole-journal check', () => {
  it('sees an edit of the same size within the same second', async () => {
    const journal = await journalWithCheckins(2);
    const [, second] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string, string];
    const file = path.join(journal.dir, second);
    const { atime, mtime } = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('connection: 3', 'connection: 4'));
    utimesSync(file, atime, mtime); // the same size and modification time as git recorded
    const index = await frontMatter(journal.dir);
    expect(index.wholeJournal).toBe(false);
    expect(connection(index, second)).toBe(4);
  });

  it('drops a deleted entry, committed or not', async () => {
    const journal = await journalWithCheckins(3);
    const [first] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string];
    rmSync(path.join(journal.dir, first));
    expect((await frontMatter(journal.dir)).entries.map((e) => e.relPath)).not.toContain(first);
    commitAll(journal.dir, 'Remove an entry');
    expect((await settle(journal.dir)).entries).toHaveLength(2);
  });

  it('counts a new entry that git does not track, ignored or not, and leaves hidden files alone', async () => {
    const journal = await journalWithCheckins(1);
    const [only] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string];
    const text = readFileSync(path.join(journal.dir, only), 'utf8');
    mkdirSync(path.join(journal.dir, 'entries/2026/05'), { recursive: true });
    writeFileSync(path.join(journal.dir, 'entries/2026/05/.20260501T100000Z-checkin-jordan.md.swp'), 'editor state');
    expect((await settle(journal.dir)).entries).toHaveLength(1);

    writeFileSync(
      path.join(journal.dir, 'entries/2026/05/20260502T100000Z-checkin-jordan.md'),
      text.replace('connection: 3', 'connection: 2'),
    );
    expect((await frontMatter(journal.dir)).entries).toHaveLength(2);
    writeFileSync(path.join(journal.dir, '.git/info/exclude'), 'entries/2026/06/\n');
    mkdirSync(path.join(journal.dir, 'entries/2026/06'), { recursive: true });
    writeFileSync(path.join(journal.dir, 'entries/2026/06/20260601T100000Z-checkin-jordan.md'), text);
    const index = await frontMatter(journal.dir);
    expect(index.entries.map((e) => e.relPath)).toContain('entries/2026/06/20260601T100000Z-checkin-jordan.md');
    expect(index.wholeJournal).toBe(false);
  });

  it('follows a staged change and a commit of it', async () => {
    const journal = await journalWithCheckins(2);
    const [first] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string];
    const file = path.join(journal.dir, first);
    writeFileSync(file, readFileSync(file, 'utf8').replace('connection: 3', 'connection: 1'));
    git(journal.dir, ['add', first]);
    expect(connection(await frontMatter(journal.dir), first)).toBe(1);
    commitAll(journal.dir, 'Edit');
    expect(connection(await settle(journal.dir), first)).toBe(1);
  });

  it('follows a checkout and a merge that change entries without touching the cache', async () => {
    const journal = await journalWithCheckins(2);
    const [first] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string];
    const file = path.join(journal.dir, first);
    const original = readFileSync(file, 'utf8');
    const branch = git(journal.dir, ['rev-parse', '--abbrev-ref', 'HEAD']).trim();
    git(journal.dir, ['checkout', '-qb', 'partner']);
    writeFileSync(file, original.replace('connection: 3', 'connection: 5'));
    writeFileSync(path.join(journal.dir, 'entries/2026/01/20260120T100000Z-checkin-jordan.md'), original);
    commitAll(journal.dir, 'Partner writes');
    git(journal.dir, ['checkout', '-q', branch]);
    expect(await settle(journal.dir)).toMatchObject({ entries: [{ relPath: first }, {}] });
    expect(connection(await settle(journal.dir), first)).toBe(3);

    git(journal.dir, [
      '-c',
      'user.name=Alex',
      '-c',
      'user.email=a@example.invalid',
      'merge',
      '-q',
      '--no-ff',
      '--no-edit',
      'partner',
    ]);
    const merged = await frontMatter(journal.dir);
    expect(merged.entries).toHaveLength(3);
    expect(connection(merged, first)).toBe(5);
    git(journal.dir, ['reset', '-q', '--hard', 'HEAD~1']);
    const reset = await frontMatter(journal.dir);
    expect(reset.entries).toHaveLength(2);
    expect(connection(reset, first)).toBe(3);
  });

  it('catches up from the commit it was made for: only the files later commits touched are parsed', async () => {
    const journal = await journalWithCheckins(3);
    const [oldest, middle] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string, string, string];

    // A new entry saved (and committed) by intimacy itself, as every write does.
    const when = new Date(Date.UTC(2026, 1, 8, 19));
    await saveEntry(
      journal,
      {
        type: 'checkin',
        author: 'Jordan',
        date: when.toISOString(),
        tags: [],
        fields: { ratings: { connection: 4 } },
        body: '',
      },
      when,
    );
    let index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused, whole: index.wholeJournal }).toEqual({
      parsed: 1,
      reused: 3,
      whole: true,
    });
    expect(index.entries.map((e) => e.author)).toEqual(['Alex', 'Alex', 'Alex', 'Jordan']);

    // An edit and a deletion in one commit: one parse, one row gone, the order kept.
    const file = path.join(journal.dir, middle);
    writeFileSync(file, readFileSync(file, 'utf8').replace('connection: 3', 'connection: 1'));
    rmSync(path.join(journal.dir, oldest));
    commitAll(journal.dir, 'Edit and delete');
    index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, reused: index.reused, whole: index.wholeJournal }).toEqual({
      parsed: 1,
      reused: 2,
      whole: true,
    });
    expect(index.entries.map((e) => e.relPath)).not.toContain(oldest);
    expect(connection(index, middle)).toBe(1);
    expect((await frontMatter(journal.dir)).parsed).toBe(0);

    // What a full check finds is what catching up found.
    rmSync(path.join(journal.dir, CACHE_FILE));
    expect((await frontMatter(journal.dir)).entries).toEqual(index.entries);

    // A cache made for a commit git no longer has is checked file by file.
    const cacheFile = path.join(journal.dir, CACHE_FILE);
    const [columns, keys] = readFileSync(cacheFile, 'utf8').split('\n') as [string, string];
    writeFileSync(cacheFile, `${JSON.stringify({ ...JSON.parse(columns), head: 'f'.repeat(40) })}\n${keys}`);
    await saveEntry(
      journal,
      { type: 'gratitude', author: 'Alex', date: when.toISOString(), tags: [], fields: {}, body: 'A note.\n' },
      new Date(when.getTime() + 1000),
    );
    index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, whole: index.wholeJournal }).toEqual({ parsed: 1, whole: false });
    expect(index.entries.map((e) => e.type)).toEqual(['checkin', 'checkin', 'checkin', 'gratitude']);
  });

  it('checks file by file in a journal outside git, and still follows edits', async () => {
    const journal = await journalWithCheckins(2);
    const [first] = (await settle(journal.dir)).entries.map((e) => e.relPath) as [string];
    rmSync(path.join(journal.dir, '.git'), { recursive: true, force: true });
    const file = path.join(journal.dir, first);
    writeFileSync(file, readFileSync(file, 'utf8').replace('connection: 3', 'connection: 2'));
    let index = await frontMatter(journal.dir);
    expect(index.wholeJournal).toBe(false);
    expect(connection(index, first)).toBe(2);
    index = await frontMatter(journal.dir);
    expect({ parsed: index.parsed, whole: index.wholeJournal }).toEqual({ parsed: 0, whole: false });
    expect(connection(index, first)).toBe(2);
  });
});
