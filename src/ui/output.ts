import { Chalk, type ChalkInstance } from 'chalk';

/*
 * The one place that decides colour and where text goes: results on stdout,
 * messages on stderr. chalk does not read NO_COLOR itself, so we do.
 */

export interface ColorPolicy {
  noColorFlag?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function colorEnabled(stream: { isTTY?: boolean }, policy: ColorPolicy = {}): boolean {
  const env = policy.env ?? process.env;
  if (policy.noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

let policy: ColorPolicy = {};
let stdoutChalk: ChalkInstance | undefined;
let stderrChalk: ChalkInstance | undefined;

export function setColorPolicy(next: ColorPolicy): void {
  policy = next;
  stdoutChalk = undefined;
  stderrChalk = undefined;
}

/** Colours for text written to stdout. */
export function out(): ChalkInstance {
  stdoutChalk ??= new Chalk({ level: colorEnabled(process.stdout, policy) ? 1 : 0 });
  return stdoutChalk;
}

/** Colours for text written to stderr. */
export function err(): ChalkInstance {
  stderrChalk ??= new Chalk({ level: colorEnabled(process.stderr, policy) ? 1 : 0 });
  return stderrChalk;
}

/** A result line: stdout. */
export function print(line = ''): void {
  process.stdout.write(line + '\n');
}

/** A message about what happened (created, saved…): stderr, so stdout stays the result. */
export function info(line: string): void {
  process.stderr.write(line + '\n');
}

export function warn(line: string): void {
  process.stderr.write(err().yellow('warning: ') + line + '\n');
}

export function printError(message: string, suggestion?: string): void {
  const hint = suggestion ? ' ' + suggestion : '';
  process.stderr.write(err().red('error: ') + message + hint + '\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
