import { stripVTControlCharacters } from 'node:util';
import { characterEnd, measure } from '../columns.js';

/*
 * Fitting text into columns: how wide a line shows (colour codes take no room, a CJK letter or
 * an emoji two, a combining accent none: src/columns.ts), cutting a label to fit, padding, and
 * wrapping a paragraph at word boundaries.
 */

/** Printable ASCII: one column a character, so its width is its length (the usual case, and the fast one). */
const PLAIN = /^[\x20-\x7e]*$/;

/** Columns a text takes on a terminal: two for a wide letter or an emoji, none for a colour code or an accent. */
export function visibleWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  return measure(text.includes('\x1b') || text.includes('\x9b') ? stripVTControlCharacters(text) : text).columns;
}

/** How much of plain `text` (in UTF-16 units) fits in `width` columns, and whether that is less than all of it. */
function fitting(text: string, width: number, plain = PLAIN.test(text)): { end: number; cut: boolean } {
  const room = Math.max(0, width);
  if (plain) return { end: Math.min(text.length, room), cut: text.length > room };
  return measure(text, room);
}

/** Cut to `width` columns, with … when something was cut. Plain text only (no colour codes). */
export function truncate(text: string, width: number): string {
  if (!fitting(text, width).cut) return text;
  if (width <= 1) return text.slice(0, fitting(text, width).end);
  return text.slice(0, fitting(text, width - 1).end).trimEnd() + '…';
}

/** Pads to `width` visible columns (colour codes allowed in `text`). */
export function padVisible(text: string, width: number): string {
  const room = width - visibleWidth(text);
  return room > 0 ? text + ' '.repeat(room) : text;
}

/**
 * Wraps text to `width` columns at spaces, keeping its own line breaks; a word longer than a
 * line is cut across lines. Colour codes take no room (a view's own marks stay inside their
 * words); a word long enough to be cut must be plain text.
 */
export function wrap(text: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      // A word wider than the line is cut into lines of its own, each as much as fits (a CJK
      // sentence is one word). Each piece is measured only as far as the line, so a 1 MB "word"
      // a file holds costs one pass.
      let start = 0;
      const plain = PLAIN.test(word);
      if (plain ? word.length > room : visibleWidth(word) > room) {
        for (let fit = fitting(word, room, plain); fit.cut; fit = fitting(word.slice(start), room, plain)) {
          if (line !== '') {
            lines.push(line);
            line = '';
          }
          // At least one character a line, even one wider than the line; the last is the rest.
          const piece = fit.end > 0 ? fit.end : characterEnd(word, start + 1, start) - start;
          if (start + piece >= word.length) break;
          lines.push(word.slice(start, start + piece));
          start += piece;
        }
      }
      const rest = start === 0 ? word : word.slice(start);
      if (rest === '') continue;
      if (line === '') line = rest;
      else if (visibleWidth(line) + 1 + visibleWidth(rest) <= room) line += ' ' + rest;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The fewest columns a hanging indent leaves its text; with fewer, lines hang nearer the left. */
const HANG_ROOM = 16;

/**
 * `lead` then `text`, fitted to `width` columns: the one line as it is when it fits, else `text`
 * wrapped at spaces with the lines after the first `hang` columns in (by default under the
 * text's first word), so an item of a list or a row of a table still reads as one block.
 * Without a width (output to a pipe, which never breaks a line) it stays one line. When the
 * hang would leave the text fewer than HANG_ROOM columns, the lead is wrapped with the text and
 * the lines after the first start two columns past the lead's own indent.
 */
export function hanging(lead: string, text: string, width: number | undefined, hang = visibleWidth(lead)): string[] {
  const line = lead + text;
  if (width === undefined || visibleWidth(line) <= width) return [line];
  const first = visibleWidth(lead);
  if (width - Math.max(first, hang) >= HANG_ROOM)
    return wrap(text, width - Math.max(first, hang)).map((l, i) => (i === 0 ? lead : ' '.repeat(hang)) + l);
  const indent = line.length - line.trimStart().length;
  return wrap(line, width - indent - 2).map((l, i) => ' '.repeat(i === 0 ? indent : indent + 2) + l);
}

/** An item of a section under a heading: two columns in, its wrapped lines two more, so each stands apart. */
export function itemLines(text: string, width: number | undefined): string[] {
  return hanging('  ', text, width, 4);
}

/**
 * The width to fit lines to (see hanging): a terminal's, which would break a longer line
 * mid-word. None for a pipe, whose lines scripts read whole. A line that fits is left as it is,
 * so at 80 columns and more these views read as they always have but for lines that ran past
 * the edge.
 */
export function fitWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | undefined {
  return stream.isTTY ? terminalColumns(stream, env) : undefined;
}

/** How wide the output may be: $COLUMNS when set (a script or test can ask), else the terminal's, else 80. */
export function terminalColumns(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const asked = Number(env.COLUMNS);
  if (Number.isInteger(asked) && asked > 0) return asked;
  return (stream.isTTY && stream.columns) || 80;
}
