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
 * Characters most terminals show as nothing: the soft hyphen, the combining grapheme joiner,
 * the Hangul fillers, the Khmer inherent vowels, the Mongolian vowel separator, the zero-width
 * space, the word joiner and the invisible operators, the deprecated format characters, the
 * byte-order mark and the interlinear annotation marks. In a name they make one that reads as
 * another ("Al\u200bex" shows as "Alex"). The zero-width joiner and non-joiner and the variation
 * selectors are not here: emoji and several scripts are written with them.
 */
export const INVISIBLES =
  '\\u00ad\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b\\u2060-\\u2064\\u206a-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb';

/**
 * Every character no one-line text may show raw: the controls (tab and newline too), the bidi
 * controls, the separators and the invisible ones. One list for the names refused, the paths
 * quoted and the lines escaped.
 */
export const NOT_IN_A_LINE = `${CONTROLS}${BIDI_CONTROLS}${SEPARATORS}${INVISIBLES}`;

/** What JSON.stringify leaves as it is but a line may not show: DEL, the C1 controls, the bidi controls, the separators and the invisible ones. */
const NOT_JSON_ESCAPED = new RegExp(`[\\u007f-\\u009f${BIDI_CONTROLS}${SEPARATORS}${INVISIBLES}]`, 'gu');

const SHOWN_ESCAPED = new RegExp(`[${NOT_IN_A_LINE}]`, 'u');

/** A path as it can be shown in one line: as it is, or quoted with its unshowable characters as escapes. */
export function shownPath(file: string): string {
  return SHOWN_ESCAPED.test(file) ? quoted(file) : file;
}

/**
 * A text in double quotes, as JSON writes it, with every character a line may not show raw
 * written as a \u escape: for a name or a path quoted in a message, which then shows exactly
 * what the file holds.
 */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(
    NOT_JSON_ESCAPED,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
