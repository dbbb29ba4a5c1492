import { eastAsianWidth } from 'get-east-asian-width';

/*
 * How many columns a text takes on a terminal, and how much of it fits in so many, as xterm and
 * tmux draw it. A character Unicode's East Asian Width table calls wide or fullwidth (Chinese,
 * Japanese, Korean, Yi, most emoji) takes two columns (the table is get-east-asian-width's);
 * a combining mark, a joiner, a variation selector, a tag or any other format character none;
 * the rest one. An emoji sequence shows as its first emoji: the emoji a zero-width joiner joins
 * to it and a skin tone after it take no column of their own.
 *
 * Not string-width, which measures much the same: its grapheme segmenter and its emoji
 * pattern cost a fresh process about 30 ms when first used, and a listing of one Chinese name
 * would pay that on every run.
 */

const ZWJ = 0x200d;
/** Marks that draw on the character before them, and format characters (joiners, selectors, tags, bidi marks). */
const ZERO = /[\p{Mn}\p{Me}\p{Cf}]/uy;
/** Marks that take a column of their own but belong to the letter before them (Indic vowel signs). */
const SPACING = /\p{Mc}/uy;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/uy;

/**
 * The most marks, joiners and selectors one character carries (Unicode's stream-safe limit is
 * 30). A longer run (a partner's name of 5,000 accents on one letter) counts a column a mark
 * past it, so a column cuts it as it cuts letters.
 */
const MOST_JOINED = 30;

const at = (pattern: RegExp, text: string, index: number): boolean => {
  pattern.lastIndex = index;
  return pattern.test(text);
};

/** What one character adds: its columns, and whether it belongs to the character before it. */
interface Step {
  columns: number;
  joins: boolean;
}

function step(text: string, index: number, code: number, previous: number, inEmoji: boolean): Step {
  // Latin, Greek, Cyrillic and the rest below U+0300 hold no mark and nothing wide.
  if (code < 0x300) return { columns: code < 0x20 || (code >= 0x7f && code < 0xa0) ? 0 : 1, joins: false };
  if (previous === ZWJ && inEmoji && at(PICTOGRAPHIC, text, index)) return { columns: 0, joins: true };
  if (inEmoji && code >= 0x1f3fb && code <= 0x1f3ff) return { columns: 0, joins: true }; // a skin tone
  // Hangul vowels and final consonants written apart join the syllable's first consonant.
  if ((code >= 0x1160 && code <= 0x11ff) || (code >= 0xd7b0 && code <= 0xd7ff)) return { columns: 0, joins: true };
  if (at(ZERO, text, index)) return { columns: 0, joins: true };
  if (at(SPACING, text, index)) return { columns: 1, joins: true };
  return { columns: eastAsianWidth(code) === 2 ? 2 : 1, joins: false };
}

/**
 * The columns of `text` (plain text: no colour codes), and the longest start of it, in UTF-16
 * units, that fits in `limit` columns: it ends between two characters as the screen shows them,
 * never through a surrogate pair, an emoji sequence or a letter and its marks. Reading stops at
 * the first character past the limit, so a long text costs no more than what fits.
 */
export function measure(
  text: string,
  limit = Number.POSITIVE_INFINITY,
): { columns: number; end: number; cut: boolean } {
  let columns = 0;
  let clusterStart = 0;
  let previous = 0;
  let inEmoji = false;
  let joined = 0;
  for (let index = 0; index < text.length; ) {
    const code = text.codePointAt(index)!;
    let { columns: adds, joins } = step(text, index, code, previous, inEmoji);
    if (joins && ++joined > MOST_JOINED) {
      adds = 1;
      joins = false;
    }
    if (!joins || index === 0) {
      clusterStart = index;
      joined = 0;
      inEmoji = code >= 0x300 && at(PICTOGRAPHIC, text, index);
    }
    if (columns + adds > limit) return { columns, end: clusterStart, cut: true };
    columns += adds;
    previous = code;
    index += code > 0xffff ? 2 : 1;
  }
  return { columns, end: text.length, cut: false };
}

/** Where the character as the screen shows it (with its marks, or a whole emoji sequence) that starts at `start` ends. */
function nextEnd(text: string, start: number): number {
  const first = text.codePointAt(start)!;
  let previous = first;
  const inEmoji = first >= 0x300 && at(PICTOGRAPHIC, text, start);
  let index = start + (first > 0xffff ? 2 : 1);
  for (let joined = 1; index < text.length && joined <= MOST_JOINED; joined++) {
    const code = text.codePointAt(index)!;
    if (!step(text, index, code, previous, inEmoji).joins) break;
    previous = code;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

/**
 * The first end of a character as the screen shows it at or after `index` (in UTF-16 units):
 * `index` itself when a character ends there, else the end of the one it falls inside (half a
 * surrogate pair, a letter before its marks, an emoji sequence, a Hangul syllable spelled apart).
 * Read from `from`, which must be where a character starts: a long text read from the start for
 * each index would cost its length each time.
 */
export function characterEnd(text: string, index: number, from = 0): number {
  let end = from;
  while (end < index && end < text.length) end = nextEnd(text, end);
  return end;
}
