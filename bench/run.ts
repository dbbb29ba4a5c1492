import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BenchCase, commandInvocation, FLOOR_DIR, floorInvocation, type Setup } from './cases.js';
import { measure, median, type Sample } from './measure.js';

/** The outcome of one case: measured, missing on this branch, or broken. */
export interface CaseResult {
  name: string;
  args: string[];
  floor: string;
  target: number;
  status: 'measured' | 'not available' | 'failed';
  /** why it failed: the exit code and git's or our first line of stderr */
  problem?: string;
  medianMs?: number;
  floorMedianMs?: number;
  ratio?: number;
  peakMiB?: number;
  floorPeakMiB?: number;
  memoryTargetMiB?: number;
  pass?: boolean;
  samplesMs?: number[];
  floorSamplesMs?: number[];
}

export interface RunOptions {
  runs: number;
  withTime: boolean;
  /** the peak memory a command may reach at this journal's size */
  memoryTargetMiB: number;
  log: (message: string) => void;
}

export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? ''
  );
}

/** Commander's own words for a command this build does not have. */
function isUnknownCommand(sample: Sample): boolean {
  return (sample.code === 1 || sample.code === 2) && /unknown command/i.test(sample.stderr);
}

function prepare(setup: Setup, benchCase: BenchCase): void {
  if (benchCase.prepare === 'push') {
    // Earlier cases committed entries; push them now so that sync finds nothing to do.
    spawnSync('git', ['push', '--quiet'], { cwd: setup.journalDir, env: setup.env });
  }
}

export function maxPeak(samples: Sample[]): number | undefined {
  const values = samples.map((s) => s.peakMiB).filter((v): v is number => v !== undefined);
  return values.length ? Math.max(...values) : undefined;
}

export interface Paired {
  a: Sample[];
  b: Sample[];
  /** set when a run of A failed: which run and what it said */
  problem?: string;
}

/**
 * N runs of A and B in turn (A B A B …): drift of a shared machine then weighs on both sides
 * alike. A failing run of A ends the pairing; B is expected to succeed (it throws otherwise).
 */
export function alternate(a: () => Sample, b: () => Sample, runs: number): Paired {
  const paired: Paired = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    const sample = a();
    if (sample.code !== 0)
      return { ...paired, problem: `exit ${sample.code} on run ${i + 1}: ${firstLine(sample.stderr)}` };
    paired.a.push(sample);
    paired.b.push(b());
  }
  return paired;
}

export function medianMs(samples: Sample[]): number {
  return median(samples.map((s) => s.ms));
}

export function runCase(setup: Setup, benchCase: BenchCase, options: RunOptions): CaseResult {
  const base = { name: benchCase.name, args: benchCase.args, floor: benchCase.floor, target: benchCase.target };
  mkdirSync(path.join(setup.journalDir, FLOOR_DIR), { recursive: true, mode: 0o700 });
  prepare(setup, benchCase);
  let floorRun = 0;
  const command = (): Sample => measure(commandInvocation(setup, benchCase.args), options.withTime);
  const floor = (): Sample => {
    const sample = measure(floorInvocation(setup, benchCase.floor, floorRun++), options.withTime);
    if (sample.code !== 0)
      throw new Error(`the floor for ${benchCase.name} failed (exit ${sample.code}): ${firstLine(sample.stderr)}`);
    return sample;
  };

  // The warm-up fills the file cache and tells whether the command exists on this build.
  const warm = command();
  if (isUnknownCommand(warm)) return { ...base, status: 'not available' };
  if (warm.code !== 0) return { ...base, status: 'failed', problem: `exit ${warm.code}: ${firstLine(warm.stderr)}` };
  floor();

  const paired = alternate(command, floor, options.runs);
  if (paired.problem) return { ...base, status: 'failed', problem: paired.problem };
  const ms = medianMs(paired.a);
  const floorMs = medianMs(paired.b);
  const ratio = ms / floorMs;
  const peakMiB = maxPeak(paired.a);
  options.log(`  ${benchCase.name}: ${ms.toFixed(0)} ms vs ${floorMs.toFixed(0)} ms`);
  return {
    ...base,
    status: 'measured',
    medianMs: ms,
    floorMedianMs: floorMs,
    ratio,
    peakMiB,
    floorPeakMiB: maxPeak(paired.b),
    memoryTargetMiB: options.memoryTargetMiB,
    pass: ratio <= benchCase.target && (peakMiB === undefined || peakMiB <= options.memoryTargetMiB),
    samplesMs: paired.a.map((s) => s.ms),
    floorSamplesMs: paired.b.map((s) => s.ms),
  };
}
