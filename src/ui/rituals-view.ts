import { largest } from '../many.js';
import { describeCadence } from '../rituals/cadence.js';
import type { Ritual } from '../rituals/definitions.js';
import { itemLines, padVisible, visibleWidth } from './layout.js';

/**
 * The lines of `intimacy rituals`: a row a ritual, its name, cadence, who keeps it, what it
 * counts and since when. At a terminal (`width`) too narrow for a row, every ritual is its name
 * on a line of its own, then what the row says below it, two columns in: a table half of whose
 * rows wrap no longer reads as columns. Piped, the rows are as they are.
 */
export function ritualLines(list: Ritual[], width: number | undefined): string[] {
  const names = Math.max(8, largest(list.map((r) => visibleWidth(r.name))));
  const counts = (r: Ritual) => `counts: ${r.counts.join(', ')}`;
  const rows = list.map(
    (r) =>
      `${padVisible(r.name, names)}  ${describeCadence(r.cadence).padEnd(16)}  ${padVisible(r.who, 8)}  ${counts(r)}${r.since ? `  since ${r.since}` : ''}`,
  );
  if (width === undefined || rows.every((row) => visibleWidth(row) <= width)) return rows;
  return list.flatMap((r) => [
    r.name,
    ...itemLines(`${describeCadence(r.cadence)}, ${r.who}`, width),
    ...itemLines(counts(r), width),
    ...(r.since ? itemLines(`since ${r.since}`, width) : []),
  ]);
}
