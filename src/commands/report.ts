import type { SavedEntry } from '../journal/save.js';
import { info, out, print, warn } from '../ui/output.js';

/** How every writing command says what happened to the entry. */
export function reportSaved(saved: SavedEntry, type: string, createdJournalAt?: string): void {
  if (createdJournalAt) info(`Created a new journal in ${createdJournalAt} (intimacy init chooses another place).`);
  if (saved.leftoversCommitted > 0) info(`Committed ${saved.leftoversCommitted} file(s) an earlier command had left uncommitted.`);
  print(`Saved ${type} ${out().bold(saved.id)} → ${saved.absPath}`);
  if (saved.commitProblem) {
    warn(`the entry is saved but not committed (git: ${saved.commitProblem}); the next intimacy command will commit it.`);
  }
}
