import { Chalk, type ChalkInstance } from 'chalk';
import { type ColorPolicy, screen } from './screen.js';

/*
 * The one place that decides colour and where text goes: results on stdout, messages on
 * stderr. chalk does not read NO_COLOR itself, so we do. Where "stdout" and "stderr" are is
 * screen.ts's to say.
 */

export function colorEnabled(stream: { isTTY?: boolean }, policy: ColorPolicy = {}): boolean {
  const env = policy.env ?? process.env;
  if (policy.noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

export function setColorPolicy(next: ColorPolicy): void {
  const current = screen();
  current.policy = next;
  current.stdoutChalk = undefined;
  current.stderrChalk = undefined;
}

/** Colours for text written to stdout. */
export function out(): ChalkInstance {
  const current = screen();
  current.stdoutChalk ??= new Chalk({ level: colorEnabled(current.stdout, current.policy) ? 1 : 0 });
  return current.stdoutChalk;
}

/** Colours for text written to stderr. */
export function err(): ChalkInstance {
  const current = screen();
  current.stderrChalk ??= new Chalk({ level: colorEnabled(current.stderr, current.policy) ? 1 : 0 });
  return current.stderrChalk;
}

/** A result line: stdout. */
export function print(line = ''): void {
  screen().stdout.write(line + '\n');
}

/** A message about what happened (created, saved…): stderr, so stdout stays the result. */
export function info(line: string): void {
  screen().stderr.write(line + '\n');
}

export function warn(line: string): void {
  screen().stderr.write(err().yellow('warning: ') + line + '\n');
}

export function printError(message: string, suggestion?: string): void {
  const hint = suggestion ? ' ' + suggestion : '';
  screen().stderr.write(err().red('error: ') + message + hint + '\n');
}

export function printJson(value: unknown): void {
  screen().stdout.write(JSON.stringify(value, null, 2) + '\n');
}
