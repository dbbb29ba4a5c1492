/*
 * Whether a text from a file holds a character that acts on a terminal instead of showing:
 * C0 controls (a newline and a tab too), DEL, C1 controls (U+009B is an 8-bit CSI), the bidi
 * embeddings, overrides and isolates, and the line and paragraph separators. Names, types,
 * tags and titles are shown on one line of every listing, so one holding such a character is
 * refused where it is read; text shown as lines of its own goes through the output module's
 * neutraliser instead (src/ui/output.ts).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}
