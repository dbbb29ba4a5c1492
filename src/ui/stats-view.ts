import { addDays, format, parseISO, startOfWeek } from 'date-fns';
import { largest, pushAll } from '../many.js';
import { plural } from '../plural.js';
import { dayDate, toDay } from '../rituals/periods.js';
import { perWeek, RATING_DIMENSIONS, type RitualDays, type Stats } from '../rituals/trends.js';
import { type ChartStyle, cellGlyph, cellLegend, gappedSparkline, sparkline } from './charts.js';
import { counsellingLine } from './counselling.js';
import { hanging, itemLines, padVisible, truncate, visibleWidth, wrap } from './layout.js';
import { out } from './output.js';
import { safeLine } from './render/safe.js';
import { humanKey } from './render/values.js';
import { typeLabel } from './words.js';

/*
 * `intimacy stats` for a terminal `columns` wide: every line fits, labels are cut rather than
 * pushed into the charts, and charts keep their newest values when the room runs out.
 */

export interface StatsViewOptions {
  ascii: boolean;
  columns: number;
  weekStartsOn: 0 | 1;
  /** the day the journal's first entry was written, when the range starts there */
  journalStart?: string;
}

const INDENT = 2;
/** The widest a name or label column grows; longer ones are cut with … */
const LABEL_MAX = 16;
/** The fewest columns a chart is drawn in. */
const MIN_CHART = 4;

function dayText(day: string): string {
  return format(parseISO(day), 'd MMM yyyy');
}

export function renderStats(stats: Stats, options: StatsViewOptions): string[] {
  const c = out();
  const columns = Math.max(40, options.columns);
  const lines: string[] = [];
  const paragraph = (text: string, indent = 0) =>
    pushAll(
      lines,
      wrap(text, columns - indent).map((line) => ' '.repeat(indent) + line),
    );
  // Every name a row shows, so that none is cut short of the others (an escaped look-alike is long).
  const people = [
    ...Object.keys(stats.ratings),
    ...Object.keys(stats.pulses),
    ...Object.keys(stats.gratitude.perPartner),
  ];
  const nameWidth = Math.min(LABEL_MAX, Math.max(6, largest(people.map((p) => visibleWidth(safeLine(p))))));
  const name = (person: string) => padVisible(truncate(safeLine(person), nameWidth), nameWidth);
  /** A heading, wrapped when the terminal is narrower than it. */
  const heading = (text: string) =>
    pushAll(
      lines,
      hanging('', text, columns).map((line) => c.bold(line)),
    );
  /**
   * A chart row: label, chart, then a figure; the chart gets what room is left. Where that is
   * too little for a chart (a long label at a narrow terminal), the figure goes on a line of its
   * own under the chart, which then has the rest of the row.
   */
  const row = (label: string, width: number, chart: (style: ChartStyle) => string, figure: string) => {
    const room = columns - INDENT - width - 2 - 2 - visibleWidth(figure);
    const head = `${' '.repeat(INDENT)}${label}  `;
    if (room < MIN_CHART) {
      const drawn = chart({ ascii: options.ascii, width: Math.max(MIN_CHART, columns - INDENT - width - 2) });
      pushAll(lines, [head + drawn, ' '.repeat(INDENT + width + 2) + figure]);
      return;
    }
    const drawn = chart({ ascii: options.ascii, width: room });
    lines.push(`${head}${padVisible(drawn, Math.max(MIN_CHART, Math.min(room, visibleWidth(drawn))))}  ${figure}`);
  };

  const since = options.journalStart === stats.from ? ' (your first entry)' : '';
  const days = stats.calendar.length;
  const span = days >= 14 ? `${Math.round(days / 7)} weeks` : plural(days, 'day');
  heading(`From ${dayText(stats.from)}${since} to ${dayText(stats.to)}, ${span}`);

  lines.push('');
  heading('Check-in ratings (1 to 5), oldest to newest');
  const dimensionWidth = largest(RATING_DIMENSIONS.map((d) => humanKey(d).length));
  let anyRatings = false;
  for (const [person, byDimension] of Object.entries(stats.ratings)) {
    if (RATING_DIMENSIONS.every((d) => byDimension[d].length === 0)) continue;
    anyRatings = true;
    lines.push(`${' '.repeat(INDENT)}${truncate(safeLine(person), columns - INDENT)}`);
    for (const dimension of RATING_DIMENSIONS) {
      const points = byDimension[dimension];
      if (points.length === 0) continue;
      const average = stats.averages[person]?.[dimension];
      const label = `  ${humanKey(dimension).padEnd(dimensionWidth)}`;
      row(
        label,
        dimensionWidth + 2,
        (style) =>
          c.cyan(
            sparkline(
              points.map((p) => p.value),
              1,
              5,
              style,
            ),
          ),
        `avg ${average?.toFixed(1)}`,
      );
    }
  }
  if (!anyRatings) pushAll(lines, itemLines('No check-ins in this range yet (intimacy checkin).', columns));

  lines.push('');
  heading('Gratitude notes per week');
  const maxPerWeek = Math.max(1, largest(Object.values(stats.gratitude.perPartner).flat()));
  for (const [person, counts] of Object.entries(stats.gratitude.perPartner)) {
    const total = counts.reduce((s, n) => s + n, 0);
    const rate = perWeek(total, stats.from, stats.to).toFixed(1);
    row(
      name(person),
      nameWidth,
      (style) => c.magenta(sparkline(counts, 0, maxPerWeek, style)),
      `${total} in all, ${rate} a week`,
    );
  }

  const pulsing = Object.entries(stats.pulses).filter(([, points]) => points.length > 0);
  if (pulsing.length > 0) {
    lines.push('');
    heading('Daily pulse (1 to 5), day by day');
    for (const [person, points] of pulsing) {
      const byDay = new Map(points.map((p) => [p.day, p.value]));
      const values = stats.calendar.map(({ day }) => byDay.get(day));
      const average = points.reduce((s, p) => s + p.value, 0) / points.length;
      const figure = `avg ${average.toFixed(1)} on ${plural(points.length, 'day')}`;
      row(name(person), nameWidth, (style) => c.cyan(gappedSparkline(values, 1, 5, style)), figure);
    }
  }

  if (stats.rituals.length > 0) pushAll(lines, ['', ...calendarLines(stats.rituals, options, columns)]);

  lines.push('');
  heading('Warmth and repair');
  const { positive, repairs, ratio, reference } = stats.balance;
  const warmth = plural(positive, 'gratitude or appreciation note', 'gratitude and appreciation notes');
  if (repairs === 0) {
    paragraph(`${warmth}, and no repairs needed in this range.`, INDENT);
  } else {
    const comparison =
      ratio !== null && ratio >= reference
        ? `above the ${reference}:1 that research on lasting couples points to. Lovely.`
        : `research on lasting couples points to about ${reference}:1; a few more small thanks may help.`;
    paragraph(`${warmth} for ${plural(repairs, 'repair')} (${ratio}:1): ${comparison}`, INDENT);
  }

  const counsel = counsellingLine(stats.lowConnection, stats.to);
  if (counsel) {
    lines.push('');
    paragraph(counsel);
  }
  return lines;
}

/**
 * Each ritual on its own row, one column per day when the range fits, else one per week (the
 * newest kept), month names above the column where each month begins, and a legend below.
 */
function calendarLines(rows: RitualDays[], options: StatsViewOptions, columns: number): string[] {
  const c = out();
  const labels = rows.map((r) => truncate(safeLine(typeLabelFor(r.ritual)), LABEL_MAX));
  const labelWidth = largest(labels.map(visibleWidth));
  const room = Math.max(4, columns - INDENT - labelWidth - 2);
  const dayCount = rows[0]?.days.length ?? 0;
  const byWeek = dayCount > room;
  type Cell = { start: string; count: number; skipped: boolean };
  const cellsOf = (row: RitualDays): Cell[] => {
    if (!byWeek) return row.days.map((d) => ({ start: d.day, count: d.count, skipped: d.skipped }));
    const weeks: Cell[] = [];
    // Only the last weeks are drawn: the days of one week more than fit are enough to group.
    for (const d of row.days.slice(-(room + 1) * 7)) {
      const start = toDay(startOfWeek(dayDate(d.day), { weekStartsOn: options.weekStartsOn }));
      const last = weeks.at(-1);
      if (last && last.start === start) {
        last.count += d.count;
        last.skipped ||= d.skipped;
      } else weeks.push({ start, count: d.count, skipped: d.skipped });
    }
    return weeks.slice(-room);
  };
  const cellRows = rows.map(cellsOf);
  // Weeks are drawn wider when there is room, so month names fit over them and weeks stand apart.
  const count = cellRows[0]?.length ?? 0;
  const cellWidth = byWeek ? Math.max(1, Math.min(3, Math.floor(room / Math.max(1, count)))) : 1;
  // A week column belongs to the month of its middle day; each month is named over its first column.
  const months = (cellRows[0] ?? []).map((cell) =>
    byWeek ? toDay(addDays(dayDate(cell.start), 3)).slice(0, 7) : cell.start.slice(0, 7),
  );
  let monthLine = '';
  months.forEach((month, index) => {
    const at = index * cellWidth;
    if (index > 0 && month === months[index - 1]) return;
    if (monthLine.length > at) return; // the previous name still takes this column
    const shown = format(parseISO(`${month}-01`), 'MMM');
    if (at + shown.length > room) return; // a month begun in the last columns is named next time
    monthLine = monthLine.padEnd(at) + shown + ' ';
  });
  const shades = [c.dim, c.green, c.greenBright, c.greenBright];
  const lines = [
    c.bold(byWeek ? 'Every ritual, week by week' : 'Every ritual, day by day'),
    `${' '.repeat(INDENT + labelWidth + 2)}${c.dim(monthLine.trimEnd())}`,
  ];
  cellRows.forEach((cells, i) => {
    const drawn = cells
      .map((cell) => {
        const { glyph, level } = cellGlyph(cell.count, cell.skipped, options.ascii);
        const shown = cellWidth === 1 ? glyph : glyph.repeat(cellWidth - 1) + ' ';
        return level < 0 ? c.yellow(shown) : (shades[level] ?? c.green)(shown);
      })
      .join('');
    lines.push(`${' '.repeat(INDENT)}${padVisible(labels[i] ?? '', labelWidth)}  ${drawn.trimEnd()}`);
  });
  pushAll(
    lines,
    legendLines(options.ascii, byWeek, INDENT + labelWidth + 2, columns).map((l) => c.dim(l)),
  );
  return lines;
}

/**
 * The legend under the calendar's cells (which start `cellsAt` columns in): on one line when it
 * fits there, spaced closer if need be; else its glyphs and what a cell counts on a line each,
 * under the cells or, where even that does not fit, from the rows' left, so that no glyph is
 * parted from its meaning.
 */
function legendLines(ascii: boolean, byWeek: boolean, cellsAt: number, columns: number): string[] {
  const glyphs = cellLegend(ascii);
  const counts = `(entries a ${byWeek ? 'week' : 'day'})`;
  const fits = (l: string, at: number) => at + visibleWidth(l) <= columns;
  for (const legend of [`${glyphs.join('  ')}  ${counts}`, `${glyphs.join(' ')} ${counts}`])
    if (fits(legend, cellsAt)) return [' '.repeat(cellsAt) + legend];
  const parts = [glyphs.join('  '), counts];
  const at = parts.every((l) => fits(l, cellsAt)) ? cellsAt : INDENT;
  return parts.flatMap((l) => (fits(l, at) ? [l] : wrap(l, columns - at))).map((l) => ' '.repeat(at) + l);
}

function typeLabelFor(ritual: string): string {
  const label = typeLabel(ritual);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
