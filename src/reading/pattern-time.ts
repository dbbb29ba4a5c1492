import vm from 'node:vm';

/*
 * A regular expression can take for ever on a line a partner wrote: V8 backtracks, so
 * `(a+)+b` over a line of fifty a's tries every way of splitting it, and no await ever comes to
 * let anything stop it. Work that runs such a pattern runs here under a time limit, which V8
 * enforces inside the match itself (node's vm timeout interrupts the running code, regular
 * expressions included). Each timed run starts a watchdog thread (about 70 µs), so callers time
 * a batch of files at once, and only patterns that can backtrack (needsTimeLimit).
 */

/** What timed work gives when it ran past its limit; the caller says what took too long. */
export const TOO_SLOW = Symbol('too slow');

let context: vm.Context | undefined;
let runWork: vm.Script | undefined;

/** Runs `work` (synchronous) and gives its answer, or TOO_SLOW after `ms` milliseconds. */
export function withinTime<T>(work: () => T, ms: number): T | typeof TOO_SLOW {
  context ??= vm.createContext({ work: undefined });
  runWork ??= new vm.Script('work()');
  context.work = work;
  try {
    // vm takes whole milliseconds, at least one.
    return runWork.runInContext(context, { timeout: Math.max(1, Math.ceil(ms)) }) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return TOO_SLOW;
    throw error;
  } finally {
    context.work = undefined;
  }
}

/** Regular expression syntax that can make V8 try more than one way to match. */
const CAN_BACKTRACK = /[\\.|?*+()[\]{}]/;

/**
 * Whether searching with this pattern needs a time limit: plain text (with -F, or without any
 * syntax but ^ and $) is found in time proportional to the text.
 */
export function needsTimeLimit(pattern: { source: string; fixed: boolean }): boolean {
  return !pattern.fixed && CAN_BACKTRACK.test(pattern.source);
}
