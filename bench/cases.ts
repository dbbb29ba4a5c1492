import path from 'node:path';
import { GREP_WORD } from './content.js';
import type { Invocation } from './measure.js';

/**
 * What is measured, against what, and the targets of issue 17. A floor is what the machine
 * cannot beat for the same job: starting node at all, plus git writing a commit, plus grep
 * reading every entry, or git talking to the remote. Every floor starts node, because every
 * command does.
 */
export interface Setup {
  /** the built CLI's bin script */
  bin: string;
  journalDir: string;
  env: NodeJS.ProcessEnv;
}

export type FloorName = 'node start-up' | 'node + git add/commit' | 'node + grep -ri' | 'node + git fetch + push';

export interface BenchCase {
  name: string;
  args: string[];
  target: number;
  floor: FloorName;
  /** untimed work before the case, e.g. bringing the remote up to date so sync has nothing to do */
  prepare?: 'push';
}

/** Peak memory of any command: 80 MiB up to 10,000 entries, 100 MiB above. */
export function memoryTargetMiB(entries: number): number {
  return entries <= 10_000 ? 80 : 100;
}

export const CASES: BenchCase[] = [
  { name: '--help', args: ['--help'], target: 1.3, floor: 'node start-up' },
  {
    name: 'gratitude "…"',
    args: ['gratitude', 'the benchmark ran without a hitch'],
    target: 1.3,
    floor: 'node + git add/commit',
  },
  { name: 'log -n 20', args: ['log', '-n', '20'], target: 1.5, floor: 'node start-up' },
  { name: `grep ${GREP_WORD}`, args: ['grep', GREP_WORD], target: 2.0, floor: 'node + grep -ri' },
  { name: 'show last', args: ['show', 'last'], target: 1.5, floor: 'node start-up' },
  { name: 'status', args: ['status'], target: 2.0, floor: 'node start-up' },
  { name: 'status --prompt', args: ['status', '--prompt'], target: 2.0, floor: 'node start-up' },
  { name: "complete -- show ''", args: ['complete', '--', 'show', ''], target: 2.0, floor: 'node start-up' },
  // stats reads every entry's front matter: against starting node, and against reading every file.
  { name: 'stats', args: ['stats'], target: 2.0, floor: 'node start-up' },
  { name: 'stats', args: ['stats'], target: 2.0, floor: 'node + grep -ri' },
  { name: 'sync', args: ['sync'], target: 1.5, floor: 'node + git fetch + push', prepare: 'push' },
];

export function commandInvocation(setup: Setup, args: string[]): Invocation {
  return { command: process.execPath, args: [setup.bin, ...args], cwd: setup.journalDir, env: setup.env };
}

const SCRIPTS: Record<Exclude<FloorName, 'node start-up'>, string> = {
  // One new file per run, added and committed by git from a shell, after node has started once.
  'node + git add/commit':
    '"$1" -e "" && printf "%s\\n" "$2" > "$2" && git add -- "$2" && git commit --quiet --no-verify -m "floor write" -- "$2"',
  'node + grep -ri': `"$1" -e "" && grep -ri -- "$2" entries/`,
  'node + git fetch + push': '"$1" -e "" && git fetch --quiet && git push --quiet',
};

export const FLOOR_DIR = 'bench-floor';

/** The floor's n-th run; `run` keeps the written files apart. */
export function floorInvocation(setup: Setup, floor: FloorName, run: number): Invocation {
  const where = { cwd: setup.journalDir, env: setup.env };
  if (floor === 'node start-up') return { command: process.execPath, args: ['-e', ''], ...where };
  const extra =
    floor === 'node + git add/commit'
      ? `${FLOOR_DIR}/write-${process.pid}-${run}.txt`
      : floor === 'node + grep -ri'
        ? GREP_WORD
        : '';
  return { command: 'sh', args: ['-c', SCRIPTS[floor], 'sh', process.execPath, extra], ...where };
}

export function describeFloor(floor: FloorName): string {
  switch (floor) {
    case 'node start-up':
      return "node -e ''";
    case 'node + git add/commit':
      return "node -e '' && git add F && git commit";
    case 'node + grep -ri':
      return `node -e '' && grep -ri ${GREP_WORD} entries/`;
    case 'node + git fetch + push':
      return "node -e '' && git fetch && git push";
  }
}

export function binPath(root: string): string {
  return path.join(root, 'bin', 'intimacy.js');
}
