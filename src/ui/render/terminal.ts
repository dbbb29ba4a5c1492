import type { ChalkInstance } from 'chalk';
import { largest, pushAll } from '../../many.js';
import { typeColour } from '../entry-view.js';
import { visibleWidth } from '../layout.js';
import { spelledTime } from '../long-time.js';
import { safeLine, safeText } from './safe.js';
import type { EntryView, Part, RatingPart, ReviewPart } from './view.js';

/*
 * An entry view laid out for a terminal: `show` and the preview before saving. Short answers
 * (ratings, yes/no, choices) sit in an aligned block, ratings as small bars; written answers
 * under their headings. Every text from a file goes through safe.ts (safeLine for one line, safeText for lines of their own).
 */

export interface TerminalStyle {
  /** bars and marks in plain ASCII, for a terminal that is not UTF-8 */
  ascii?: boolean;
  /** "■■■■□ 4" instead of "■■■■□ 4/5", where a column is narrow */
  short?: boolean;
}

/** The widest label kept in the aligned column; a longer one takes a line of its own. */
const LABEL_COLUMN = 30;

/** ■■■■□ 4/5: one cell per step of the scale (up to ten), else just the number. */
export function ratingBar(part: Pick<RatingPart, 'value' | 'min' | 'max'>, style: TerminalStyle = {}): string {
  const { value, min, max } = part;
  const steps = max - min + 1;
  const figure = style.short ? formatNumber(value) : `${formatNumber(value)}/${formatNumber(max)}`;
  if (!Number.isInteger(value) || steps < 2 || steps > 11 || value < min || value > max) return figure;
  const [on, off] = style.ascii ? ['#', '-'] : ['■', '□'];
  const filled = value - min + 1;
  return `${on.repeat(filled)}${off.repeat(steps - filled)} ${figure}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "Plan a date for Friday — kept", the outcome coloured by how it went. */
export function reviewLine(c: ChalkInstance, item: ReviewPart['items'][number]): string {
  const outcome =
    item.outcome === 'kept'
      ? c.green(item.outcome)
      : item.outcome === 'partly'
        ? c.yellow(item.outcome)
        : c.dim(safeLine(item.outcome));
  return item.outcome === '' ? safeLine(item.commitment) : `${safeLine(item.commitment)} — ${outcome}`;
}

/** Who and when: "Alex for Jordan · Sunday 8 March 2026, 18:00", marked when private. */
export function bylineOf(c: ChalkInstance, view: EntryView): string {
  const mark = view.private ? c.magenta('[private] ') : '';
  const whom = view.forWhom ? ` for ${safeLine(view.forWhom)}` : '';
  return `${mark}${c.bold(safeLine(view.author))}${whom} · ${spelledTime(view, 'EEEE d MMMM yyyy, HH:mm')}`;
}

export function entryLines(c: ChalkInstance, view: EntryView, style: TerminalStyle = {}): string[] {
  const lines: string[] = [typeColour(c, view.type).bold(safeLine(view.title)), bylineOf(c, view)];
  if (view.tags.length > 0) lines.push(c.dim(view.tags.map((tag) => `#${safeLine(tag)}`).join(' ')));
  if (view.id !== '') lines.push(c.dim(view.id));
  pushAll(lines, partLines(c, view.parts, style));
  return lines;
}

/** A reply as shown under the entry it answers: set in, with who and when, and its words. */
export function replyLines(c: ChalkInstance, view: EntryView, style: TerminalStyle = {}): string[] {
  const parts = view.parts.filter((part) => part.id !== 'replies_to');
  return [
    `  ${c.magenta('↳')} ${bylineOf(c, view)}  ${c.dim(view.id)}`,
    ...partLines(c, parts, style).map((l) => (l ? `    ${l}` : l)),
  ];
}

/** The parts in order: runs of short answers as one aligned block, each written answer under its heading. */
export function partLines(c: ChalkInstance, parts: Part[], style: TerminalStyle = {}): string[] {
  const lines: string[] = [];
  let block: Part[] = [];
  const flush = () => {
    if (block.length === 0) return;
    lines.push('');
    pushAll(lines, shortBlock(c, block, style));
    block = [];
  };
  for (const part of parts) {
    if (part.kind === 'rating' || part.kind === 'fact') {
      block.push(part);
      continue;
    }
    flush();
    lines.push('');
    if (part.label !== '') lines.push(c.bold.underline(safeLine(part.label)));
    if (part.kind === 'text') pushAll(lines, indented(part.text));
    else if (part.kind === 'review')
      pushAll(
        lines,
        part.items.map((item) => `  ${reviewLine(c, item)}`),
      );
    else
      pushAll(
        lines,
        part.files.map((file) => `  ${safeLine(file)}`),
      );
  }
  flush();
  return lines;
}

function indented(text: string): string[] {
  return safeText(text)
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `  ${line}`));
}

function shortBlock(c: ChalkInstance, parts: Part[], style: TerminalStyle): string[] {
  const width = Math.min(LABEL_COLUMN, largest(parts.map((p) => visibleWidth(safeLine(p.label)))));
  const lines: string[] = [];
  for (const part of parts) {
    const label = safeLine(part.label);
    const value =
      part.kind === 'rating'
        ? c.cyan(ratingBar(part, style))
        : part.kind === 'fact'
          ? safeLine(part.text.replace(/\s*\n\s*/g, ' '))
          : '';
    const length = visibleWidth(label);
    if (length > width) lines.push(c.dim(label), `${' '.repeat(width + 2)}${value}`);
    else lines.push(`${c.dim(label)}${' '.repeat(width - length + 2)}${value}`);
  }
  return lines;
}
