import { describeFloor, type FloorName, MEMORY_TARGET_MIB } from './cases.js';
import type { CaseResult } from './run.js';

/** Renders results as a plain-text table (also pasted into BENCHMARKS.md, hence Markdown pipes). */
export function resultTable(results: CaseResult[]): string {
  const header = [
    'command',
    'median ms',
    'floor',
    'floor ms',
    'ratio',
    'target',
    'result',
    `peak MiB (≤ ${MEMORY_TARGET_MIB})`,
  ];
  const rows = results.map((r) => {
    const floor = describeFloor(r.floor as FloorName);
    if (r.status !== 'measured') {
      const note = r.status === 'not available' ? 'not available' : `failed (${r.problem ?? ''})`;
      return [r.name, '–', floor, '–', '–', `≤ ${r.target.toFixed(1)}×`, note, '–'];
    }
    return [
      r.name,
      (r.medianMs ?? 0).toFixed(0),
      floor,
      (r.floorMedianMs ?? 0).toFixed(0),
      `${(r.ratio ?? 0).toFixed(2)}×`,
      `≤ ${r.target.toFixed(1)}×`,
      r.pass ? 'pass' : 'FAIL',
      r.peakMiB === undefined ? 'n/a' : r.peakMiB.toFixed(1),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
