import { getDay, parseISO } from 'date-fns';

/**
 * Small terminal charts. Each takes `ascii` for terminals that are not UTF-8, and a width so
 * narrow terminals get narrower charts (the most recent values are kept).
 */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII_LEVELS = ['_', '.', '-', '~', '=', '+', '*', '#'];

export interface ChartStyle {
  ascii: boolean;
  width: number;
}

/** One character per value, scaled between min and max (fixed, so 1–5 ratings compare across rows). */
export function sparkline(values: number[], min: number, max: number, style: ChartStyle): string {
  const levels = style.ascii ? ASCII_LEVELS : BLOCKS;
  const shown = values.slice(-Math.max(1, style.width));
  return shown
    .map((value) => {
      const t = max === min ? 1 : (Math.min(max, Math.max(min, value)) - min) / (max - min);
      return levels[Math.round(t * (levels.length - 1))]!;
    })
    .join('');
}

const HEAT = ['·', '░', '▒', '▓', '█'];
const ASCII_HEAT = ['.', ':', 'o', 'O', '#'];

/**
 * A contribution-style calendar: one column per week, one row per weekday.
 * `shade` colours a cell by level (0 = nothing that day).
 */
export function heatmap(
  days: Array<{ day: string; count: number }>,
  weekStartsOn: 0 | 1,
  style: ChartStyle,
  shade: (level: number, cell: string) => string = (_l, cell) => cell,
): string[] {
  if (days.length === 0) return [];
  const glyphs = style.ascii ? ASCII_HEAT : HEAT;
  const max = Math.max(1, ...days.map((d) => d.count));
  const columns: string[][] = [];
  let column: string[] = Array(7).fill(' ');
  let started = false;
  for (const { day, count } of days) {
    const row = (getDay(parseISO(day)) - weekStartsOn + 7) % 7;
    if (row === 0 && started) {
      columns.push(column);
      column = Array(7).fill(' ');
    }
    started = true;
    const level = count === 0 ? 0 : Math.max(1, Math.ceil((count / max) * (glyphs.length - 1)));
    column[row] = shade(level, glyphs[level]!);
  }
  columns.push(column);
  const kept = columns.slice(-Math.max(1, style.width));
  const names =
    weekStartsOn === 1
      ? ['Mon', '   ', 'Wed', '   ', 'Fri', '   ', 'Sun']
      : ['Sun', '   ', 'Tue', '   ', 'Thu', '   ', 'Sat'];
  return names.map((name, row) => `${name} ${kept.map((col) => col[row]).join('')}`);
}

/** Does this terminal take UTF-8? Judged from the locale, as most terminal programs do. */
export function terminalIsUtf8(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
