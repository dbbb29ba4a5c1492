import { format } from 'date-fns';
import type { Entry } from '../store/entry.js';

/** A date spelled out in words (weekday, month name), in the reader's own time zone: for show and export. */
export function spelledTime(entry: Pick<Entry, 'date'>, pattern: string): string {
  return format(new Date(Date.parse(entry.date)), pattern);
}
