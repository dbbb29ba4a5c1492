/*
 * The characters that act on a terminal or on how a line reads instead of showing, as one
 * list for every place that refuses or neutralises them (names, listings, JSON, HTML, paths
 * from the partner). Written as the inside of a regular expression's character class, so each
 * place adds what it needs (a newline kept, a tab allowed).
 */

/** C0 controls but tab and newline, DEL, and the C1 controls (U+009B is an 8-bit CSI). */
export const CONTROLS_BUT_TAB_NEWLINE = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f';

/** Every C0 control, DEL and the C1 controls. */
export const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f';

/**
 * Unicode's Bidi_Control characters: the Arabic letter mark, the left-to-right and
 * right-to-left marks, the embeddings and overrides, and the isolates. Any of them can make
 * a line read in another order than its characters stand in.
 */
export const BIDI_CONTROLS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

/** The line and paragraph separators, which some terminals and editors break a line at. */
export const SEPARATORS = '\\u2028\\u2029';

/**
 * Characters most terminals show as nothing: Unicode's Default_Ignorable_Code_Point characters
 * (the soft hyphen, the combining grapheme joiner, the Hangul fillers, the Khmer inherent vowels,
 * the Mongolian selectors, the zero-width space, the word joiner and the invisible operators,
 * the deprecated format characters, the byte-order mark, the shorthand format controls, the
 * musical formatting marks and the unassigned ones among them), the interlinear annotation marks
 * and the braille blank. In a name they make one that reads as another ("Al\u200bex" shows as
 * "Alex"). The joiners, the variation selectors and the tag characters are `JOINERS`: unsafe only
 * out of their place.
 */
export const INVISIBLES =
  '\\u00ad\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b\\u2060-\\u2064\\u2065\\u206a-\\u206f\\u2800\\u3164\\ufeff\\uffa0\\ufff0-\\ufffb' +
  '\\u{1bca0}-\\u{1bca3}\\u{1d173}-\\u{1d17a}\\u{e0000}-\\u{e001f}\\u{e0080}-\\u{e00ff}\\u{e01f0}-\\u{e0fff}';

/**
 * The zero-width non-joiner and joiner, the variation selectors and the tag characters: they
 * show as nothing too, and are how emoji and several scripts are written, so they are unsafe
 * only out of their place (`IN_PLACE`).
 */
const JOINERS = '\\u180b-\\u180d\\u180f\\u200c\\u200d\\ufe00-\\ufe0f\\u{e0020}-\\u{e007f}\\u{e0100}-\\u{e01ef}';

/**
 * The scripts written with the zero-width joiner and non-joiner: the joining ones (Arabic, for
 * Persian and Urdu too, Syriac, N'Ko, Mongolian) and the Brahmic ones (Devanagari to Sinhala,
 * Myanmar, Khmer). In any other (Latin, Greek, Cyrillic, Han, Hangul, Hebrew, Thai…) a joiner
 * between two letters only hides, and makes a name read as another.
 */
const JOINING_SCRIPT =
  '\\p{sc=Arabic}\\p{sc=Syriac}\\p{sc=Nko}\\p{sc=Mongolian}\\p{sc=Devanagari}\\p{sc=Bengali}\\p{sc=Gurmukhi}\\p{sc=Gujarati}\\p{sc=Oriya}\\p{sc=Tamil}\\p{sc=Telugu}\\p{sc=Kannada}\\p{sc=Malayalam}\\p{sc=Sinhala}\\p{sc=Myanmar}\\p{sc=Khmer}';
/** A letter or mark of one of them. */
const JOINING = `(?=[\\p{L}\\p{M}])[${JOINING_SCRIPT}]`;
/** The viramas of the Brahmic scripts (and Khmer's coeng), after which a joiner picks a form, even at a word's end (Malayalam's chillu letters). */
const VIRAMA =
  '\\u094d\\u09cd\\u0a4d\\u0acd\\u0b4d\\u0bcd\\u0c4d\\u0ccd\\u0d3b\\u0d3c\\u0d4d\\u0dca\\u1039\\u103a\\u17d2';
const TAG_LETTER = '[\\u{e0030}-\\u{e0039}\\u{e0061}-\\u{e007a}]';

/** Each joiner where it is part of the text: each alternative is one character, known by its neighbours. */
const IN_PLACE = [
  // joining the emoji of a sequence (woman, ZWJ, heart, VS16, ZWJ, man), after a skin tone too
  '(?<=\\p{Extended_Pictographic}[\\u{1f3fb}-\\u{1f3ff}\\ufe0f]?)\\u200d(?=\\p{Extended_Pictographic})',
  // an emoji's or a keycap's presentation (heart and VS16; the digit 1, VS16, the keycap)
  '(?<=[\\p{Extended_Pictographic}#*0-9])[\\ufe0e\\ufe0f]',
  // an ideograph's variant
  '(?<=\\p{sc=Han})[\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}]',
  // between two letters of a script written with them (a ZWNJ in Persian)
  `(?<=${JOINING})[\\u200c\\u200d](?=${JOINING})`,
  // after a virama (a ZWJ in a Hindi conjunct, or ending a Malayalam word)
  `(?<=[${VIRAMA}])[\\u200c\\u200d]`,
  // a Mongolian letter's variant form
  '(?<=\\p{sc=Mongolian})[\\u180b-\\u180d\\u180f]',
  // a subdivision flag: the black flag, lower-case tag letters, then the cancel tag, whole
  `(?<=\\u{1f3f4}${TAG_LETTER}{0,6})${TAG_LETTER}(?=${TAG_LETTER}{0,6}\\u{e007f})`,
  `(?<=\\u{1f3f4}${TAG_LETTER}{1,7})\\u{e007f}`,
].join('|');

/**
 * Lone surrogates, which are no character at all: a terminal shows U+FFFD for each, if anything.
 * In a class of a regular expression with the `u` flag they match only alone, never the halves
 * of an emoji's pair.
 */
const LONE_SURROGATES = '\\ud800-\\udfff';

/**
 * The lone surrogates a name's bytes that are not UTF-8 are read as (src/git/path-bytes.ts):
 * U+DC80 + the byte.
 */
export const NOT_UTF8_BYTES = '\\udc80-\\udcff';

/**
 * Every character no one-line text may show raw: the controls (tab and newline too), the bidi
 * controls, the separators, the invisible ones and lone surrogates. One list for the names
 * refused, the paths quoted and the lines escaped; a regular expression holding it needs the `u` flag.
 */
export const NOT_IN_A_LINE = `${CONTROLS}${BIDI_CONTROLS}${SEPARATORS}${INVISIBLES}${LONE_SURROGATES}`;

const MAYBE_UNSHOWN = new RegExp(`[${NOT_IN_A_LINE}${JOINERS}]`, 'u');
/** A joiner in its place, matched and left; any other character of the lists, captured. */
let unshown: RegExp | undefined;
// Made when first needed: its script classes cost a start-up that nearly every text never needs.
const UNSHOWN = () => (unshown ??= new RegExp(`(?:${IN_PLACE})|([${NOT_IN_A_LINE}${JOINERS}])`, 'gu'));

/** The first character of `text` that a line may not show raw (a joiner only out of its place), if any. */
export function firstUnshown(text: string): string | undefined {
  if (!MAYBE_UNSHOWN.test(text)) return undefined;
  for (const match of text.matchAll(UNSHOWN())) if (match[1] !== undefined) return match[1];
  return undefined;
}

/** `text` with each character a line may not show raw replaced by what `replace` makes of it. */
export function replaceUnshown(text: string, replace: (char: string) => string): string {
  if (!MAYBE_UNSHOWN.test(text)) return text;
  return text.replace(UNSHOWN(), (match: string, unshown: string | undefined) =>
    unshown === undefined ? match : replace(unshown),
  );
}

/** A character as JavaScript writes it in a one-line text: \\u034f, \\u{e0041} past U+FFFF. */
export function codeEscape(char: string): string {
  const code = char.codePointAt(0)!.toString(16);
  return code.length > 4 ? `\\u{${code}}` : `\\u${code.padStart(4, '0')}`;
}

/** A character as JavaScript and JSON write it: \\uXXXX, a pair of them past U+FFFF. */
export function unicodeEscape(char: string): string {
  let escaped = '';
  for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return escaped;
}

/** A path as it can be shown in one line: as it is, or quoted with its unshowable characters as escapes. */
export function shownPath(file: string): string {
  return firstUnshown(file) === undefined ? file : quoted(file);
}

/** The byte that is not UTF-8 a lone surrogate stands for in a name read from git (U+DC80 + byte), if it is one. */
export function notUtf8Byte(char: string): number | undefined {
  const code = char.length === 1 ? char.charCodeAt(0) : 0;
  return code >= 0xdc80 && code <= 0xdcff ? code - 0xdc00 : undefined;
}

const NOT_UTF8_PIECES = new RegExp(`([${NOT_UTF8_BYTES}])|[^${NOT_UTF8_BYTES}]+`, 'gu');
const HOLDS_NOT_UTF8 = new RegExp(`[${NOT_UTF8_BYTES}]`, 'u');

/**
 * A text in double quotes, as JSON writes it, with every character a line may not show raw
 * written as a \u escape: for a name or a path quoted in a message, which then shows exactly
 * what the file holds. A byte that is not UTF-8 (notUtf8Byte) shows as that byte, \xff, not
 * as the surrogate standing for it: that is the name's own byte, as bash's $'…' writes it.
 */
export function quoted(text: string): string {
  if (!HOLDS_NOT_UTF8.test(text)) return jsonQuoted(text);
  // Piece by piece: JSON would write each such byte as the surrogate's \udcXX.
  const inside = text.replace(NOT_UTF8_PIECES, (piece: string, byte: string | undefined) =>
    byte === undefined ? jsonQuoted(piece).slice(1, -1) : `\\x${notUtf8Byte(byte)!.toString(16).padStart(2, '0')}`,
  );
  return `"${inside}"`;
}

function jsonQuoted(text: string): string {
  // JSON has escaped the C0 controls and the lone surrogates already; the rest of the lists it leaves as they are.
  return replaceUnshown(JSON.stringify(text), unicodeEscape);
}
