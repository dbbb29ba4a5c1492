import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One timed run of a whole process, the way a user's shell starts it.
 * Wall time is taken around the spawn; peak memory comes from GNU time (`%M`, the largest
 * resident set of the process or any child it waited for, in KiB). Both sides of a ratio are
 * measured through the same wrapper, so its own cost (about a millisecond) cancels out.
 */
export const GNU_TIME = '/usr/bin/time';

export interface Sample {
  ms: number;
  /** MiB; undefined when GNU time is not installed */
  peakMiB?: number;
  code: number;
  stdout: string;
  stderr: string;
}

export interface Invocation {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function hasGnuTime(): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr);
}

let counter = 0;

export function measure(invocation: Invocation, withTime: boolean): Sample {
  const report = path.join(os.tmpdir(), `intimacy-bench-${process.pid}-${counter++}.rss`);
  const [command, args] = withTime
    ? [GNU_TIME, ['-f', '%M', '-o', report, invocation.command, ...invocation.args]]
    : [invocation.command, invocation.args];
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: invocation.cwd,
    env: invocation.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  let peakMiB: number | undefined;
  if (withTime) {
    // GNU time writes "Command exited with non-zero status N" before the figure when it fails.
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    const kib = Number(lines[lines.length - 1]);
    peakMiB = Number.isFinite(kib) ? kib / 1024 : undefined;
    rmSync(report, { force: true });
  }
  return { ms, peakMiB, code: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
