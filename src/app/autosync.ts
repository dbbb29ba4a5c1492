import type { Journal } from '../journal/journal.js';
import { info, warn } from '../ui/output.js';

const AUTOSYNC_SECONDS = 8;

/**
 * With `autosync: true` in intimacy.yaml, a new entry is synced right after it is saved, with
 * a short time limit. The entry is already saved and committed; a failure only prints a hint.
 */
export async function autosyncAfterSave(journal: Journal, env: NodeJS.ProcessEnv): Promise<void> {
  if (journal.settings.extra.autosync !== true) return;
  try {
    // Lazy: sync is needed after a write only with autosync on, and is most of a writing command's code.
    const [{ journalRemoteUrl, networkTimeoutMs }, { syncJournal }, { reportSync }] = await Promise.all([
      import('../sync/remote.js'),
      import('../sync/sync.js'),
      import('../ui/sync-report.js'),
    ]);
    if (!(await journalRemoteUrl(journal))) {
      info('autosync is on but there is no remote yet; add one with intimacy remote set URL.');
      return;
    }
    const timeoutMs = Math.min(networkTimeoutMs(env), AUTOSYNC_SECONDS * 1000);
    const result = await syncJournal(journal, { timeoutMs, maxAttempts: 2 });
    reportSync(result, { toStderr: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warn(`not synced: ${reason} Your entry is saved; run intimacy sync later.`);
  }
}
