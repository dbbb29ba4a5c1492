import { formatISO } from 'date-fns';

/** ISO 8601 with the writer's own UTC offset: 2026-11-25T19:32:09+01:00 */
export function isoWithOffset(date: Date): string {
  // formatISO rather than format(): the same text, without loading date-fns' whole formatter
  // and locale on every write; it writes UTC as "Z", which entries spell +00:00.
  return formatISO(date).replace(/Z$/, '+00:00');
}
