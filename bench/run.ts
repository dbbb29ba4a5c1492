import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  type BenchCase,
  commandInvocation,
  FLOOR_DIR,
  floorInvocation,
  MEMORY_TARGET_MIB,
  type Setup,
} from './cases.js';
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
  pass?: boolean;
  samplesMs?: number[];
  floorSamplesMs?: number[];
}

export interface RunOptions {
  runs: number;
  withTime: boolean;
  log: (message: string) => void;
}

function firstLine(text: string): string {
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

function maxOf(samples: Sample[]): number | undefined {
  const values = samples.map((s) => s.peakMiB).filter((v): v is number => v !== undefined);
  return values.length ? Math.max(...values) : undefined;
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

  const commandSamples: Sample[] = [];
  const floorSamples: Sample[] = [];
  for (let i = 0; i < options.runs; i++) {
    // A B A B: drift of a shared machine then weighs on both sides alike.
    const sample = command();
    if (sample.code !== 0)
      return { ...base, status: 'failed', problem: `exit ${sample.code} on run ${i + 1}: ${firstLine(sample.stderr)}` };
    commandSamples.push(sample);
    floorSamples.push(floor());
  }
  const medianMs = median(commandSamples.map((s) => s.ms));
  const floorMedianMs = median(floorSamples.map((s) => s.ms));
  const ratio = medianMs / floorMedianMs;
  const peakMiB = maxOf(commandSamples);
  options.log(`  ${benchCase.name}: ${medianMs.toFixed(0)} ms vs ${floorMedianMs.toFixed(0)} ms`);
  return {
    ...base,
    status: 'measured',
    medianMs,
    floorMedianMs,
    ratio,
    peakMiB,
    floorPeakMiB: maxOf(floorSamples),
    pass: ratio <= benchCase.target && (peakMiB === undefined || peakMiB <= MEMORY_TARGET_MIB),
    samplesMs: commandSamples.map((s) => s.ms),
    floorSamplesMs: floorSamples.map((s) => s.ms),
  };
}
