import { plural } from '../plural.js';
import type { SavedEntry } from '../store/save.js';
import { info, out, print, warn } from './output.js';
import { typeLabel } from './words.js';

/** How every writing command says what happened to the entry. */
export function reportSaved(saved: SavedEntry, type: string): void {
  reportLeftovers(saved.leftoversCommitted);
  const where = saved.private ? 'privately (this computer only, never shared)' : '';
  print(`Saved ${typeLabel(type)} ${out().bold(saved.id)} ${where ? where + ' ' : ''}→ ${saved.absPath}`);
  if (saved.commitProblem) warnNotCommitted(saved.commitProblem, 'the entry');
}

/** Files an earlier, interrupted command left uncommitted, committed by this one. */
export function reportLeftovers(count: number): void {
  if (count > 0) info(`Committed ${plural(count, 'file')} that had been left uncommitted.`);
}

/**
 * The one way to say that a change is on disk but git did not take it (git's reason in
 * brackets). Entries, edits and templates are committed by the next command (the leftovers).
 */
export function warnNotCommitted(problem: string, what?: 'the entry' | 'the edit' | 'the template'): void {
  if (what) warn(`${what} is saved but not committed (git: ${problem}); the next intimacy command will commit it.`);
  else warn(`saved but not committed (git: ${problem}).`);
}
