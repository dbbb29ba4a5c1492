import { setDay } from 'date-fns';
import { smallest } from '../many.js';
import { slugify } from '../store/naming.js';
import type { Ritual } from './definitions.js';
import {
  type CalendarDay,
  dayDate,
  daysBetween,
  type Period,
  type Periodic,
  periodAt,
  periodIndex,
  toDay,
} from './periods.js';

/*
 * Due dates and streaks: pure functions of the entries, the settings and today's date.
 */

export interface Occurrence {
  day: CalendarDay;
  author: string;
  type: string;
  /** the template the entry was written from, when it differs from its type */
  template?: string;
  /** for skip entries: the ritual skipped */
  ritual?: string;
  /** for skip entries: why, when they said */
  reason?: string;
}

export type RitualState = 'done' | 'due' | 'overdue' | 'upcoming' | 'tracked';

export interface SubjectStatus {
  /** 'us' for joint rituals, else the partner's name */
  subject: string;
  state: RitualState;
  /** entries counted in the current period (for `together`: the smaller of the two) */
  count: number;
  needed: number;
  period?: Period;
  /** days left in the current period, today included */
  daysLeft?: number;
  /** overdue: for how many days, today included (since the due weekday, or since the first missed period ended) */
  daysOverdue?: number;
  /** for a ritual kept on a weekday ("weekly on sunday"): the day it is due in this period, overdue after it */
  dueDay?: CalendarDay;
  currentStreak: number;
  bestStreak: number;
  /** the last day an entry counted */
  lastDay?: CalendarDay;
  /** for `together`: partners who have not written theirs yet this period */
  waitingFor: string[];
  /** the current period was skipped (and not kept anyway): the latest skip's reason, if it gave one */
  skipped?: { reason?: string };
}

export interface RitualStatus {
  ritual: Ritual;
  subjects: SubjectStatus[];
}

export interface TrackInput {
  ritual: Ritual;
  occurrences: Occurrence[];
  partners: string[];
  today: CalendarDay;
  weekStartsOn: 0 | 1;
}

/** Who counts: the partners named in the settings, or the authors seen when none are. */
function people(input: TrackInput, counted: Occurrence[]): string[] {
  if (input.partners.length > 0) return input.partners;
  return [...new Set(counted.map((o) => o.author))];
}

// Days compare as strings ('YYYY-MM-DD'): one pass finds the first or last, where sorting
// every day of a large journal did the same per ritual at many times the cost.
function earliestDay(occurrences: Occurrence[], from: CalendarDay): CalendarDay {
  let first = from;
  for (const o of occurrences) if (o.day < first) first = o.day;
  return first;
}

function latestDay(occurrences: Occurrence[]): CalendarDay | undefined {
  let last: CalendarDay | undefined;
  for (const o of occurrences) if (last === undefined || o.day > last) last = o.day;
  return last;
}

export function trackRitual(input: TrackInput): RitualStatus {
  const { ritual } = input;
  const counts = (o: Occurrence) =>
    ritual.counts.includes(o.type) || (o.template !== undefined && ritual.counts.includes(o.template));
  const counted = input.occurrences.filter((o) => counts(o) && (!ritual.since || o.day >= ritual.since));
  const skips = input.occurrences.filter((o) => o.type === 'skip' && o.ritual === ritual.name);
  const partners = people(input, counted);
  if (ritual.cadence.kind === 'as-needed') {
    const lastDay = latestDay(counted);
    return {
      ritual,
      subjects: [
        {
          subject: 'us',
          state: 'tracked',
          count: counted.length,
          needed: 0,
          currentStreak: 0,
          bestStreak: 0,
          lastDay,
          waitingFor: [],
        },
      ],
    };
  }
  const cadence = ritual.cadence;
  const anchor = ritual.since ?? earliestDay(counted, input.today);
  // Remembered per day: ten years of entries fall on a few thousand days, and date-fns'
  // parsing of each one was most of `status` on a large journal (see BENCHMARKS.md).
  const indexOfDay = new Map<CalendarDay, number>();
  const index = (day: CalendarDay): number => {
    let i = indexOfDay.get(day);
    if (i === undefined) indexOfDay.set(day, (i = periodIndex(cadence, anchor, day, input.weekStartsOn)));
    return i;
  };
  // Two authors write thousands of entries: make each one's slug once, not per entry.
  const slugOfAuthor = new Map<string, string>();
  const slugOf = (name: string): string => {
    let slug = slugOfAuthor.get(name);
    if (slug === undefined) slugOfAuthor.set(name, (slug = slugify(name)));
    return slug;
  };
  const current = index(input.today);
  const skipped = new Set(skips.map((s) => index(s.day)));

  const groups: Array<{ subject: string; authors: string[] }> =
    ritual.who === 'each'
      ? partners.map((p) => ({ subject: p, authors: [p] }))
      : [{ subject: 'us', authors: partners }];

  // A ritual whose first day is still ahead is not due: a partner ahead in time (Auckland's
  // tomorrow is Los Angeles' today) records `since:` as their own date, or it was written by
  // hand. Nothing could have been kept yet, so it is upcoming, its first period the one shown.
  if (ritual.since && input.today < ritual.since) {
    const first = periodAt(cadence, anchor, 0, input.weekStartsOn);
    return {
      ritual,
      subjects: groups.map((group) => ({
        subject: group.subject,
        state: 'upcoming',
        count: 0,
        needed: cadence.times,
        period: first,
        daysLeft: daysBetween(input.today, first.end) + 1,
        currentStreak: 0,
        bestStreak: 0,
        waitingFor: [],
      })),
    };
  }

  const subjects = groups.map((group) => {
    const slugs = new Map(group.authors.map((a) => [slugify(a), a]));
    // per period, per author: how many entries count
    const tally = new Map<number, Map<string, number>>();
    let lastDay: CalendarDay | undefined;
    for (const o of counted) {
      const author = slugs.get(slugOf(o.author));
      if (author === undefined && ritual.who === 'each') continue;
      const key = author ?? o.author;
      const i = index(o.day);
      const row = tally.get(i) ?? new Map<string, number>();
      row.set(key, (row.get(key) ?? 0) + 1);
      tally.set(i, row);
      if (!lastDay || o.day > lastDay) lastDay = o.day;
    }
    const countIn = (i: number): number => {
      const row = tally.get(i);
      if (!row) return 0;
      if (ritual.who === 'together') return smallest(group.authors.map((a) => row.get(a) ?? 0));
      return [...row.values()].reduce((sum, n) => sum + n, 0);
    };
    const met = (i: number) => countIn(i) >= cadence.times;
    const { currentStreak, bestStreak } = streaks(current, met, (i) => skipped.has(i));
    const period = periodAt(cadence, anchor, current, input.weekStartsOn);
    const count = countIn(current);
    const waitingFor =
      ritual.who === 'together' ? group.authors.filter((a) => (tally.get(current)?.get(a) ?? 0) < cadence.times) : [];
    // Said in status rather than dropped: the period is held, and why.
    const skipNow = met(current)
      ? undefined
      : [...skips]
          .reverse()
          .find(
            (o) => index(o.day) === current && (ritual.who !== 'each' || slugOf(o.author) === slugify(group.subject)),
          );
    const { state, daysOverdue, dueDay } = stateOf(
      cadence,
      anchor,
      period,
      input.today,
      met(current) || skipped.has(current),
      current,
      met,
      skipped,
      input.weekStartsOn,
    );
    return {
      subject: group.subject,
      state,
      count,
      needed: cadence.times,
      period,
      daysLeft: daysBetween(input.today, period.end) + 1,
      ...(daysOverdue === undefined ? {} : { daysOverdue }),
      ...(dueDay === undefined ? {} : { dueDay }),
      currentStreak,
      bestStreak,
      lastDay,
      waitingFor,
      ...(skipNow ? { skipped: skipNow.reason ? { reason: skipNow.reason } : {} } : {}),
    } satisfies SubjectStatus;
  });
  return { ritual, subjects };
}

/**
 * Streaks count kept periods. A skipped period neither breaks nor extends a streak, and the
 * current period, still in progress, only adds once it is kept.
 */
export function streaks(
  current: number,
  met: (i: number) => boolean,
  skipped: (i: number) => boolean,
): { currentStreak: number; bestStreak: number } {
  let best = 0;
  let run = 0;
  for (let i = 0; i <= current; i++) {
    if (met(i)) run++;
    else if (!skipped(i) && i < current) run = 0;
    best = Math.max(best, run);
  }
  let currentStreak = met(current) ? 1 : 0;
  for (let i = current - 1; i >= 0; i--) {
    if (met(i)) currentStreak++;
    else if (!skipped(i)) break;
  }
  return { currentStreak, bestStreak: best };
}

function stateOf(
  cadence: Periodic,
  anchor: CalendarDay,
  period: Period,
  today: CalendarDay,
  kept: boolean,
  current: number,
  met: (i: number) => boolean,
  skipped: Set<number>,
  weekStartsOn: 0 | 1,
): { state: RitualState; daysOverdue?: number; dueDay?: CalendarDay } {
  const missed = (i: number) => i >= 0 && !met(i) && !skipped.has(i);
  // The first of the periods missed in a row just before this one, if the last one was missed.
  const firstMissed = (): number | undefined => {
    if (!missed(current - 1)) return undefined;
    let first = current - 1;
    while (missed(first - 1)) first--;
    return first;
  };
  const weekday = cadence.weekday;
  if (weekday !== undefined) {
    // Due on that weekday of the period's last week, overdue after it; overdue before it too
    // when the last period's day passed unkept, as any ritual whose last period was missed.
    const dayIn = (p: Period) => toDay(setDay(dayDate(p.end), weekday, { weekStartsOn }));
    const dueDay = dayIn(period);
    if (kept) return { state: 'done', dueDay };
    if (today === dueDay) return { state: 'due', dueDay };
    if (today > dueDay) return { state: 'overdue', daysOverdue: daysBetween(dueDay, today), dueDay };
    const first = firstMissed();
    if (first === undefined) return { state: 'upcoming', dueDay };
    const since = dayIn(periodAt(cadence, anchor, first, weekStartsOn));
    return { state: 'overdue', daysOverdue: daysBetween(since, today), dueDay };
  }
  if (kept) return { state: 'done' };
  const first = firstMissed();
  if (first === undefined) return { state: 'due' };
  // Overdue since the first of the periods missed in a row ended.
  return { state: 'overdue', daysOverdue: daysBetween(periodAt(cadence, anchor, first, weekStartsOn).end, today) };
}
