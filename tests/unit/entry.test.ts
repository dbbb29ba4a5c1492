import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EntryFormatError } from '../../src/errors.js';
import { type Entry, parseEntry, serializeEntry, splitFrontMatter } from '../../src/store/entry.js';

const AWKWARD = [
  'plain words',
  'key: value with a colon',
  'a # that is not a comment',
  '"double" and \'single\' quotes',
  '---',
  'line one\n---\nline three',
  'yes',
  'no',
  'on',
  'null',
  '~',
  '0o17',
  '010',
  '1e3',
  '2026-11-25',
  '12:30',
  '   leading spaces',
  'trailing spaces   ',
  '- looks like a list',
  '[looks, like, flow]',
  '{a: b}',
  '&anchor *alias !tag',
  '| block > folded',
  '💛 emoji 🥰',
  'שלום, מה שלומך? right-to-left',
  'مرحبا بالعالم',
  'tab\tinside',
  'x'.repeat(5000),
  '',
];

function entryWith(text: string): Entry {
  // Names and tags are one line (a newline or a tab in one is refused when read); answers are not.
  const name = text.replace(/[\n\t]/g, ' ');
  return {
    type: 'gratitude',
    author: text === '' ? 'Alex' : name,
    date: '2026-11-25T19:32:09+01:00',
    tags: [name, 'home'],
    fields: { for: name, note: text, rating: 4, done: true },
    body: `## What I'm grateful for\n\n${text}\n`,
  };
}

describe('entry serialize/parse', () => {
  it.each(AWKWARD.map((text) => [JSON.stringify(text).slice(0, 40), text]))('round-trips %s', (_label, text) => {
    const entry = entryWith(text);
    const serialized = serializeEntry(entry);
    expect(parseEntry(serialized)).toEqual(entry);
  });

  it('front matter reads back identically under YAML 1.1 and 1.2 parsers', () => {
    for (const text of AWKWARD) {
      const parts = splitFrontMatter(serializeEntry(entryWith(text)));
      expect(parts).toBeDefined();
      const v12 = parseYaml(parts!.yaml, { version: '1.2' }) as Record<string, unknown>;
      const v11 = parseYaml(parts!.yaml, { version: '1.1' }) as Record<string, unknown>;
      expect(v11).toEqual(v12);
      expect(v12.note).toBe(text);
      expect(v12.date).toBe('2026-11-25T19:32:09+01:00');
    }
  });

  it('keeps no line of the front matter that could close it early', () => {
    const serialized = serializeEntry(entryWith('a\n---\nb\n...\nc'));
    const lines = serialized.split('\n');
    const closing = lines.indexOf('---', 1);
    expect(lines.slice(1, closing).some((line) => line === '---' || line === '...')).toBe(false);
  });

  it('names the file and line of broken YAML', () => {
    const text = '---\ntype: "gratitude"\nauthor: "Alex\ndate: x\n---\nbody\n';
    try {
      parseEntry(text, 'entries/2026/11/x.md');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EntryFormatError);
      expect((error as EntryFormatError).message).toMatch(/^entries\/2026\/11\/x\.md:\d+: /);
    }
  });

  it('rejects a file without front matter, or with missing fields', () => {
    expect(() => parseEntry('just text\n', 'a.md')).toThrow(/a\.md:1: no front matter/);
    expect(() => parseEntry('---\ntype: "x"\n---\n', 'b.md')).toThrow(/missing or empty "author"/);
    expect(() => parseEntry('---\ntype: x\nauthor: y\ndate: "not a date"\n---\n', 'c.md')).toThrow(
      /not an ISO 8601 date/,
    );
    expect(() => parseEntry('---\ntype: x\nauthor: y\ndate: "2026-01-01T00:00:00Z"\ntags: 3\n---\n', 'd.md')).toThrow(
      /"tags"/,
    );
  });

  it.each([
    '0001-01-01T00:00:00+00:00',
    '0099-12-01',
    '1899-12-31T23:00:00-01:00',
    '3000-01-01T00:00:00Z',
    '9999-12-31T00:00:00+00:00',
  ])('rejects %j: a date outside the years intimacy reads, named as written', (date) => {
    const text = `---\ntype: "gratitude"\nauthor: "Jordan"\ndate: "${date}"\ntags: []\n---\n\nx\n`;
    expect(() => parseEntry(text, 'e.md')).toThrow(EntryFormatError);
    expect(() => parseEntry(text, 'e.md')).toThrow(
      `e.md: "date" "${date.slice(0, 10)}" is outside the years intimacy reads (1900 to 2999)`,
    );
  });

  it('reads the first and the last day of those years', () => {
    for (const date of ['1900-01-01T00:00:00+00:00', '2999-12-31T23:59:59+00:00'])
      expect(parseEntry(`---\ntype: x\nauthor: y\ndate: "${date}"\n---\n`, 'e.md').date).toBe(date);
  });

  it('reads hand-written files with CRLF line ends and unquoted values', () => {
    const text = '---\r\ntype: gratitude\r\nauthor: Jordan\r\ndate: 2026-01-02T10:00:00+02:00\r\n---\r\n\r\nhello\r\n';
    const entry = parseEntry(text);
    expect(entry.author).toBe('Jordan');
    expect(entry.tags).toEqual([]);
    expect(entry.body).toBe('hello\r\n');
    expect(Date.parse(entry.date)).toBe(Date.parse('2026-01-02T08:00:00Z'));
  });
});
