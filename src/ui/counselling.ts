import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { smallest } from '../many.js';
import type { LowConnection } from '../rituals/trends.js';
import { safeLine } from './render/safe.js';

/**
 * The one calm line shown when connection has felt low for a while: who, for how long, and
 * that a couples counsellor can help. The same words in `stats` and `status`.
 */
export function counsellingLine(low: LowConnection[], today: string): string | undefined {
  if (low.length === 0) return undefined;
  const who = low.map((l) => safeLine(l.partner)).join(' and ');
  const since = low.map((l) => l.since).sort()[0]!;
  const checkins = smallest(low.map((l) => l.checkins));
  const weeks = Math.round(differenceInCalendarDays(parseISO(today), parseISO(since)) / 7);
  const howLong = weeks >= 2 ? ` for ${weeks} weeks` : '';
  return (
    `Connection has felt low for ${who}${howLong} (2 or lower at the last ${checkins} check-ins, since ${format(parseISO(since), 'd MMMM')}). ` +
    'A couples counsellor can help you talk it through; intimacy export --format html makes a copy to bring.'
  );
}

/** The line for `status`, unless this stretch of low connection (who, since when) was already mentioned. */
export function counselOnce(
  low: LowConnection[],
  shown: string | undefined,
  today: string,
): { line: string; key: string } | undefined {
  const line = counsellingLine(low, today);
  if (!line) return undefined;
  const key = low
    .map((l) => `${l.partner}@${l.since}`)
    .sort()
    .join(',');
  return key === shown ? undefined : { line, key };
}
