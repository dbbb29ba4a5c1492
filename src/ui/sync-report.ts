import { syncSummary } from '../sync/summary.js';
import type { SyncResult } from '../sync/sync.js';
import { info, print, printJson, warn } from './output.js';
import { reportLeftovers } from './saved.js';

/** How sync (and autosync) say what happened: one summary line, then any files to look at. */
export function reportSync(result: SyncResult, options: { json?: boolean; toStderr?: boolean } = {}): void {
  if (options.json) {
    printJson({ ...result, summary: syncSummary(result) });
    return;
  }
  reportLeftovers(result.leftoversCommitted);
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
