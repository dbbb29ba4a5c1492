import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ResultOutput } from './screen.js';

/*
 * The process's own stdout as the program writes its results to it. Off a terminal (a pipe, a
 * file) the bytes are written to the descriptor as they come, which is what node's stream does
 * there on Linux, but without making the stream: that loads the stream and socket modules, a
 * few milliseconds of every short command such as `log -n 20 | head`. On a terminal, and from
 * the first write a full non-blocking pipe refuses, everything goes through process.stdout, so
 * the order of the output never changes.
 */

const STDOUT = 1;
// A require, not an import(): the launcher runs the bundles as scripts (see spawn.ts).
const load = createRequire(import.meta.url);

/** Whether the descriptor is a terminal; tty (and the socket module with it) loads only for a character device. */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false; // a pipe, a file: never a terminal
  } catch {
    return false; // closed: the first write says so
  }
  return (load('node:tty') as typeof import('node:tty')).isatty(fd);
}

/**
 * Output that cannot be written ends the run, whether through the descriptor or the stream
 * (the launcher's handler): `intimacy log | head`, once the reader has gone, stops quietly, as
 * other Unix tools do; anything else (a full disk) is one line on stderr and exit 1.
 */
export function cannotWrite(code: string | undefined): never {
  if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`error: cannot write the output (${code ?? 'unknown error'}).\n`);
  process.exit(1);
}

class ProcessStdout implements ResultOutput {
  private stream?: NodeJS.WriteStream;
  private terminal?: boolean;

  get isTTY(): boolean {
    this.terminal ??= isTerminal(STDOUT);
    return this.terminal;
  }

  get rows(): number | undefined {
    return this.isTTY ? this.real().rows : undefined;
  }

  get columns(): number | undefined {
    return this.isTTY ? this.real().columns : undefined;
  }

  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
    if (this.stream || this.isTTY) return this.real().write(chunk, callback);
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(STDOUT, bytes));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') return this.real().write(bytes, callback); // the stream waits for room
        cannotWrite(code);
      }
    }
    if (callback) process.nextTick(callback);
    return true;
  }

  private real(): NodeJS.WriteStream {
    this.stream ??= process.stdout;
    return this.stream;
  }
}

/** The one writer of the process's stdout (cli.ts hands it to the program; screen.ts prints through it). */
export const processStdout: ResultOutput = new ProcessStdout();
