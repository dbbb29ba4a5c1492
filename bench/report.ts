import { describeFloor, type FloorName } from './cases.js';
import type { PeerResult } from './peers.js';
import type { CaseResult } from './run.js';

/** The figures of one journal size. */
export interface SizeReport {
  /** the number of entries, or null for a journal given with --journal-root */
  entries: number | null;
  generateMs: number | null;
  memoryTargetMiB: number;
  results: CaseResult[];
  peers?: PeerResult[];
}

/** Plain-text tables (also pasted into BENCHMARKS.md, hence Markdown pipes). */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const times = (ratio: number): string => `${ratio.toFixed(2)}×`;
const mib = (value: number | undefined): string => (value === undefined ? 'n/a' : value.toFixed(1));

export function resultTable(results: CaseResult[], memoryTargetMiB: number): string {
  const header = [
    'command',
    'median ms',
    'floor',
    'floor ms',
    'ratio',
    'target',
    'result',
    `peak MiB (≤ ${memoryTargetMiB})`,
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
      times(r.ratio ?? 0),
      `≤ ${r.target.toFixed(1)}×`,
      r.pass ? 'pass' : 'FAIL',
      mib(r.peakMiB),
    ];
  });
  return table(header, rows);
}

export interface Growth {
  name: string;
  floor: string;
  /** the command's median ms at the largest size ÷ at the smallest */
  growth?: number;
  /** the floor's, likewise: how much of the growth the machine itself has */
  floorGrowth?: number;
}

/** Per command (row i of every size), how its time grows from the smallest journal to the largest. */
export function growthOf(sizes: SizeReport[]): Growth[] {
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (!first || !last || sizes.length < 2) return [];
  return first.results.map((small, i) => {
    const large = last.results[i];
    const ok = small.status === 'measured' && large?.status === 'measured';
    return {
      name: small.name,
      floor: small.floor,
      growth: ok ? (large.medianMs ?? 0) / (small.medianMs ?? 1) : undefined,
      floorGrowth: ok ? (large.floorMedianMs ?? 0) / (small.floorMedianMs ?? 1) : undefined,
    };
  });
}

/** Every size side by side: ratio to the floor and peak memory at each, and the growth. */
export function sizesTable(sizes: SizeReport[]): string {
  const label = (s: SizeReport): string => (s.entries === null ? 'given' : s.entries.toLocaleString('en-US'));
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  const growth = growthOf(sizes);
  const header = [
    'command',
    'floor',
    ...sizes.map((s) => `ratio @${label(s)}`),
    ...sizes.map((s) => `peak MiB @${label(s)}`),
    `growth (${last ? label(last) : ''} ÷ ${first ? label(first) : ''})`,
    'floor growth',
  ];
  const rows = (first?.results ?? []).map((r, i) => {
    const at = sizes.map((s) => s.results[i]);
    const g = growth[i];
    return [
      r.name,
      describeFloor(r.floor as FloorName),
      ...at.map((x) => (x?.status === 'measured' ? times(x.ratio ?? 0) : (x?.status ?? '–'))),
      ...at.map((x) => (x?.status === 'measured' ? mib(x.peakMiB) : '–')),
      g?.growth === undefined ? '–' : times(g.growth),
      g?.floorGrowth === undefined ? '–' : times(g.floorGrowth),
    ];
  });
  return table(header, rows);
}

export function peerTable(results: PeerResult[]): string {
  const header = ['job', 'peer', 'intimacy ms', 'peer ms', 'intimacy ÷ peer', 'intimacy peak MiB', 'peer peak MiB'];
  const rows = results.map((r) =>
    r.problem !== undefined
      ? [r.job, r.peer, '–', '–', `failed (${r.problem})`, '–', '–']
      : [
          r.job,
          r.peer,
          (r.intimacyMs ?? 0).toFixed(0),
          (r.peerMs ?? 0).toFixed(0),
          times(r.ratio ?? 0),
          mib(r.intimacyPeakMiB),
          mib(r.peerPeakMiB),
        ],
  );
  return table(header, rows);
}
