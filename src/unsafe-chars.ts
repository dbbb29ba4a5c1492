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
