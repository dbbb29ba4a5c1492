import { describe, expect, it } from 'vitest';
import { ENTRY_TYPES, makeEntry } from '../../bench/content.js';
import { Random } from '../../bench/random.js';
import { parseBoundedYaml, YAML_LIMITS } from '../../src/store/bounded-yaml.js';
import { type Entry, serializeEntry, splitFrontMatter } from '../../src/store/entry.js';
import { readOwnFrontMatter } from '../../src/store/own-front-matter.js';

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
