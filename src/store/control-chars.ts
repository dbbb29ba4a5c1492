import { BIDI_CONTROLS, CONTROLS, firstUnshown, SEPARATORS } from '../unsafe-chars.js';

/*
 * Whether a text from a file holds a character that acts on a terminal instead of showing:
 * C0 controls (a newline and a tab too), DEL, C1 controls (U+009B is an 8-bit CSI), the bidi
 * controls (marks, embeddings, overrides, isolates), and the line and paragraph separators; or
 * one that shows as nothing (a zero-width space, a byte-order mark), which makes a name read as
 * another. Names, types, tags and titles are shown on one line of every listing, so one holding
 * such a character is refused where it is read; text shown as lines of its own goes through the
 * output module's neutraliser instead (src/ui/output.ts).
 */
const CONTROL = new RegExp(`[${CONTROLS}${BIDI_CONTROLS}${SEPARATORS}]`, 'u');

export function hasControl(text: string): boolean {
  // Every control is among the characters no line shows raw; CONTROL only words the refusal.
  return firstUnshown(text) !== undefined;
}

/**
 * What a text `hasControl` refuses holds, for the refusal: "a control character (a newline or
 * an escape sequence)", or "an invisible character (U+200B)" when that is all it holds.
 */
export function unsafeCharacterWords(text: string): string {
  if (CONTROL.test(text)) return 'a control character (a newline or an escape sequence)';
  const found = firstUnshown(text) ?? '\u200b';
  return `an invisible character (U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** The same for several texts, each refused: "control characters (…)", "invisible characters (…)", or both. */
export function unsafeCharactersWords(texts: string[]): string {
  const controls = texts.filter((text) => CONTROL.test(text)).length;
  if (controls === texts.length) return 'control characters (a newline or an escape sequence)';
  if (controls === 0) return 'invisible characters (such as a zero-width space)';
  return 'control or invisible characters (a newline, an escape sequence, a zero-width space)';
}
