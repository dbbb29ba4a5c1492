import {
  endOfDay,
  endOfMonth,
  endOfWeek,
  endOfYear,
  isValid,
  parseISO,
  startOfDay,
  startOfMonth,
  startOfWeek,
  startOfYear,
  subDays,
  subMonths,
  subWeeks,
  subYears,
} from 'date-fns';
import { UsageError } from '../errors.js';
import { isKeptYear, YEARS_KEPT } from '../years.js';

/**
 * Dates typed by people: ISO dates and a few phrases ("yesterday", "last week", "3 months ago").
 * Each resolves to a span of local time; --since takes its start and --until its end, so
 * `--since "last week" --until yesterday` means what it says. Pure: the clock is an input.
 */
export interface DateSpan {
  start: Date;
  end: Date;
}

/** Weeks start on Monday, as in ISO 8601 and most of the couples' calendars we expect. */
const WEEK = { weekStartsOn: 1 } as const;

type Unit = 'day' | 'week' | 'month' | 'year';

const SUBTRACT: Record<Unit, (date: Date, amount: number) => Date> = {
  day: subDays,
  week: subWeeks,
  month: subMonths,
  year: subYears,
};

const SPAN_OF: Record<Unit, (date: Date) => DateSpan> = {
  day: (d) => ({ start: startOfDay(d), end: endOfDay(d) }),
  week: (d) => ({ start: startOfWeek(d, WEEK), end: endOfWeek(d, WEEK) }),
  month: (d) => ({ start: startOfMonth(d), end: endOfMonth(d) }),
  year: (d) => ({ start: startOfYear(d), end: endOfYear(d) }),
};

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

function amountOf(word: string): number | undefined {
  if (/^\d{1,4}$/.test(word)) return Number(word);
  return Object.hasOwn(NUMBER_WORDS, word) ? NUMBER_WORDS[word] : undefined;
}

function unitOf(word: string): Unit | undefined {
  const singular = word.replace(/s$/, '');
  return singular === 'day' || singular === 'week' || singular === 'month' || singular === 'year'
    ? singular
    : undefined;
}

/** Parses a date or phrase into a span of local time; undefined when it is neither. */
export function parseDateSpan(text: string, now: Date): DateSpan | undefined {
  const phrase = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (phrase === '') return undefined;
  if (phrase === 'today' || phrase === 'now') return SPAN_OF.day(now);
  if (phrase === 'yesterday') return SPAN_OF.day(subDays(now, 1));

  let match = /^(this|last) (day|week|month|year)$/.exec(phrase);
  if (match) {
    const unit = match[2] as Unit;
    return SPAN_OF[unit](match[1] === 'last' ? SUBTRACT[unit](now, 1) : now);
  }
  // "3 months ago": that day. "a week ago" likewise.
  match = /^(\S+) (days?|weeks?|months?|years?) ago$/.exec(phrase);
  if (match) {
    const amount = amountOf(match[1] ?? '');
    const unit = unitOf(match[2] ?? '');
    if (amount === undefined || unit === undefined) return undefined;
    return SPAN_OF.day(SUBTRACT[unit](now, amount));
  }
  // "last 3 weeks" / "past 10 days": from that day until now.
  match = /^(?:last|past) (\S+) (days?|weeks?|months?|years?)$/.exec(phrase);
  if (match) {
    const amount = amountOf(match[1] ?? '');
    const unit = unitOf(match[2] ?? '');
    if (amount === undefined || unit === undefined) return undefined;
    return { start: startOfDay(SUBTRACT[unit](now, amount)), end: endOfDay(now) };
  }
  return parseIsoSpan(text.trim());
}

/** 2026-11-25 (that local day), 2026-11 (that month), or a full ISO date-time (that instant). */
function parseIsoSpan(text: string): DateSpan | undefined {
  if (/^\d{4}-\d{2}$/.test(text)) {
    const month = parseISO(`${text}-01`);
    return isValid(month) ? SPAN_OF.month(month) : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = parseISO(text);
    // parseISO rolls 2026-02-31 over to March; a typo must not silently mean another day.
    if (!isValid(day) || !sameIsoDay(day, text)) return undefined;
    return SPAN_OF.day(day);
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const instant = parseISO(text.replace(' ', 'T'));
    return isValid(instant) ? { start: instant, end: instant } : undefined;
  }
  return undefined;
}

function sameIsoDay(date: Date, text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  return date.getFullYear() === year && date.getMonth() + 1 === month && date.getDate() === day;
}

export const DATE_EXAMPLES = '2026-11-01, 2026-11, yesterday, last week, this month, 3 months ago, last 10 days';

/** Whether every day of the span lies in the years intimacy reads (years.ts). */
export function isKeptSpan(span: DateSpan): boolean {
  return isKeptYear(span.start.getFullYear()) && isKeptYear(span.end.getFullYear());
}

/**
 * A date typed for `what` (`--since`, `week`…), or a usage error that says why not: not a
 * date or phrase, or a day outside the years intimacy reads, which no entry can have (and
 * which date code misreads: 0099 taken for 1999, or a year of days walked to 9999).
 */
export function typedDateSpan(what: string, text: string, now: Date): DateSpan {
  const span = parseDateSpan(text, now);
  if (!span)
    throw new UsageError(`${what} does not understand "${text}".`, `Use a date or a phrase, e.g. ${DATE_EXAMPLES}.`);
  if (!isKeptSpan(span)) throw outsideYears(what, text);
  return span;
}

/** The usage error for a day typed outside the years intimacy reads. */
export function outsideYears(what: string, text: string): UsageError {
  return new UsageError(
    `${what} "${text}" is outside the years intimacy reads (${YEARS_KEPT}).`,
    'Give a day in those years, e.g. 2026-11-01.',
  );
}
