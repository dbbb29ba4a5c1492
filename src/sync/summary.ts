import { noun, plural } from '../plural.js';
import { ENTRIES_DIR } from '../store/naming.js';
import type { SyncResult } from './sync.js';

type Received = SyncResult['received'];
type SummaryInput = Pick<SyncResult, 'sent' | 'conflicts'> &
  Partial<Pick<SyncResult, 'kept' | 'firstShare'>> & {
    received: Pick<Received, 'entries' | 'otherChanges'> & Partial<Received>;
  };

/** The one line `intimacy sync` prints: "2 new entries from Jordan, 1 sent". Pure. */
export function syncSummary(result: SummaryInput): string {
  const parts: string[] = [];
  const byAuthor = new Map<string, number>();
  for (const entry of result.received.entries) byAuthor.set(entry.author, (byAuthor.get(entry.author) ?? 0) + 1);
  for (const [author, count] of byAuthor) parts.push(`${count} new ${noun(count, 'entry', 'entries')} from ${author}`);
  const otherIn = result.received.otherChanges.length + (result.received.changedMine?.length ?? 0);
  if (otherIn > 0) parts.push(`${plural(otherIn, 'file')} changed by your partner`);
  const removed = result.received.removed?.length ?? 0;
  if (removed > 0) parts.push(`${plural(removed, 'file')} removed by your partner`);
  const arriving = result.received.conflicts ?? [];
  if (arriving.length > 0) {
    // The settings and templates are files, not entries.
    const entries = arriving.every((conflict) => conflict.path.startsWith(`${ENTRIES_DIR}/`));
    const what = entries ? plural(arriving.length, 'entry', 'entries') : plural(arriving.length, 'file');
    parts.push(`${what} you both changed (both versions kept, see below)`);
  }
  const kept = result.kept?.length ?? 0;
  if (kept > 0) parts.push(`${kept} of yours kept (see below)`);
  const sent = result.sent.entries;
  // "2 new entries from Jordan, 1 sent" reads well; after anything else "1 sent" needs its noun.
  const afterEntries = parts.length > 0 && parts.length === byAuthor.size;
  if (sent > 0) parts.push(afterEntries ? `${sent} sent` : `${plural(sent, 'entry', 'entries')} sent`);
  if (result.sent.otherChanges > 0) parts.push(`${plural(result.sent.otherChanges, 'other change')} sent`);
  if (result.conflicts.length > 0) {
    const n = result.conflicts.length;
    parts.push(
      `${plural(n, 'file')} changed on both sides (both versions kept: ${result.conflicts.map((c) => c.copy).join(', ')})`,
    );
  }
  if (parts.length === 0) return 'Already in sync.';
  const line = capitalise(parts.join(', '));
  return result.firstShare ? `Shared the journal: ${parts.join(', ')}` : line;
}

function capitalise(line: string): string {
  return /^[a-z]/.test(line) ? line.charAt(0).toUpperCase() + line.slice(1) : line;
}
