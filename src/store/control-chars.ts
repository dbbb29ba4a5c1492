import { BIDI_CONTROLS, CONTROLS, SEPARATORS } from '../unsafe-chars.js';

/*
 * Whether a text from a file holds a character that acts on a terminal instead of showing:
 * C0 controls (a newline and a tab too), DEL, C1 controls (U+009B is an 8-bit CSI), the bidi
 * controls (marks, embeddings, overrides, isolates), and the line and paragraph separators. Names, types,
 * tags and titles are shown on one line of every listing, so one holding such a character is
 * refused where it is read; text shown as lines of its own goes through the output module's
 * neutraliser instead (src/ui/output.ts).
 */
const CONTROL = new RegExp(`[${CONTROLS}${BIDI_CONTROLS}${SEPARATORS}]`, 'u');

export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}
