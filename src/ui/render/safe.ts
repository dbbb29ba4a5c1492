/*
 * Text from a file on its way to a terminal: control characters (escape sequences, carriage
 * returns, C1 controls) and bidirectional overrides are shown as U+FFFD instead of acting on the
 * terminal. Newlines and tabs stay. Every layout in this folder passes file-borne text through
 * here, so there is one place to make it stricter.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string): string {
  return text.replace(UNSAFE, '\uFFFD');
}
