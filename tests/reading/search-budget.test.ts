import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filterFor } from '../../src/reading/query.js';
import { type SearchEvent, searchEntries } from '../../src/reading/search.js';
import { parseEntryName } from '../../src/store/naming.js';
import { cleanupTemp, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

/**
 * A pattern that takes `ms` of busy work on every entry it is tried on, as one that backtracks
 * on a partner's long lines would (a real one cannot be made to take a set time).
 */
class SlowOnEachEntry extends RegExp {
  constructor(private readonly ms: number) {
    super('never-found', 'gu');
  }
  override test(text: string): boolean {
    const until = performance.now() + this.ms;
    while (performance.now() < until) {
      // busy, as V8 is while it backtracks: only the time limit can stop it
    }
    return super.test(text);
  }
}

function journalOf(entries: number): { dir: string; files: ReturnType<typeof listed> } {
  const dir = tempDir();
  const month = path.join(dir, 'entries', '2026', '11');
  mkdirSync(month, { recursive: true });
  const names = Array.from(
    { length: entries },
    (_, i) => `202611${String(10 + i).padStart(2, '0')}T100000Z-gratitude-jordan.md`,
  );
  for (const name of names)
    writeFileSync(
      path.join(month, name),
      `---\ntype: gratitude\nauthor: Jordan\ndate: "2026-11-${name.slice(6, 8)}T10:00:00+00:00"\ntags: []\n---\n\n${'a'.repeat(100)}\n`,
    );
  return { dir, files: listed(names) };
}

function listed(names: string[]) {
  return names.reverse().map((name) => ({ ...parseEntryName(name)!, relPath: `entries/2026/11/${name}` }));
}

async function search(
  dir: string,
  files: ReturnType<typeof listed>,
  regex: RegExp,
  limits: { batchMs: number; searchMs: number },
) {
  const events: SearchEvent[] = [];
  const filter = filterFor({});
  for await (const event of searchEntries(dir, files, filter, {
    regex,
    pattern: { source: '(a+)+b', fixed: false, ignoreCase: false },
    limits,
  }))
    events.push(event);
  return events;
}

describe('a search whose pattern is slow on every entry', () => {
  it('stops when the whole search runs out of its time, though no entry alone took too long', async () => {
    const { dir, files } = journalOf(12);
    // Each entry takes 60 ms, under the 150 ms an entry may take; twelve take more than 400.
    await expect(search(dir, files, new SlowOnEachEntry(60), { batchMs: 150, searchMs: 400 })).rejects.toThrow(
      /^Searching for "\(a\+\)\+b" takes too long \(over 0\.4 seconds in all\)/,
    );
  });

  it('finishes when the entries fit in the time', async () => {
    const { dir, files } = journalOf(3);
    expect(await search(dir, files, new SlowOnEachEntry(20), { batchMs: 150, searchMs: 400 })).toEqual([]);
  });
});
