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
 * Wraps plain text to `width` columns at spaces, keeping its own line breaks; a word longer
 * than a line is cut across lines.
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
      let start = 0;
      for (; chars.length - start > room; start += room) {
        if (line !== '') {
          lines.push(line);
          line = '';
        }
        lines.push(chars.slice(start, start + room).join(''));
      }
      const rest = start === 0 ? word : chars.slice(start).join('');
      if (rest === '') continue;
      if (line === '') line = rest;
      else if ([...line].length + 1 + [...rest].length <= room) line += ' ' + rest;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** How wide the output may be: $COLUMNS when set (a script or test can ask), else the terminal's, else 80. */
export function terminalColumns(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const asked = Number(env.COLUMNS);
  if (Number.isInteger(asked) && asked > 0) return asked;
  return (stream.isTTY && stream.columns) || 80;
}
