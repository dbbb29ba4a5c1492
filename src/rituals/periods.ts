import {
  addDays,
  addMonths,
  addWeeks,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  differenceInCalendarWeeks,
  parseISO,
  startOfMonth,
  startOfWeek,
  type Day,
} from 'date-fns';
import type { Cadence } from './cadence.js';

/**
 * Ritual periods over calendar days. A day is 'YYYY-MM-DD' (no clock time), so daylight-saving
 * changes and time zones cannot move an entry into another period: an entry belongs to the
 * calendar day on which its writer wrote it (the date in its own front matter).
 */
export type CalendarDay = string;

export interface Period {
  index: number;
  start: CalendarDay;
  /** last day, inclusive */
  end: CalendarDay;
}

export type Periodic = Extract<Cadence, { kind: 'periodic' }>;

export function toDay(date: Date): CalendarDay {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The writer's own calendar day, read from an ISO date with offset ("2026-11-29T23:10:00-05:00"). */
export function dayOfEntry(isoDate: string): CalendarDay | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(isoDate);
  return match ? match[1] : undefined;
}

export function dayDate(day: CalendarDay): Date {
  return parseISO(day);
}

/** The first day of period 0: the anchor's own day, week or month. */
export function anchorStart(cadence: Periodic, anchor: CalendarDay, weekStartsOn: Day): Date {
  const date = dayDate(anchor);
  if (cadence.unit === 'week') return startOfWeek(date, { weekStartsOn });
  if (cadence.unit === 'month') return startOfMonth(date);
  return date;
}

export function periodIndex(cadence: Periodic, anchor: CalendarDay, day: CalendarDay, weekStartsOn: Day): number {
  const start = anchorStart(cadence, anchor, weekStartsOn);
  const date = dayDate(day);
  const units =
    cadence.unit === 'day'
      ? differenceInCalendarDays(date, start)
      : cadence.unit === 'week'
        ? differenceInCalendarWeeks(date, start, { weekStartsOn })
        : differenceInCalendarMonths(date, start);
  return Math.floor(units / cadence.every);
}

export function periodAt(cadence: Periodic, anchor: CalendarDay, index: number, weekStartsOn: Day): Period {
  const start = anchorStart(cadence, anchor, weekStartsOn);
  const add = cadence.unit === 'day' ? addDays : cadence.unit === 'week' ? addWeeks : addMonths;
  const first = add(start, index * cadence.every);
  const next = add(start, (index + 1) * cadence.every);
  return { index, start: toDay(first), end: toDay(addDays(next, -1)) };
}

export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return differenceInCalendarDays(dayDate(to), dayDate(from));
}
