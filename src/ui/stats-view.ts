import { noun } from '../plural.js';
import { RATING_DIMENSIONS, type Stats } from '../rituals/trends.js';
import { type ChartStyle, heatmap, sparkline } from './charts.js';
import { out } from './output.js';

/** Renders `intimacy stats` for a terminal of `columns` width. */
export function renderStats(stats: Stats, options: { ascii: boolean; columns: number; weekStartsOn: 0 | 1 }): string[] {
  const c = out();
  const lines: string[] = [];
  const labelWidth = 15;
  const style: ChartStyle = { ascii: options.ascii, width: Math.max(8, options.columns - labelWidth - 12) };
  lines.push(c.bold(`From ${stats.from} to ${stats.to}`));

  lines.push('', c.bold('Check-in ratings (1 to 5), oldest to newest'));
  let anyRatings = false;
  for (const [person, byDimension] of Object.entries(stats.ratings)) {
    if (RATING_DIMENSIONS.every((d) => byDimension[d].length === 0)) continue;
    anyRatings = true;
    lines.push(`  ${person}`);
    for (const dimension of RATING_DIMENSIONS) {
      const points = byDimension[dimension];
      if (points.length === 0) continue;
      const average = stats.averages[person]?.[dimension];
      lines.push(
        `    ${dimension.padEnd(labelWidth - 4)}${c.cyan(
          sparkline(
            points.map((p) => p.value),
            1,
            5,
            style,
          ),
        )}  avg ${average?.toFixed(1)}`,
      );
    }
  }
  if (!anyRatings) lines.push('  No check-ins in this range yet (intimacy checkin).');

  lines.push('', c.bold('Gratitude notes per week'));
  const maxPerWeek = Math.max(1, ...Object.values(stats.gratitude.perPartner).flat());
  for (const [person, counts] of Object.entries(stats.gratitude.perPartner)) {
    const total = counts.reduce((s, n) => s + n, 0);
    const perWeek = counts.length ? (total / counts.length).toFixed(1) : '0';
    lines.push(
      `  ${person.padEnd(labelWidth - 2)}${c.magenta(sparkline(counts, 0, maxPerWeek, style))}  ${total} in all, ${perWeek}/week`,
    );
  }

  lines.push('', c.bold('Every ritual, day by day'));
  const shades = [c.dim, c.green, c.green, c.greenBright, c.greenBright];
  const grid = heatmap(
    stats.calendar,
    options.weekStartsOn,
    { ascii: options.ascii, width: options.columns - 6 },
    (level, cell) => (shades[level] ?? c.green)(cell),
  );
  lines.push(...grid.map((row) => `  ${row}`));

  lines.push('', c.bold('Warmth and repair'));
  const { positive, repairs, ratio, reference } = stats.balance;
  if (repairs === 0) {
    lines.push(`  ${positive} gratitude and appreciation notes, and no repairs needed in this range.`);
  } else {
    const comparison =
      ratio !== null && ratio >= reference
        ? `above the ${reference}:1 that research on lasting couples points to. Lovely.`
        : `research on lasting couples points to about ${reference}:1; a few more small thanks may help.`;
    lines.push(
      `  ${positive} gratitude and appreciation notes for ${repairs} ${noun(repairs, 'repair')} (${ratio}:1): ${comparison}`,
    );
  }

  for (const low of stats.lowConnection) {
    lines.push(
      '',
      `${low.partner} rated connection ${low.recent.join(', ')} in the last check-ins. If it keeps feeling this way, talking with a couples counsellor can help; intimacy export --format html makes a printable copy of your entries to bring.`,
    );
  }
  return lines;
}
