import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import type { LowConnection } from '../rituals/trends.js';
import { safeText } from './render/safe.js';

/**
 * The one calm line shown when connection has felt low for a while: who, for how long, and
 * that a couples counsellor can help. The same words in `stats` and `status`.
 */
export function counsellingLine(low: LowConnection[], today: string): string | undefined {
  if (low.length === 0) return undefined;
  const who = low.map((l) => safeText(l.partner)).join(' and ');
  const since = low.map((l) => l.since).sort()[0]!;
  const checkins = Math.min(...low.map((l) => l.checkins));
  const weeks = Math.round(differenceInCalendarDays(parseISO(today), parseISO(since)) / 7);
  const howLong = weeks >= 2 ? ` for ${weeks} weeks` : '';
  return (
    `${who} ${low.length === 1 ? 'has' : 'have'} felt far apart${howLong}: connection 2 or lower at ${checkins} check-ins in a row since ${format(parseISO(since), 'd MMMM')}. ` +
    'Talking it through with a couples counsellor can help; intimacy export --format html makes a copy to bring.'
  );
}
