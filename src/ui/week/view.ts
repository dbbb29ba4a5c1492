import type { ChalkInstance } from 'chalk';
import { addDays, format, parseISO } from 'date-fns';
import { largest, pushAll } from '../../many.js';
import { plural } from '../../plural.js';
import { shownShellWord } from '../../shell-word.js';
import { padVisible, truncate, visibleWidth, wrap } from '../layout.js';
import { safeLine, safeText } from '../render/safe.js';
import { ratingBar, reviewLine } from '../render/terminal.js';
import type { RatingPart } from '../render/view.js';
import type { Week, WeekPerson } from './model.js';

/*
 * `intimacy week` for a terminal: a table with a column for each partner (ratings, feelings,
 * the pulse, how last week's promise went), then each written part of the week in two columns
 * side by side, then the week's other entries a line each. Fits `columns` (80 by default).
 */

export interface WeekViewOptions {
  columns: number;
  ascii: boolean;
}

const INDENT = 2;
const GAP = 3;

export function renderWeek(c: ChalkInstance, week: Week, options: WeekViewOptions): string[] {
  const columns = Math.max(50, options.columns);
  const two = week.people.slice(0, 2);
  const lines: string[] = [];
  const start = parseISO(week.week.start);
  const end = parseISO(week.week.end);
  lines.push(
    c.bold(`Week of ${format(start, 'EEEE d MMMM yyyy')}`) +
      c.dim(` (${format(start, 'd MMM')} – ${format(end, 'd MMM')})`),
  );
  // Anyone's entry counts: one by neither partner is listed below the table.
  if (
    week.entries.length === 0 &&
    week.people.every((p) => p.checkin === null && p.gratitudes.length + p.pulses.length === 0)
  ) {
    lines.push('', 'Nothing was written this week.');
    return lines;
  }

  // The table: a label column, then one column per partner.
  const labelWidth = Math.min(20, Math.max(12, Math.floor(columns * 0.24)));
  const cell = Math.floor((columns - INDENT - labelWidth - GAP * two.length) / Math.max(1, two.length));
  const tableRow = (label: string, values: string[][]) => {
    const height = Math.max(1, largest(values.map((v) => v.length)));
    for (let i = 0; i < height; i++) {
      const head =
        i === 0 ? padVisible(c.dim(truncate(safeLine(label), labelWidth)), labelWidth) : ' '.repeat(labelWidth);
      const cells = values.map((v) => padVisible(v[i] ?? '', cell));
      lines.push(`${' '.repeat(INDENT)}${head}${cells.map((x) => ' '.repeat(GAP) + x).join('')}`.trimEnd());
    }
  };
  const wrapped = (text: string | null | undefined, fallback = '') =>
    text ? wrap(safeText(text), cell) : [c.dim(fallback)];
  lines.push('');
  tableRow(
    '',
    two.map((p) => [c.bold(truncate(safeLine(p.name), cell))]),
  );
  tableRow(
    'Check-in',
    two.map((p) => [p.checkin ? format(new Date(p.checkin.date), 'EEE d MMM, HH:mm') : c.dim('none this week')]),
  );
  // Ratings in the check-in template's order, labelled in its words.
  const ratingRows = new Map<string, string>();
  for (const person of two) {
    const view = person.checkin ? week.views.get(person.checkin.id) : undefined;
    for (const part of view?.parts ?? []) if (part.kind === 'rating') ratingRows.set(part.id, part.label);
  }
  for (const [id, label] of ratingRows) {
    tableRow(
      label,
      two.map((p) => {
        const part = partOf(week, p, id);
        return [part ? c.cyan(ratingBar(part, { ascii: options.ascii, short: true })) : c.dim('—')];
      }),
    );
  }
  if (two.some((p) => (p.checkin?.feelings.length ?? 0) > 0))
    tableRow(
      'Feelings',
      two.map((p) => wrapped(p.checkin?.feelings.join(', '), '—')),
    );
  if (two.some((p) => p.pulses.length > 0)) {
    const days = Array.from({ length: 7 }, (_, i) => format(addDays(start, i), 'yyyy-MM-dd'));
    tableRow(
      `Pulse, ${format(start, 'EEE')} to ${format(end, 'EEE')}`,
      two.map((p) => [pulseCells(p, days, c)]),
    );
  }
  if (two.some((p) => (p.checkin?.reviewed.length ?? 0) > 0)) {
    tableRow(
      "Last week's promise",
      two.map((p) =>
        (p.checkin?.reviewed ?? []).length === 0
          ? [c.dim('—')]
          : (p.checkin?.reviewed ?? []).flatMap((item) => wrapText(reviewLine(c, item), cell)),
      ),
    );
  }

  // Written answers, two columns side by side.
  const side = Math.floor((columns - INDENT - GAP) / 2);
  const sideBySide = (title: string, heads: string[], blocks: string[][]) => {
    if (blocks.every((b) => b.length === 0)) return;
    lines.push('', c.bold(title));
    const height = largest(blocks.map((b) => b.length));
    lines.push(
      `${' '.repeat(INDENT)}${heads.map((h, i) => (i === 0 ? padVisible(h, side) : h)).join(' '.repeat(GAP))}`.trimEnd(),
    );
    for (let i = 0; i < height; i++) {
      const cells = blocks.map((b, j) => (j === 0 ? padVisible(b[i] ?? '', side) : (b[i] ?? '')));
      lines.push(`${' '.repeat(INDENT)}${cells.join(' '.repeat(GAP))}`.trimEnd());
    }
  };
  const names = two.map((p) => p.name);
  const forOther = (p: WeekPerson) => {
    const other = names.find((n) => n !== p.name);
    return c.dim(truncate(safeLine(other ? `${p.name}, for ${other}` : p.name), side));
  };
  // The column says whom a note is for; one written for anyone else (its writer, say) says so itself.
  const forSomeoneElse = (p: WeekPerson, thanked: string | null) =>
    thanked !== null && thanked !== names.find((n) => n !== p.name) ? ` (for ${thanked})` : '';
  const bullets = (items: string[], empty: string) =>
    items.length === 0
      ? [c.dim(empty)]
      : items.flatMap((item) => wrap(safeText(item), side - 2).map((line, i) => (i === 0 ? `• ${line}` : `  ${line}`)));
  const plainBlock = (text: string | null | undefined, empty: string) =>
    text ? wrap(safeText(text), side) : [c.dim(empty)];
  const heads = two.map((p) => c.dim(truncate(safeLine(p.name), side)));

  sideBySide(
    'Appreciations for each other',
    two.map(forOther),
    two.map((p) => (p.checkin ? bullets(p.checkin.appreciations, 'none written') : [])),
  );
  sideBySide(
    'What went well',
    heads,
    two.map((p) => (p.checkin ? plainBlock(p.checkin.wentWell, 'not written') : [])),
  );
  const concerns = two.filter((p) => p.checkin?.concern);
  if (concerns.length > 0) {
    lines.push('', c.bold(concerns.length === 1 ? 'A concern raised' : 'Concerns raised'));
    for (const p of concerns)
      pushAll(
        lines,
        wrap(`${safeLine(p.name)}: ${safeText(p.checkin?.concern ?? '')}`, columns - INDENT).map(
          (l) => ' '.repeat(INDENT) + l,
        ),
      );
  }
  sideBySide(
    concerns.length > 0 ? 'And what was heard' : 'What each heard',
    two.map((p) => c.dim(truncate(`${safeLine(p.name)} heard`, side))),
    two.map((p) => (p.checkin ? plainBlock(p.checkin.heard, 'not written') : [])),
  );
  sideBySide(
    "This week's promises",
    heads,
    two.map((p) => (p.checkin ? bullets(p.checkin.commitments, 'none') : [])),
  );
  const otherLabels = [...new Set(two.flatMap((p) => (p.checkin?.other ?? []).map((o) => o.label)))];
  for (const label of otherLabels) {
    sideBySide(
      label || 'More',
      heads,
      two.map((p) => plainBlock(p.checkin?.other.find((o) => o.label === label)?.text, '—')),
    );
  }
  const thanks = two.reduce((n, p) => n + p.gratitudes.length, 0);
  sideBySide(
    `Gratitude for each other (${thanks})`,
    two.map(forOther),
    two.map((p) =>
      bullets(
        p.gratitudes.map(
          (g) =>
            `${format(new Date(g.date), 'EEE')} ${g.text}${forSomeoneElse(p, g.for)}${g.private ? ' (private)' : ''}`,
        ),
        'none this week',
      ),
    ),
  );
  const notes = two.flatMap((p) => p.pulses.filter((x) => x.note).map((x) => ({ name: p.name, ...x })));
  if (notes.length > 0) {
    lines.push('', c.bold('Words with the pulse'));
    for (const n of notes)
      pushAll(
        lines,
        wrap(`${format(parseISO(n.day), 'EEE')} ${safeLine(n.name)}: ${safeText(n.note ?? '')}`, columns - INDENT).map(
          (l) => ' '.repeat(INDENT) + l,
        ),
      );
  }
  const more = week.people.slice(2);
  for (const p of more)
    lines.push(
      '',
      c.dim(
        `Also this week from ${safeLine(p.name)}: ${plural(p.checkins.length + p.gratitudes.length + p.pulses.length, 'entry', 'entries')}.`,
      ),
    );

  if (week.entries.length > 0) {
    lines.push('', c.bold('Dates, repairs and more'));
    for (const entry of week.entries) {
      const head = `${format(new Date(entry.date), 'EEE d MMM')}  `;
      const text = `${safeLine(entry.title)} · ${safeLine(entry.author)}${entry.private ? ' (private)' : ''}${entry.summary ? ` — ${safeText(entry.summary)}` : ''}${entry.attachments ? ` (${plural(entry.attachments.length, 'file')} attached)` : ''}`;
      const body = wrap(text, columns - INDENT - head.length);
      pushAll(
        lines,
        body.map((l, i) => `${' '.repeat(INDENT)}${i === 0 ? c.dim(head) : ' '.repeat(head.length)}${l}`),
      );
    }
  }
  const earlier = two.filter((p) => p.checkins.length > 1);
  for (const p of earlier)
    lines.push(
      '',
      c.dim(
        `${safeLine(p.name)} wrote ${plural(p.checkins.length, 'check-in')} this week; the latest is shown (intimacy show ${shownShellWord(p.checkins[0]!)} for the first).`,
      ),
    );
  return lines;
}

function partOf(week: Week, person: WeekPerson, id: string): RatingPart | undefined {
  const view = person.checkin ? week.views.get(person.checkin.id) : undefined;
  return view?.parts.find((p): p is RatingPart => p.kind === 'rating' && p.id === id);
}

/** The pulse of each day, Monday (or Sunday) to the week's end: a digit, or · for none. */
function pulseCells(person: WeekPerson, days: string[], c: ChalkInstance): string {
  if (person.pulses.length === 0) return c.dim('—');
  return days
    .map((day) => {
      const last = person.pulses.filter((p) => p.day === day).at(-1);
      return last ? String(last.value) : c.dim('·');
    })
    .join(' ');
}

/** Wraps a line that may hold colour codes (each code stays inside its word). */
function wrapText(text: string, width: number): string[] {
  return visibleWidth(text) <= width ? [text] : wrap(text, width);
}
