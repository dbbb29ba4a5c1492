import { describe, expect, it } from 'vitest';
import { pathText, surrogateEscaped } from '../../src/git/path-bytes.js';

/*
 * git names paths in bytes: a name that is not UTF-8 must read back as the bytes it is, each byte
 * outside a character as U+DC80 + byte (Python's "surrogateescape"), and every UTF-8 name exactly
 * as toString('utf8') reads it.
 */

const bytes = (...values: number[]) => Buffer.from(values);
/** What a byte that is no character reads as. */
const escaped = (...values: number[]) => String.fromCharCode(...values.map((byte) => 0xdc00 + byte));

describe('paths read from git', () => {
  const valid = [
    'entries/2026/11/20261121T100000Z-gratitude-alex.md',
    'templates/with space.md',
    'entries/café/naïve-日本語.md',
    '\u{1F469}\u200D\u2764\uFE0F\u200D\u{1F468}', // an emoji sequence: 4-byte characters joined
    '\u{10FFFF}\u{10000}\u0080\u07ff\u0800\uffff', // the edges of each length
    '\0two\0paths\0',
    '',
  ];

  it('read a UTF-8 name exactly as toString does, whichever way', () => {
    for (const text of valid) {
      const buffer = Buffer.from(text, 'utf8');
      expect(pathText(buffer), text).toBe(text);
      expect(surrogateEscaped(buffer), text).toBe(text);
    }
  });

  it('read each byte that is no character as U+DC80 + byte, and the rest as it is', () => {
    const cases: Array<[string, Buffer, string]> = [
      ['a lone 0xff', Buffer.concat([Buffer.from('al'), bytes(0xff), Buffer.from('ex.md')]), `al${escaped(0xff)}ex.md`],
      ['a lone continuation byte', bytes(0x61, 0x80, 0x62), `a${escaped(0x80)}b`],
      ['a two-byte sequence cut short', bytes(0x61, 0xc3), `a${escaped(0xc3)}`],
      ['a three-byte sequence cut short', bytes(0xe2, 0x82, 0x41), `${escaped(0xe2, 0x82)}A`],
      [
        'a four-byte sequence cut short, then an emoji',
        bytes(0xf0, 0x9f, 0x98, 0xf0, 0x9f, 0x98, 0x80),
        `${escaped(0xf0, 0x9f, 0x98)}\u{1F600}`,
      ],
      ['an overlong NUL (C0 80)', bytes(0xc0, 0x80), escaped(0xc0, 0x80)],
      ['an overlong slash (E0 80 AF)', bytes(0xe0, 0x80, 0xaf), escaped(0xe0, 0x80, 0xaf)],
      ['an overlong four-byte form', bytes(0xf0, 0x8f, 0xbf, 0xbf), escaped(0xf0, 0x8f, 0xbf, 0xbf)],
      ['an encoded surrogate (ED A0 80)', bytes(0xed, 0xa0, 0x80), escaped(0xed, 0xa0, 0x80)],
      [
        'a pair of encoded surrogates',
        bytes(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80),
        escaped(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80),
      ],
      ['past U+10FFFF (F4 90 80 80)', bytes(0xf4, 0x90, 0x80, 0x80), escaped(0xf4, 0x90, 0x80, 0x80)],
      ['bytes no UTF-8 has (F5, FE)', bytes(0xf5, 0xfe), escaped(0xf5, 0xfe)],
      ['paths apart, each kept', bytes(0x61, 0xff, 0x00, 0xe9, 0x00), `a${escaped(0xff)}\0${escaped(0xe9)}\0`],
    ];
    for (const [what, buffer, text] of cases) {
      expect(pathText(buffer), what).toBe(text);
      // Nothing lost: each escape is its byte again.
      const back = Buffer.from(
        [...text].flatMap((char) => {
          const code = char.charCodeAt(0);
          return char.length === 1 && code >= 0xdc80 && code <= 0xdcff ? [code - 0xdc00] : [...Buffer.from(char)];
        }),
      );
      expect(back.equals(buffer), what).toBe(true);
    }
  });

  it('keep two names apart that differ only in bytes that are no character', () => {
    expect(pathText(bytes(0x61, 0xfe))).not.toBe(pathText(bytes(0x61, 0xff)));
  });
});
