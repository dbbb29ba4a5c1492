/**
 * Milliseconds on a clock that never jumps when the date is set, for deadlines and waits.
 * process.hrtime, not the global performance.now(): the first read of that global loads node's
 * perf_hooks and the modules it brings, about 1 ms of every command that takes the journal's lock.
 */
export function elapsedMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
