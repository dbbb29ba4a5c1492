import {
  addDays,
  addMonths,
  addWeeks,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  differenceInCalendarWeeks,
  isValid,
  parseISO,
  setHours,
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

/** Noon of a 'YYYY-MM-DD' day in local time (well inside any period), or undefined for no real day. */
export function noonOf(day: CalendarDay): Date | undefined {
  const when = setHours(parseISO(day), 12);
  return isValid(when) ? when : undefined;
}

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

const dayTimes = new Map<CalendarDay, number>();

export function dayDate(day: CalendarDay): Date {
  // Parsed once per day and process: status and stats ask for the same few thousand days
  // again and again. A fresh Date each time, so no caller can change another's.
  let time = dayTimes.get(day);
  if (time === undefined) dayTimes.set(day, (time = parseISO(day).getTime()));
  return new Date(time);
}

/** The first day of period 0: the anchor's own day, week or month. */
export function anchorStart(cadence: Periodic, anchor: CalendarDay, weekStartsOn: Day): Date {
  const date = dayDate(anchor);
  if (cadence.unit === 'week') return startOfWeek(date, { weekStartsOn });
  if (cadence.unit === 'month') return startOfMonth(date);
  return date;
}

const unitNumbers = new Map<string, Map<CalendarDay, number>>();

/**
 * How many calendar days, weeks or months lie between a fixed day and `day`: date-fns' calendar
 * math, done once per day and process. These differences add up (the difference between two
 * days is the difference of their numbers), so a period index is then plain integer arithmetic
 * instead of date-fns work per entry, per ritual (most of `status` on a large journal).
 */
export function unitNumber(unit: Periodic['unit'], day: CalendarDay, weekStartsOn: Day): number {
  const key = unit === 'week' ? `week/${weekStartsOn}` : unit;
  let numbers = unitNumbers.get(key);
  if (!numbers) unitNumbers.set(key, (numbers = new Map()));
  let number = numbers.get(day);
  if (number === undefined) {
    const date = dayDate(day);
    const origin = dayDate('2000-01-01');
    number =
      unit === 'day'
        ? differenceInCalendarDays(date, origin)
        : unit === 'week'
          ? differenceInCalendarWeeks(date, origin, { weekStartsOn })
          : differenceInCalendarMonths(date, origin);
    numbers.set(day, number);
  }
  return number;
}

/** Which period `day` falls in, counted from the anchor's own day, week or month (period 0). */
export function periodIndex(cadence: Periodic, anchor: CalendarDay, day: CalendarDay, weekStartsOn: Day): number {
  const units = unitNumber(cadence.unit, day, weekStartsOn) - unitNumber(cadence.unit, anchor, weekStartsOn);
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
