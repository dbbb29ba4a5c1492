import { addDays, addWeeks, startOfWeek, subWeeks } from 'date-fns';
import { slugify } from '../store/naming.js';
import type { EntrySummary } from '../store/summaries.js';
import { type CalendarDay, dayDate, dayOfEntry, toDay } from './periods.js';

/*
 * The figures behind `intimacy stats`: pure functions of entries, partners and a date range.
 */

export const RATING_DIMENSIONS = ['connection', 'communication', 'affection', 'fun', 'support'] as const;
export type Dimension = (typeof RATING_DIMENSIONS)[number];

export const POSITIVE_TYPES = ['gratitude', 'appreciation'];
/** Gottman's observation: stable couples show about five positive moments for every negative one. */
export const REFERENCE_RATIO = 5;
const LOW_RATING = 2;
const LOW_STREAK = 3;

export interface RatingPoint {
  day: CalendarDay;
  value: number;
}

export interface StatsInput {
  entries: EntrySummary[];
  partners: string[];
  /** inclusive calendar days */
  from: CalendarDay;
  to: CalendarDay;
  weekStartsOn: 0 | 1;
}

export interface Stats {
  from: CalendarDay;
  to: CalendarDay;
  ratings: Record<string, Record<Dimension, RatingPoint[]>>;
  averages: Record<string, Partial<Record<Dimension, number>>>;
  gratitude: { weeks: CalendarDay[]; perPartner: Record<string, number[]> };
  calendar: Array<{ day: CalendarDay; count: number }>;
  balance: { positive: number; repairs: number; ratio: number | null; reference: number };
  lowConnection: Array<{ partner: string; recent: number[] }>;
}

/** A check-in's rating, from a `ratings` mapping or a top-level field of the same name. */
export function ratingOf(fields: Record<string, unknown>, dimension: Dimension): number | undefined {
  const nested = fields.ratings;
  const value =
    nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[dimension] : fields[dimension];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function partnerKey(partners: string[], author: string): string {
  return partners.find((p) => slugify(p) === slugify(author)) ?? author;
}

export function computeStats(input: StatsInput): Stats {
  // Only the entries in range become objects: the range is weeks, the journal may be years.
  const inRange: Array<{ entry: EntrySummary; day: CalendarDay }> = [];
  for (const entry of input.entries) {
    const day = dayOfEntry(entry.date);
    if (day !== undefined && day >= input.from && day <= input.to) inRange.push({ entry, day });
  }
  inRange.sort((a, b) => Date.parse(a.entry.date) - Date.parse(b.entry.date));
  const people = input.partners.length > 0 ? input.partners : [...new Set(inRange.map((e) => e.entry.author))];

  const ratings: Stats['ratings'] = {};
  for (const person of people)
    ratings[person] = Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, [] as RatingPoint[]])) as Record<
      Dimension,
      RatingPoint[]
    >;
  for (const { entry, day } of inRange) {
    if (entry.type !== 'checkin') continue;
    const person = partnerKey(people, entry.author);
    ratings[person] ??= Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, [] as RatingPoint[]])) as Record<
      Dimension,
      RatingPoint[]
    >;
    for (const dimension of RATING_DIMENSIONS) {
      const value = ratingOf(entry.fields, dimension);
      if (value !== undefined) ratings[person]![dimension].push({ day, value });
    }
  }
  const averages: Stats['averages'] = {};
  for (const [person, byDimension] of Object.entries(ratings)) {
    averages[person] = {};
    for (const dimension of RATING_DIMENSIONS) {
      const points = byDimension[dimension];
      if (points.length > 0)
        averages[person]![dimension] = Math.round((points.reduce((s, p) => s + p.value, 0) / points.length) * 10) / 10;
    }
  }

  const weekOf = (day: CalendarDay) => toDay(startOfWeek(dayDate(day), { weekStartsOn: input.weekStartsOn }));
  const weeks: CalendarDay[] = [];
  for (let week = dayDate(weekOf(input.from)); toDay(week) <= input.to; week = addWeeks(week, 1))
    weeks.push(toDay(week));
  const perPartner: Record<string, number[]> = Object.fromEntries(people.map((p) => [p, weeks.map(() => 0)]));
  const calendarCounts = new Map<CalendarDay, number>();
  let positive = 0;
  let repairs = 0;
  for (const { entry, day } of inRange) {
    if (entry.type !== 'skip') calendarCounts.set(day, (calendarCounts.get(day) ?? 0) + 1);
    if (POSITIVE_TYPES.includes(entry.type)) positive++;
    if (entry.type === 'repair') repairs++;
    if (entry.type !== 'gratitude') continue;
    const person = partnerKey(people, entry.author);
    const row = (perPartner[person] ??= weeks.map(() => 0));
    const index = weeks.indexOf(weekOf(day));
    if (index >= 0) row[index] = (row[index] ?? 0) + 1;
  }
  const calendar: Stats['calendar'] = [];
  for (let day = dayDate(input.from); toDay(day) <= input.to; day = addDays(day, 1)) {
    calendar.push({ day: toDay(day), count: calendarCounts.get(toDay(day)) ?? 0 });
  }

  const lowConnection: Stats['lowConnection'] = [];
  for (const [person, byDimension] of Object.entries(ratings)) {
    const recent = byDimension.connection.slice(-LOW_STREAK).map((p) => p.value);
    if (recent.length === LOW_STREAK && recent.every((v) => v <= LOW_RATING))
      lowConnection.push({ partner: person, recent });
  }

  return {
    from: input.from,
    to: input.to,
    ratings,
    averages,
    gratitude: { weeks, perPartner },
    calendar,
    balance: {
      positive,
      repairs,
      ratio: repairs === 0 ? null : Math.round((positive / repairs) * 10) / 10,
      reference: REFERENCE_RATIO,
    },
    lowConnection,
  };
}

/** The default range: the last 12 weeks up to today. */
export function defaultRange(today: CalendarDay, weekStartsOn: 0 | 1): { from: CalendarDay; to: CalendarDay } {
  return { from: toDay(startOfWeek(subWeeks(dayDate(today), 11), { weekStartsOn })), to: today };
}
