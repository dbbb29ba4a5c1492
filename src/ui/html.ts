import { BIDI_CONTROLS, CONTROLS_BUT_TAB_NEWLINE, SEPARATORS } from '../unsafe-chars.js';

/** What HTML has no use for, and what a page printed to a terminal must not carry. */
const HTML_UNSAFE = new RegExp(`[${CONTROLS_BUT_TAB_NEWLINE}${BIDI_CONTROLS}${SEPARATORS}]`, 'g');

/**
 * Text into HTML: every piece of journal text goes through here, so an entry can never inject
 * markup. A carriage return becomes a newline (a lone one, printed to a terminal, would take the
 * line back to its start and write over it); every other control character, and the bidi
 * controls, are shown as U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r\n?/g, '\n')
    .replace(HTML_UNSAFE, '\uFFFD');
}
