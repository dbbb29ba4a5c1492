/*
 * One finding of `intimacy doctor`: what was looked at, what was found, and what to do.
 * `ok` needs nothing; `info` is nothing wrong but worth knowing, with what to do if wanted (no
 * tick: it is no achievement); `warn` works but deserves a look; `fail` is broken (doctor exits 1).
 */
export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail';

export interface Check {
  /** stable name for scripts (--json): `git`, `remote-reachable`… */
  id: string;
  status: CheckStatus;
  /** one sentence: what was found */
  summary: string;
  /** what to do, when there is something to do */
  fix?: string;
  /** the files or lines it is about, a few at most */
  details?: string[];
}

export function check(id: string, status: CheckStatus, summary: string, extra: Partial<Check> = {}): Check {
  return { id, status, summary, ...extra };
}

/** At most `max` names, and how many more. */
export function some(names: string[], max = 5): string[] {
  return names.length <= max ? names : [...names.slice(0, max), `… and ${names.length - max} more`];
}

/**
 * Runs one group of checks; a group that fails unexpectedly becomes a warning naming it, so
 * one broken look never hides the others.
 */
export async function guarded(id: string, what: string, work: () => Promise<Check[]>): Promise<Check[]> {
  try {
    return await work();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [check(id, 'warn', `Could not check ${what}: ${reason}.`)];
  }
}
