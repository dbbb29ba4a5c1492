import { noun, plural } from '../plural.js';
import type { SyncResult } from './sync.js';

/** The one line `intimacy sync` prints: "2 new entries from Jordan, 1 sent". Pure. */
export function syncSummary(result: Pick<SyncResult, 'received' | 'sent' | 'conflicts'>): string {
  const parts: string[] = [];
  const byAuthor = new Map<string, number>();
  for (const entry of result.received.entries) byAuthor.set(entry.author, (byAuthor.get(entry.author) ?? 0) + 1);
  for (const [author, count] of byAuthor) parts.push(`${count} new ${noun(count, 'entry', 'entries')} from ${author}`);
  const otherIn = result.received.otherChanges.length;
  if (otherIn > 0) parts.push(`${plural(otherIn, 'file')} changed by your partner`);
  const sent = result.sent.entries;
  // "2 new entries from Jordan, 1 sent" reads well; alone, "1 sent" needs its noun.
  if (sent > 0) parts.push(parts.length > 0 ? `${sent} sent` : `${plural(sent, 'entry', 'entries')} sent`);
  if (result.sent.otherChanges > 0) parts.push(`${plural(result.sent.otherChanges, 'other change')} sent`);
  if (result.conflicts.length > 0) {
    const n = result.conflicts.length;
    parts.push(
      `${plural(n, 'file')} changed on both sides (both versions kept: ${result.conflicts.map((c) => c.copy).join(', ')})`,
    );
  }
  return parts.length === 0 ? 'Already in sync.' : capitalise(parts.join(', '));
}

function capitalise(line: string): string {
  return /^[a-z]/.test(line) ? line.charAt(0).toUpperCase() + line.slice(1) : line;
}
