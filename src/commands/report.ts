import type { Journal } from '../journal/journal.js';
import type { SavedEntry } from '../store/save.js';
import { syncSummary } from '../sync/summary.js';
import type { SyncResult } from '../sync/sync.js';
import { info, out, print, printJson, warn } from '../ui/output.js';

/** How every writing command says what happened to the entry. */
export function reportSaved(saved: SavedEntry, type: string, createdJournalAt?: string): void {
  if (createdJournalAt) info(`Created a new journal in ${createdJournalAt} (intimacy init chooses another place).`);
  if (saved.leftoversCommitted > 0)
    info(`Committed ${saved.leftoversCommitted} file(s) an earlier command had left uncommitted.`);
  const where = saved.private ? 'privately (this computer only, never shared)' : '';
  print(`Saved ${type} ${out().bold(saved.id)} ${where ? where + ' ' : ''}→ ${saved.absPath}`);
  if (saved.commitProblem) {
    warn(
      `the entry is saved but not committed (git: ${saved.commitProblem}); the next intimacy command will commit it.`,
    );
  }
}

/** How sync (and autosync) say what happened: one summary line, then any files to look at. */
export function reportSync(result: SyncResult, options: { json?: boolean; toStderr?: boolean } = {}): void {
  if (options.json) {
    printJson({ ...result, summary: syncSummary(result) });
    return;
  }
  if (result.leftoversCommitted > 0)
    info(`Committed ${result.leftoversCommitted} file(s) an earlier command had left uncommitted.`);
  const line = syncSummary(result);
  if (options.toStderr) info(line);
  else print(line);
  for (const conflict of result.conflicts) {
    warn(
      `you both changed ${conflict.path}: yours is still there, ${conflict.from}'s version is in ${conflict.copy}. Compare them, keep what you want, delete the other.`,
    );
  }
  for (const file of result.keptEdits)
    info(`${file} was changed on one side and deleted on the other; the changed version was kept.`);
}

/**
 * With `autosync: true` in intimacy.yaml, a new entry is synced right after it is saved, with
 * a short time limit. The entry is already saved and committed; a failure only prints a hint.
 */
export async function autosyncAfterSave(journal: Journal): Promise<void> {
  if (journal.settings.extra.autosync !== true) return;
  try {
    const [{ syncJournal }, { networkTimeoutMs, journalRemoteUrl }] = await Promise.all([
      import('../sync/sync.js'),
      import('../sync/remote.js'),
    ]);
    if (!(await journalRemoteUrl(journal))) {
      info('autosync is on but there is no remote yet; add one with intimacy remote set URL.');
      return;
    }
    const timeoutMs = Math.min(networkTimeoutMs(process.env), AUTOSYNC_SECONDS * 1000);
    const result = await syncJournal(journal, { timeoutMs, maxAttempts: 2 });
    reportSync(result, { toStderr: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warn(`not synced: ${reason} Your entry is saved; run intimacy sync later.`);
  }
}

const AUTOSYNC_SECONDS = 8;
