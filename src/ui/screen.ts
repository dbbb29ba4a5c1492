import type { AsyncLocalStorage } from 'node:async_hooks';
import type { ChalkInstance } from 'chalk';
import { processStdout } from './process-stdout.js';

/*
 * Where output goes: the process's own stdout and stderr, or, for a program run inside
 * another (the tests run most commands so), the streams that run was given (withOutput), each
 * run with its own colour policy. Kept apart from output.ts so that finding the streams loads
 * no chalk (--help and --version never need it).
 */

export interface ColorPolicy {
  noColorFlag?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Where results are written: a stream, or the process's own stdout (process-stdout.ts). */
export interface ResultOutput {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  isTTY?: boolean;
  rows?: number;
  columns?: number;
}

export interface OutputStreams {
  stdout: ResultOutput;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Screen extends OutputStreams {
  policy: ColorPolicy;
  stdoutChalk?: ChalkInstance;
  stderrChalk?: ChalkInstance;
}

// stderr is made on first use: most runs write nothing there.
const processScreen: Screen = {
  stdout: processStdout,
  get stderr() {
    return process.stderr;
  },
  policy: {},
};
/** Made only for runs given streams of their own, so the command line never pays for it. */
let screens: AsyncLocalStorage<Screen> | undefined;

export function screen(): Screen {
  return screens?.getStore() ?? processScreen;
}

/** Runs `work` with everything this module prints going to `streams`. */
export async function withOutput<T>(streams: OutputStreams, work: () => Promise<T>): Promise<T> {
  // The process's own (cli.ts); its stderr is not looked at, which would make that stream now.
  if (streams.stdout === processStdout) return work();
  if (!screens) {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    screens ??= new AsyncLocalStorage<Screen>();
  }
  return screens.run({ ...streams, policy: {} }, work);
}

/** Where results go (for a pager, or bytes written as they are). */
export function stdout(): Screen['stdout'] {
  return screen().stdout;
}
