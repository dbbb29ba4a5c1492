import {
  addDays,
  addMonths,
  addWeeks,
  type Day,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  getDay,
  getDaysInMonth,
  isValid,
  parseISO,
  setHours,
  startOfMonth,
  startOfWeek,
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
  // test and slice, not exec: called for every entry, and a match array each time adds up
  return /^\d{4}-\d{2}-\d{2}/.test(isoDate) ? isoDate.slice(0, 10) : undefined;
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

/** What date-fns says about one month: its first day and month counted from 2000-01-01, its length. */
interface MonthFacts {
  firstDay: number;
  month: number;
  days: number;
}

const monthFacts = new Map<string, MonthFacts | null>();
const ORIGIN: CalendarDay = '2000-01-01';

function factsOfMonth(month: string): MonthFacts | undefined {
  let facts = monthFacts.get(month);
  if (facts === undefined) {
    const first = parseISO(`${month}-01`);
    const origin = dayDate(ORIGIN);
    facts = isValid(first)
      ? {
          firstDay: differenceInCalendarDays(first, origin),
          month: differenceInCalendarMonths(first, origin),
          days: getDaysInMonth(first),
        }
      : null;
    monthFacts.set(month, facts);
  }
  return facts ?? undefined;
}

/** How far into its week the origin is: 5 (a Saturday) for weeks from Monday, 6 from Sunday. */
let originWeekday: number | undefined;
function originInWeek(weekStartsOn: Day): number {
  originWeekday ??= getDay(dayDate(ORIGIN));
  return (originWeekday - weekStartsOn + 7) % 7;
}

/**
 * How many calendar days, weeks or months lie between 2000-01-01 and `day` (NaN for no real
 * day). date-fns does the calendar math once per month; the rest is counting: the Nth day of a
 * month is N - 1 days after its first, and weeks are runs of 7 days aligned on the origin's
 * weekday. These numbers add up (a difference of two days is the difference of their numbers),
 * so a period index is integer arithmetic, not date-fns work per entry and ritual, which was
 * most of `status` on a large journal. A unit test holds this to date-fns over years of days.
 */
export function unitNumber(unit: Periodic['unit'], day: CalendarDay, weekStartsOn: Day): number {
  const facts = /^\d{4}-\d{2}-\d{2}$/.test(day) ? factsOfMonth(day.slice(0, 7)) : undefined;
  const dayOfMonth = Number(day.slice(8));
  if (!facts || dayOfMonth < 1 || dayOfMonth > facts.days) return NaN;
  if (unit === 'month') return facts.month;
  const days = facts.firstDay + dayOfMonth - 1;
  if (unit === 'day') return days;
  return Math.floor((days + originInWeek(weekStartsOn)) / 7);
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

/**
 * Every `step`-th day from `from` up to `to`, inclusive. One Date stepped in place, not a
 * parsed or cached Date per day: a partner's entry in 2999 can make a range of a thousand years.
 */
export function daysFromTo(from: CalendarDay, to: CalendarDay, step = 1): CalendarDay[] {
  const days: CalendarDay[] = [];
  const date = dayDate(from);
  // Noon, so that a daylight-saving change never moves the stepping across midnight.
  date.setHours(12);
  for (let day = toDay(date); day <= to; day = toDay(date)) {
    days.push(day);
    date.setDate(date.getDate() + step);
  }
  return days;
}

/** The later (or earlier) of two days; days compare as text. */
export function laterDay(a: CalendarDay, b: CalendarDay): CalendarDay {
  return a.localeCompare(b) >= 0 ? a : b;
}

export function earlierDay(a: CalendarDay, b: CalendarDay): CalendarDay {
  return a.localeCompare(b) <= 0 ? a : b;
}

export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return differenceInCalendarDays(dayDate(to), dayDate(from));
}
