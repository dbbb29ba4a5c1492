import type { ChalkInstance } from 'chalk';
import { lightFormat } from 'date-fns';
import { largest } from '../many.js';
import type { LineMatch } from '../reading/search.js';
import type { Entry } from '../store/entry.js';
import { padVisible, truncate, visibleWidth } from './layout.js';
import { typeLabel } from './words.js';

/* How entries look in the terminal: one line for log, a page for show, hits for grep. */

const TYPE_COLOURS = ['magenta', 'cyan', 'green', 'yellow', 'blue', 'red'] as const;
const KNOWN: Record<string, (typeof TYPE_COLOURS)[number]> = {
  gratitude: 'green',
  checkin: 'cyan',
  repair: 'yellow',
  date: 'magenta',
  date_night: 'magenta',
  reflection: 'blue',
};

/** Each type keeps one colour, so a long log can be scanned by colour. */
export function typeColour(c: ChalkInstance, type: string): ChalkInstance {
  const key = type.toLowerCase();
  let name = Object.hasOwn(KNOWN, key) ? KNOWN[key] : undefined;
  if (!name) {
    let hash = 0;
    for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    name = TYPE_COLOURS[hash % TYPE_COLOURS.length] ?? 'magenta';
  }
  return c[name];
}

/**
 * In the reader's own time zone (the process's TZ), as log and grep list it. lightFormat writes
 * the same digits as format() without loading date-fns' whole formatter and locale; dates
 * spelled out in words are long-time.ts's.
 */
export function localTime(entry: Pick<Entry, 'date'>): string {
  return lightFormat(new Date(Date.parse(entry.date)), 'yyyy-MM-dd HH:mm');
}

/** "checkin" → "Check-in", "date" → "Date night", "our_budget" → "Our budget". */
export function humanType(type: string): string {
  const words = typeLabel(type).replace(/[_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The first words of the answers, headings left out and answers set apart by " · ". */
export function excerpt(body: string, max = 80): string {
  const answers: string[] = [];
  let current: string[] = [];
  const close = () => {
    const text = current.join(' ').replace(/\s+/g, ' ').trim();
    if (text !== '') answers.push(text);
    current = [];
  };
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) close();
    else current.push(line);
  }
  close();
  return truncate(answers.join(' · '), max);
}

/** What a log line says about an entry: a skip names its ritual and why; others, their first words. */
export function entryGist(entry: Pick<Entry, 'type' | 'fields' | 'body'>, max = 80): string {
  if (entry.type === 'skip' && typeof entry.fields.ritual === 'string') {
    const reason =
      typeof entry.fields.reason === 'string' && entry.fields.reason.trim() !== '' ? entry.fields.reason : '';
    return truncate(
      `skipped ${typeLabel(entry.fields.ritual)}${reason ? `: ${reason.replace(/\s+/g, ' ').trim()}` : ''}`,
      max,
    );
  }
  if (entry.type === 'question' && typeof entry.fields.asked === 'string') {
    // A sealed answer has no words to show, only its question.
    const sealed = entry.fields.key === undefined;
    return truncate(
      `${sealed ? '(sealed) ' : ''}${entry.fields.asked}${sealed ? '' : ` · ${excerpt(entry.body, max)}`}`,
      max,
    );
  }
  return excerpt(entry.body, max);
}

/** The widths of a listing's columns: one for every line, so the columns stay aligned. */
export interface LogColumns {
  id: number;
  type: number;
  author: number;
}

/**
 * The widest a type or an author takes in a listing: a longer one (a partner's 3,000-character
 * name) is cut, so it cannot push every other line's words off the screen.
 */
const COLUMN_MAX = 24;

/** The widths that fit every line of a listing (at least the usual ones, so short listings look alike). */
export function logColumns(items: Array<{ entry: Pick<Entry, 'type' | 'author'>; shortId: string }>): LogColumns {
  const widest = (values: string[], least: number, most = Number.POSITIVE_INFINITY) =>
    Math.min(most, Math.max(least, largest(values.map(visibleWidth))));
  return {
    id: widest(
      items.map((item) => item.shortId),
      11,
    ),
    type: widest(
      items.map((item) => item.entry.type),
      9,
      COLUMN_MAX,
    ),
    author: widest(
      items.map((item) => item.entry.author),
      6,
      COLUMN_MAX,
    ),
  };
}

/** One log line: date, short id, type, author, first words; cut to the terminal width. */
export function logLine(
  c: ChalkInstance,
  item: { entry: Entry; shortId: string; conflictCopy?: boolean; replies?: number },
  width: number | undefined,
  columns: LogColumns = logColumns([item]),
): string {
  const { entry } = item;
  const head = `${localTime(entry)}  ${padVisible(item.shortId, columns.id)}  `;
  const type = padVisible(truncate(entry.type, COLUMN_MAX), columns.type);
  const author = padVisible(truncate(entry.author, COLUMN_MAX), columns.author);
  const fixed = visibleWidth(head) + visibleWidth(type) + visibleWidth(author) + 4;
  const room = width === undefined ? 100 : Math.max(10, width - fixed);
  const replies = item.replies ? c.magenta(`[${item.replies} ${item.replies === 1 ? 'reply' : 'replies'}] `) : '';
  const mark = privateMark(c, entry) + (item.conflictCopy ? c.yellow('[conflict copy] ') : '') + replies;
  return `${c.dim(head)}${typeColour(c, entry.type)(type)}  ${c.bold(author)}  ${mark}${entryGist(entry, room - visibleWidth(mark))}`;
}

/** Private entries say so wherever they are listed: they exist on this computer only. */
export function privateMark(c: ChalkInstance, entry: Pick<Entry, 'fields'>): string {
  return entry.fields.private === true ? c.magenta('[private] ') : '';
}

/** A rating as a small bar: ■■■□□ 3/5. Scales of 5 and 10; anything else prints plainly. */
export function ratingBar(value: number): string | undefined {
  if (!Number.isInteger(value) || value < 0 || value > 10) return undefined;
  const scale = value <= 5 ? 5 : 10;
  return `${'■'.repeat(value)}${'□'.repeat(scale - value)} ${value}/${scale}`;
}

/** A grep hit: the entry's date, type and author, then each match with a line of context. */
export function hitLines(c: ChalkInstance, hit: { entry: Entry; shortId: string; matches: LineMatch[] }): string[] {
  const { entry } = hit;
  const lines = [
    `${c.dim(localTime(entry))}  ${c.dim(hit.shortId)}  ${typeColour(c, entry.type)(truncate(entry.type, COLUMN_MAX))}  ${c.bold(truncate(entry.author, COLUMN_MAX))}${privateMark(c, entry) ? '  ' + privateMark(c, entry).trim() : ''}`,
  ];
  let lastShown = 0;
  // Looked up, not searched for each match: a file of many matching lines costs no more than its lines.
  const matched = new Set(hit.matches.map((m) => m.line));
  for (const match of hit.matches) {
    if (lastShown > 0 && match.line - 1 > lastShown + 1) lines.push(c.dim('    …'));
    // Blank neighbours are no context worth a line.
    if (match.before?.trim() && match.line - 1 > lastShown) lines.push(c.dim(`    ${match.before}`));
    lines.push(`    ${highlight(c, match)}`);
    lastShown = match.line;
    if (match.after?.trim() && !matched.has(match.line + 1)) {
      lines.push(c.dim(`    ${match.after}`));
      lastShown = match.line + 1;
    }
  }
  return lines;
}

function highlight(c: ChalkInstance, match: LineMatch): string {
  let outText = '';
  let at = 0;
  for (const [start, end] of match.ranges) {
    outText += match.text.slice(at, start) + c.bold.red(match.text.slice(start, end));
    at = end;
  }
  return outText + match.text.slice(at);
}
