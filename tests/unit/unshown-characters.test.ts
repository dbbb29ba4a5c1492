import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shownShellWord } from '../../src/shell-word.js';
import { hasControl, unsafeCharacterWords } from '../../src/store/control-chars.js';
import { inline } from '../../src/ui/output.js';
import { firstUnshown, quoted, shownPath } from '../../src/unsafe-chars.js';

/*
 * Every character Unicode says shows as nothing (Default_Ignorable_Code_Point) makes a name read
 * as another, and is refused in one and escaped on one line. The joiners, the variation
 * selectors and the tag characters are how emoji and several scripts are written: in their
 * place they stay, out of it they are refused like the rest.
 */

/** Written with them, in their place: each stays as it is. */
const IN_PLACE: Record<string, string> = {
  'a couple (emoji joined by ZWJ, with a VS16)': '\u{1F469}\u200D\u2764\uFE0F\u200D\u{1F468}',
  'a coder with a skin tone': '\u{1F469}\u{1F3FD}\u200D\u{1F4BB}',
  'the rainbow flag': '\u{1F3F3}\uFE0F\u200D\u{1F308}',
  'a red heart': '\u2764\uFE0F',
  'a keycap': '1\uFE0F\u20E3',
  'Persian with a ZWNJ': '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645',
  'Devanagari with a ZWJ after the virama': '\u0915\u094D\u200D\u0937',
  'the flag of Scotland (tag letters)': '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
  'an ideograph and its variant': '\u845B\u{E0100}',
  'Malayalam ending in a ZWJ after the virama': '\u0D05\u0D35\u0D28\u0D4D\u200D',
  'Mongolian with a free variation selector': '\u182E\u1823\u1829\u182D\u1823\u182F\u180B',
  'a plain name': 'Alex',
};

/** Each reads as "Alex" in a terminal. */
const HIDDEN: Record<string, string> = {
  'a ZWJ between Latin letters': 'Al\u200Dex',
  'a ZWNJ between Latin letters': 'Al\u200Cex',
  'a variation selector after a Latin letter': 'Al\uFE0Fex',
  'tag characters spelling a hidden word': 'Alex\u{E0041}\u{E0042}',
  'a Mongolian free variation selector': 'Al\u180Bex',
  'a musical formatting mark': 'Al\u{1D173}ex',
  'a shorthand format control': 'Al\u{1BCA0}ex',
  'the braille blank': 'Al\u2800ex',
  'an unassigned ignorable': 'Al\u{E0FFF}ex',
  'a zero-width space': 'Al\u200Bex',
  'a ZWJ between two ideographs': '\u7530\u200D\u4E2D',
  'a ZWJ between Hangul syllables': '\uD55C\u200D\uAE00',
  'a ZWNJ between Hebrew letters': '\u05D3\u200C\u05E0\u05D4',
  'a flag of tag letters never cancelled': '\u{1F3F4}\u{E0067}\u{E0062}',
};

const RAW_LIST =
  '\\u200b-\\u200d\\u2800\\u180b\\ufe00-\\ufe0f\\u{e0000}-\\u{e0fff}\\u{1d173}-\\u{1d17a}\\u{1bca0}-\\u{1bca3}';
/** Any of them raw (a class built from a list: a literal one reads as joining its characters). */
const RAW = new RegExp(`[${RAW_LIST}]`, 'u');

describe('characters that show as nothing', () => {
  it('in their place in an emoji or a script, are kept in names, paths and lines', () => {
    for (const [what, text] of Object.entries(IN_PLACE)) {
      expect(firstUnshown(text), what).toBeUndefined();
      expect(hasControl(text), what).toBe(false);
      expect(inline(text), what).toBe(text);
      expect(shownPath(text), what).toBe(text);
    }
  });

  it('anywhere else, are refused in a name, naming the character, and escaped in a line, a path and a fix', () => {
    for (const [what, text] of Object.entries(HIDDEN)) {
      expect(hasControl(text), what).toBe(true);
      expect(unsafeCharacterWords(text), what).toMatch(/^an invisible character \(U\+[0-9A-F]{4,5}\)$/);
      expect(inline(text), what).not.toMatch(RAW);
      expect(inline(text), what).toMatch(/\\u/);
      expect(shownPath(text), what).not.toMatch(RAW);
      expect(JSON.parse(quoted(text)), what).toBe(text);
      const word = shownShellWord(text);
      expect(word, what).not.toMatch(RAW);
      const read = spawnSync('bash', ['-c', `printf %s ${word}`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, LC_ALL: 'C' },
      });
      expect(read.stdout, what).toBe(text);
    }
    expect(unsafeCharacterWords('Al\u{1D173}ex')).toBe('an invisible character (U+1D173)');
    expect(inline('Alex\u{E0041}')).toBe('Alex\\u{e0041}');
  });

  it('out of place next to one in place, only the one out of place is escaped', () => {
    const heart = '\u2764\uFE0F';
    expect(inline(`${heart} Al\u200Dex`)).toBe(`${heart} Al\\u200dex`);
  });
});
