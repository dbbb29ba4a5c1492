import { startOfWeek, subWeeks } from 'date-fns';
import { slugify } from '../store/naming.js';
import type { EntrySummary } from '../store/summaries.js';
import type { Ritual } from './definitions.js';
import { type CalendarDay, dayDate, dayOfEntry, daysBetween, daysFromTo, toDay } from './periods.js';

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
  /** the rituals kept, for the calendar's rows (none: no rows) */
  rituals?: Ritual[];
}

/** One ritual's row of the calendar: per day, how many entries counted for it, and whether it was skipped. */
export interface RitualDays {
  ritual: string;
  days: Array<{ day: CalendarDay; count: number; skipped: boolean }>;
}

/** Connection rated low at each of someone's latest check-ins. */
export interface LowConnection {
  partner: string;
  /** the ratings of the last LOW_STREAK check-ins, oldest first */
  recent: number[];
  /** how many check-ins in a row, up to the latest, were low */
  checkins: number;
  /** the day of the first of them */
  since: CalendarDay;
}

export interface Stats {
  from: CalendarDay;
  to: CalendarDay;
  ratings: Record<string, Record<Dimension, RatingPoint[]>>;
  averages: Record<string, Partial<Record<Dimension, number>>>;
  gratitude: { weeks: CalendarDay[]; perPartner: Record<string, number[]> };
  calendar: Array<{ day: CalendarDay; count: number }>;
  /** the calendar again, one row per ritual */
  rituals: RitualDays[];
  /** each partner's daily pulse (1 to 5): the last of each day */
  pulses: Record<string, RatingPoint[]>;
  balance: { positive: number; repairs: number; ratio: number | null; reference: number };
  lowConnection: LowConnection[];
}

export const PULSE_TYPE = 'pulse';

/** A pulse entry's value: its `pulse` rating (or a top-level `pulse` field), 1 to 5. */
export function pulseOf(fields: Record<string, unknown>): number | undefined {
  const nested = fields.ratings;
  const value =
    nested && typeof nested === 'object' ? (nested as Record<string, unknown>).pulse : (fields.pulse ?? undefined);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Does this entry count for the ritual (its type, or the template it was written from)? */
export function countsFor(ritual: Pick<Ritual, 'counts'>, entry: Pick<EntrySummary, 'type' | 'fields'>): boolean {
  const template = typeof entry.fields.template === 'string' ? entry.fields.template : undefined;
  return ritual.counts.includes(entry.type) || (template !== undefined && ritual.counts.includes(template));
}

/** Entries a week, over the days from `from` to `to`: a first week of three days counts as three sevenths. */
export function perWeek(total: number, from: CalendarDay, to: CalendarDay): number {
  const weeks = Math.max(1, (daysBetween(from, to) + 1) / 7);
  return Math.round((total / weeks) * 10) / 10;
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
  const weeks = daysFromTo(weekOf(input.from), input.to, 7);
  const weekIndex = new Map(weeks.map((week, index) => [week, index]));
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
    const index = weekIndex.get(weekOf(day));
    if (index !== undefined) row[index] = (row[index] ?? 0) + 1;
  }
  const days = daysFromTo(input.from, input.to);
  const calendar: Stats['calendar'] = days.map((day) => ({ day, count: calendarCounts.get(day) ?? 0 }));

  const rituals: RitualDays[] = (input.rituals ?? []).map((ritual) => {
    const counts = new Map<CalendarDay, number>();
    const skipped = new Set<CalendarDay>();
    for (const { entry, day } of inRange) {
      if (entry.type === 'skip' && entry.fields.ritual === ritual.name) skipped.add(day);
      else if (countsFor(ritual, entry)) counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    return {
      ritual: ritual.name,
      days: days.map((day) => ({ day, count: counts.get(day) ?? 0, skipped: skipped.has(day) })),
    };
  });

  const pulses: Stats['pulses'] = Object.fromEntries(people.map((p) => [p, [] as RatingPoint[]]));
  for (const { entry, day } of inRange) {
    const value = entry.type === PULSE_TYPE ? pulseOf(entry.fields) : undefined;
    if (value === undefined) continue;
    const row = (pulses[partnerKey(people, entry.author)] ??= []);
    // The day's last pulse is how the day ended up.
    if (row.at(-1)?.day === day) row[row.length - 1] = { day, value };
    else row.push({ day, value });
  }

  return {
    from: input.from,
    to: input.to,
    ratings,
    averages,
    gratitude: { weeks, perPartner },
    calendar,
    rituals,
    pulses,
    balance: {
      positive,
      repairs,
      ratio: repairs === 0 ? null : Math.round((positive / repairs) * 10) / 10,
      reference: REFERENCE_RATIO,
    },
    lowConnection: lowConnectionOf(
      input.entries.filter((entry) => (dayOfEntry(entry.date) ?? '') <= input.to),
      people,
    ),
  };
}

/**
 * Who rated connection low (2 or less) at each of their last three check-ins or more, over
 * every check-in given (not just a chart's window): the run, and the day it began.
 */
export function lowConnectionOf(entries: EntrySummary[], partners: string[]): LowConnection[] {
  const byPerson = new Map<string, Array<{ day: CalendarDay; value: number; at: number }>>();
  for (const entry of entries) {
    if (entry.type !== 'checkin') continue;
    const value = ratingOf(entry.fields, 'connection');
    const day = dayOfEntry(entry.date);
    if (value === undefined || day === undefined) continue;
    const person = partnerKey(partners, entry.author);
    const list = byPerson.get(person) ?? [];
    list.push({ day, value, at: Date.parse(entry.date) });
    byPerson.set(person, list);
  }
  const result: LowConnection[] = [];
  for (const [partner, list] of byPerson) {
    list.sort((a, b) => a.at - b.at);
    let run = 0;
    while (run < list.length && list[list.length - 1 - run]!.value <= LOW_RATING) run++;
    if (run < LOW_STREAK) continue;
    result.push({
      partner,
      recent: list.slice(-LOW_STREAK).map((p) => p.value),
      checkins: run,
      since: list[list.length - run]!.day,
    });
  }
  return result;
}

/** The day the journal's first entry was written (undefined for an empty journal). */
export function firstDayOf(entries: Array<Pick<EntrySummary, 'date'>>): CalendarDay | undefined {
  let first: CalendarDay | undefined;
  for (const entry of entries) {
    const day = dayOfEntry(entry.date);
    if (day !== undefined && (first === undefined || day < first)) first = day;
  }
  return first;
}

/** The default range: the last 12 weeks up to today. */
export function defaultRange(today: CalendarDay, weekStartsOn: 0 | 1): { from: CalendarDay; to: CalendarDay } {
  return { from: toDay(startOfWeek(subWeeks(dayDate(today), 11), { weekStartsOn })), to: today };
}
