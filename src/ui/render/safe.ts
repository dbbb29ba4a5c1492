import { block, inline } from '../output.js';

/*
 * Text from a file on its way to a terminal or an export, through the output module's one
 * neutraliser: every control character (escape sequences, carriage returns, C1 controls, bidi
 * overrides) is shown as a visible escape (`\x1b`, `\r`, `\u202e`) instead of acting.
 */

/** An answer or a body, shown as lines of its own: newlines and tabs stay. */
export function safeText(text: string): string {
  return block(text);
}

/** A name, a title, a label or a short answer, put into one line: a newline is shown as `\n` too. */
export function safeLine(text: string): string {
  return inline(text);
}
