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

/** The same with gaps: a day with no value is a space, so a week without a pulse still reads as a week. */
export function gappedSparkline(
  values: Array<number | undefined>,
  min: number,
  max: number,
  style: ChartStyle,
): string {
  return values
    .slice(-Math.max(1, style.width))
    .map((value) => (value === undefined ? ' ' : sparkline([value], min, max, { ...style, width: 1 })))
    .join('');
}

/** How a calendar cell shows a count: nothing, 1, 2, 3 or more; and a skipped period. */
export const CELL_GLYPHS = { utf8: ['·', '▒', '▓', '█'], ascii: ['.', 'o', 'O', '#'], skipped: 's' } as const;

export function cellGlyph(count: number, skipped: boolean, ascii: boolean): { glyph: string; level: number } {
  const glyphs = ascii ? CELL_GLYPHS.ascii : CELL_GLYPHS.utf8;
  if (count === 0 && skipped) return { glyph: CELL_GLYPHS.skipped, level: -1 };
  const level = Math.min(glyphs.length - 1, count);
  return { glyph: glyphs[level]!, level };
}

/** The legend under the calendar: "· none  ▒ 1  ▓ 2  █ 3+  s skipped". */
export function cellLegend(ascii: boolean): string[] {
  const glyphs = ascii ? CELL_GLYPHS.ascii : CELL_GLYPHS.utf8;
  return [`${glyphs[0]} none`, `${glyphs[1]} 1`, `${glyphs[2]} 2`, `${glyphs[3]} 3+`, `${CELL_GLYPHS.skipped} skipped`];
}

/** Does this terminal take UTF-8? Judged from the locale, as most terminal programs do. */
export function terminalIsUtf8(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
