import { stripVTControlCharacters } from 'node:util';

/*
 * Fitting text into columns: how wide a line shows (colour codes take no room), cutting a
 * label to fit, padding, and wrapping a paragraph at word boundaries.
 */

/** Columns a text takes on a terminal: one per character, colour codes none. */
export function visibleWidth(text: string): number {
  return [...stripVTControlCharacters(text)].length;
}

/** Cut to `width` columns, with … when something was cut. Plain text only (no colour codes). */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, Math.max(0, width)).join('');
  return (
    chars
      .slice(0, width - 1)
      .join('')
      .trimEnd() + '…'
  );
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
      // A word longer than the line is cut into lines of its own; split once, so a 1 MB
      // "word" a file holds costs one pass, not a pass per line.
      const chars = [...word];
      // Measured once: a word with colour codes may be longer than it shows.
      const cut = chars.length > room && visibleWidth(word) > room;
      let start = 0;
      for (; cut && chars.length - start > room; start += room) {
        if (line !== '') {
          lines.push(line);
          line = '';
        }
        lines.push(chars.slice(start, start + room).join(''));
      }
      const rest = start === 0 ? word : chars.slice(start).join('');
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
