import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { info, warn } from '../ui/output.js';

/** The whole autosync, network included, after a new entry. */
const AUTOSYNC_SECONDS = 8;
/** How long a silent server is waited for: offline should cost a moment, not the whole limit. */
const AUTOSYNC_CONNECT_SECONDS = 3;

/**
 * With `autosync: true` in intimacy.yaml, a new entry is synced right after it is saved, with
 * short time limits. The entry is already saved and committed; a failure only prints a line.
 */
export async function autosyncAfterSave(journal: Journal, env: NodeJS.ProcessEnv, now?: () => Date): Promise<void> {
  if (journal.settings.extra.autosync !== true) return;
  try {
    // Lazy: sync is needed after a write only with autosync on, and is most of a writing command's code.
    const [
      { journalRemoteUrl, networkTimeoutMs },
      { syncJournal },
      { reportSync },
      { whileWaiting },
      { encryptionGuards, withheldRefusal },
    ] = await Promise.all([
      import('../sync/remote.js'),
      import('../sync/sync.js'),
      import('../ui/sync-report.js'),
      import('../ui/waiting.js'),
      import('./sync-guards.js'),
    ]);
    if (!(await journalRemoteUrl(journal))) {
      info('autosync is on but there is no remote yet; add one with intimacy remote set URL.');
      return;
    }
    const totalMs = Math.min(networkTimeoutMs(env), AUTOSYNC_SECONDS * 1000);
    const result = await whileWaiting(
      'Syncing…',
      syncJournal(journal, {
        timeoutMs: totalMs,
        totalMs,
        connectMs: Math.min(totalMs, AUTOSYNC_CONNECT_SECONDS * 1000),
        maxAttempts: 2,
        ...encryptionGuards(journal),
        ...(now ? { now } : {}),
      }),
    );
    reportSync(result, { toStderr: true, partner: partnerOf(journal), dir: journal.dir });
    if (result.withheld.length > 0) {
      const refusal = await withheldRefusal(journal, result.withheld);
      warn(`${refusal.message} ${refusal.suggestion}`);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warn(`not synced: ${reason} Your entry is saved; run intimacy sync later.`);
  }
}
