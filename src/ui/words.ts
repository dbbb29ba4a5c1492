import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { plural } from '../plural.js';

/** How entry types and ritual names read in sentences. */
const LABELS: Record<string, [string, string]> = {
  checkin: ['check-in', 'check-ins'],
  date: ['date night', 'date nights'],
  gratitude: ['gratitude', 'gratitudes'],
  repair: ['repair', 'repairs'],
  appreciation: ['appreciation', 'appreciations'],
  reflection: ['reflection', 'reflections'],
  reply: ['reply', 'replies'],
};

export function typeLabel(type: string, count = 1): string {
  // An entry's type or a ritual's name comes from a file: `constructor` is no label of LABELS'.
  const [one, many] = (Object.hasOwn(LABELS, type) ? LABELS[type] : undefined) ?? [type, `${type}s`];
  return count === 1 ? one : many;
}

export function counted(count: number, type: string): string {
  return `${count} ${typeLabel(type, count)}`;
}

/** "earlier today", "yesterday", "Tuesday" within the week, else "3 Nov" (or "3 Nov 2025"). */
export function sinceLabel(iso: string, now: Date): string {
  const when = parseISO(iso);
  const days = differenceInCalendarDays(now, when);
  if (days <= 0) return 'earlier today';
  if (days === 1) return 'yesterday';
  if (days < 7) return format(when, 'EEEE');
  return when.getFullYear() === now.getFullYear() ? format(when, 'd MMM') : format(when, 'd MMM yyyy');
}

export function dayLabel(day: string, now: Date): string {
  const when = parseISO(day);
  return when.getFullYear() === now.getFullYear() ? format(when, 'EEE d MMM') : format(when, 'd MMM yyyy');
}

export function ago(then: Date, now: Date): string {
  const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.round(hours / 24), 'day')} ago`;
}

/** How long, from a count of days: "3 days" under two weeks, then "5 weeks", then "4 months". */
export function spanWords(days: number): string {
  if (days < 14) return plural(days, 'day');
  if (days < 63) return plural(Math.floor(days / 7), 'week');
  return plural(Math.floor(days / 30), 'month');
}
