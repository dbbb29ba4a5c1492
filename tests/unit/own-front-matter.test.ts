import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ENTRY_TYPES, makeEntry } from '../../bench/content.js';
import { Random } from '../../bench/random.js';
import { parseBoundedYaml, YAML_LIMITS } from '../../src/store/bounded-yaml.js';
import { type Entry, serializeEntry, splitFrontMatter } from '../../src/store/entry.js';
import { ownFrontMatterText, readOwnFrontMatter } from '../../src/store/own-front-matter.js';

/** What the YAML parser reads from an entry's front matter: the reference for the fast reader. */
function parsed(yaml: string): unknown {
  const result = parseBoundedYaml(yaml, YAML_LIMITS.entry);
  return result.ok ? result.data : result;
}

function frontOf(entry: Entry): string {
  return splitFrontMatter(serializeEntry(entry))!.yaml;
}

describe('reading the front matter serializeEntry writes, without the YAML parser', () => {
  it('reads every kind of generated entry, exactly as the YAML parser does', () => {
    const random = new Random(7);
    for (let i = 0; i < 600; i++) {
      const type = ENTRY_TYPES[i % ENTRY_TYPES.length]!;
      const entry = makeEntry({ type, author: 'Alex', partner: 'Jordan', when: new Date(1.7e12 + i * 3.6e6), random });
      const yaml = frontOf(entry);
      const own = readOwnFrontMatter(yaml);
      expect(own, yaml).toBeDefined();
      expect(own).toEqual(parsed(yaml));
    }
  });

  it('reads what it reads as the YAML parser does, whatever the text: quotes, escapes, controls, unicode', () => {
    // pieces serializeEntry writes as typed or with JSON's escapes, and pieces it writes with YAML's own
    const plain = [
      'a',
      'Z',
      ' ',
      '"',
      '\\',
      "'",
      '#',
      ': ',
      '- ',
      '---',
      '...',
      'yes',
      'null',
      '~',
      '0',
      '-0',
      '1.5',
      '\t',
      '\n',
      '\r',
      'é',
      'ß',
      '\u212a',
      '😀',
      '{',
      '[',
      '&a',
      '*a',
      '!tag',
      '%',
      '@',
      '`',
      '|',
      '>',
    ];
    const yamlOnly = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\ufeff', '\ud800'];
    const random = new Random(11);
    let pieces = plain;
    const text = () => Array.from({ length: random.int(0, 8) }, () => random.pick(pieces)).join('');
    let read = 0;
    for (let i = 0; i < 3000; i++) {
      pieces = i % 2 === 0 ? plain : [...plain, ...yamlOnly];
      const entry: Entry = {
        type: `t${text()}`,
        author: text() || 'Alex',
        date: '2026-11-25T18:32:09+01:00',
        tags: Array.from({ length: random.int(0, 3) }, text),
        fields: {
          for: text(),
          note: text(),
          ratings: { connection: random.int(-5, 5), [`k${random.int(0, 9)}`]: text() },
          feelings: random.chance(0.5) ? [text(), text()] : [],
          done: random.chance(0.5),
          nothing: null,
          empty: {},
        },
        body: '',
      };
      const yaml = frontOf(entry);
      const own = readOwnFrontMatter(yaml);
      // what has no piece of YAML's own escapes always takes the fast way
      if (pieces === plain) expect(own, JSON.stringify(yaml)).toBeDefined();
      if (own === undefined) continue;
      read++;
      expect(own, JSON.stringify(yaml)).toEqual(parsed(yaml));
    }
    expect(read).toBeGreaterThan(1500);
  });

  it('leaves to the YAML parser anything else a person or another tool may have written', () => {
    const others = [
      'type: gratitude\n', // a plain string
      "type: 'gratitude'\n",
      'type: "a" # a comment\n',
      '# a comment\ntype: "a"\n',
      'type: "\\x41"\n', // an escape JSON does not have
      'type: "a"\ntype: "b"\n', // a duplicate key
      'ratings:\n  fun:\n    a: 1\n', // deeper than one level
      'type: "a"\r\n',
      'n: -0\n',
      'n: 1.5\n',
      'n: 007\n',
      'n: ~\n',
      'b: True\n',
      'null: "a"\n',
      'true: "a"\n',
      'list:\n  - a: "x"\n', // a list of mappings
      'empty:\n',
      'key:  "two spaces"\n',
      '  indented: "a"\n',
      'list:\n  - "a"\n  b: "c"\n', // a list and a mapping in one block
      'tags: ["a"]\n', // a flow list that is not empty
      '',
    ];
    for (const yaml of others) expect(readOwnFrontMatter(yaml), JSON.stringify(yaml)).toBeUndefined();
  });

  it('stops at a size the YAML limits could refuse, leaving that to the parser', () => {
    const many = Array.from({ length: 201 }, (_, i) => `k${i}: ${i}\n`).join('');
    expect(readOwnFrontMatter(many)).toBeUndefined();
    const fewer = Array.from({ length: 200 }, (_, i) => `k${i}: ${i}\n`).join('');
    expect(readOwnFrontMatter(fewer)).toEqual(parsed(fewer));
  });
});

describe('writing front matter without the YAML library', () => {
  // serializeEntry's options (src/store/entry.ts): the library is the reference.
  const library = (front: Record<string, unknown>) =>
    stringify(front, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0, minContentWidth: 0 });

  it('writes every generated entry it writes exactly as the library does, and most of them', () => {
    const random = new Random(11);
    let written = 0;
    for (let i = 0; i < 600; i++) {
      const type = ENTRY_TYPES[i % ENTRY_TYPES.length]!;
      const entry = makeEntry({ type, author: 'Alex', partner: 'Jordan', when: new Date(1.7e12 + i * 3.6e6), random });
      const front = { type: entry.type, author: entry.author, date: entry.date, tags: entry.tags, ...entry.fields };
      const own = ownFrontMatterText(front);
      if (own === undefined) continue;
      written++;
      expect(own).toBe(library(front));
    }
    expect(written).toBeGreaterThan(300);
  });

  it('writes a value only when it writes it as the library does, whatever the value', () => {
    const random = new Random(5);
    // Every ASCII character and a few beyond, alone and among others, in strings, lists and keys.
    const pieces = [
      ...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)),
      'é',
      'Zoë',
      '\u2028',
      '\u00a0',
      '\u0085',
      '\ufeff',
      '\ud800',
      '😀',
      '---',
      '...',
      ': ',
      ' #',
      '- ',
      '\n---\n',
    ];
    const pick = <T>(list: readonly T[]) => list[Math.floor(random.next() * list.length)]!;
    const text = () => Array.from({ length: Math.floor(random.next() * 4) }, () => pick(pieces)).join('');
    const values = [
      () => text(),
      () => Math.floor((random.next() - 0.5) * 2e6),
      () => pick([0, -0, 1.5, 1e21, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.NaN, -Infinity]),
      () => pick([true, false, null, undefined]),
      () => Array.from({ length: Math.floor(random.next() * 3) }, () => pick([text(), 7, true, null])),
      () => pick([{}, { a: 'b' }, [[]], [{}]]),
    ];
    const keys = ['type', 'a', 'for', 'x-y', 'k_1', 'null', 'True', 'yes', '0k', 'a b', '', 'é', '-a', 'key:', '#k'];
    let written = 0;
    for (let i = 0; i < 20_000; i++) {
      const front: Record<string, unknown> = {};
      for (let k = 0; k < 1 + Math.floor(random.next() * 3); k++) front[pick(keys)] = pick(values)();
      const own = ownFrontMatterText(front);
      if (own === undefined) continue;
      written++;
      expect(own, JSON.stringify(front)).toBe(library(front));
    }
    expect(written).toBeGreaterThan(2_000);
  });
});
