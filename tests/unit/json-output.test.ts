import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonArrayText, jsonText, printJsonArray } from '../../src/ui/output.js';
import { withOutput } from '../../src/ui/screen.js';

/** What printJsonArray writes, and in how many writes. */
async function printed<T>(items: T[], toJson: (item: T) => unknown): Promise<{ text: string; writes: number }> {
  let text = '';
  let writes = 0;
  const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
  const stdout = {
    write(chunk: string | Uint8Array) {
      text += String(chunk);
      writes++;
      return true;
    },
  };
  await withOutput({ stdout, stderr }, async () => printJsonArray(items, toJson));
  return { text, writes };
}

describe('a JSON array written an element at a time', () => {
  it('is the text printJson writes of the whole array, escapes and all, in blocks', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      id: `2026112${i % 10}T10000${i % 10}Z-gratitude-alex`,
      tags: i % 3 === 0 ? [] : ['home', `t${i}`],
      fields: i % 5 === 0 ? {} : { ratings: { fun: i % 5, nested: [1, { deep: null }] } },
      excerpt: `line ${i}\nwith a newline, "quotes", \u001b[2J, \u009b, \u202e and \u007f`,
    }));
    const toJson = (item: (typeof items)[number]) => ({ ...item, n: items.indexOf(item) });
    const { text, writes } = await printed(items, toJson);
    expect(text).toBe(`${jsonText(items.map(toJson))}\n`);
    expect(JSON.parse(text)[2999].excerpt).toBe(items[2999]!.excerpt);
    // a block of about 64 KiB, not a write for each element
    expect(writes).toBeGreaterThan(1);
    expect(writes).toBeLessThan(items.length / 10);
  });

  it('made in blocks for a file (export), it is the same text again', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ i, text: `\u009b${'x'.repeat(i % 50)}\n` }));
    const blocks = [...jsonArrayText(items, (item) => item)];
    expect(blocks.join('')).toBe(`${jsonText(items)}\n`);
    expect(blocks.length).toBeGreaterThan(1);
    expect([...jsonArrayText([], (item) => item)].join('')).toBe('[]\n');
  });

  it('an empty array and a single element read as JSON.stringify writes them', async () => {
    expect((await printed([], (x) => x)).text).toBe('[]\n');
    expect((await printed([{ a: [] }], (x) => x)).text).toBe(`${JSON.stringify([{ a: [] }], null, 2)}\n`);
  });
});
