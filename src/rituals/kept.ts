import { slugify } from '../store/naming.js';
import type { Ritual, Who } from './definitions.js';
import { type CalendarDay, earlierDay, laterDay, periodAt, periodIndex } from './periods.js';
import type { Occurrence } from './track.js';

/*
 * How often each ritual was kept over a range of days: for each of its periods (a week, two
 * weeks, a month) that began in the range and has ended (or is already kept), whether it was
 * kept, skipped or missed, counted the way `status` counts a streak's periods.
 */

export interface SubjectKept {
  /** 'us' for a ritual kept together or by either, else the partner's name */
  subject: string;
  kept: number;
  skipped: number;
  /** periods judged: kept + skipped + missed */
  periods: number;
}

export interface RitualKept {
  ritual: string;
  cadence: string;
  who: Who;
  /** for a ritual kept "as needed": how many entries in the range */
  asNeeded?: number;
  subjects: SubjectKept[];
}

export interface KeptInput {
  rituals: Ritual[];
  occurrences: Occurrence[];
  partners: string[];
  from: CalendarDay;
  to: CalendarDay;
  /** periods after today are not judged; the current one only once kept */
  today: CalendarDay;
  weekStartsOn: 0 | 1;
}

export function ritualsKept(input: KeptInput): RitualKept[] {
  return input.rituals.map((ritual) => keptFor(ritual, input));
}

function keptFor(ritual: Ritual, input: KeptInput): RitualKept {
  const base = { ritual: ritual.name, cadence: ritual.cadenceText, who: ritual.who };
  const counted = input.occurrences.filter(
    (o) =>
      o.type !== 'skip' &&
      (ritual.counts.includes(o.type) || (o.template !== undefined && ritual.counts.includes(o.template))),
  );
  if (ritual.cadence.kind === 'as-needed') {
    const count = counted.filter((o) => o.day >= input.from && o.day <= input.to).length;
    return { ...base, asNeeded: count, subjects: [] };
  }
  const cadence = ritual.cadence;
  // Periods count from the ritual's first entry (or its `since`), as status counts them: none before it.
  let anchor = ritual.since;
  if (anchor === undefined) for (const o of counted) if (anchor === undefined || o.day < anchor) anchor = o.day;
  if (anchor === undefined) return { ...base, subjects: [] };
  const first = anchor;
  const index = (day: CalendarDay) => periodIndex(cadence, first, day, input.weekStartsOn);
  const partners = input.partners.length > 0 ? input.partners : [...new Set(counted.map((o) => o.author))];
  const names = new Map<string, string | undefined>();
  const who = (author: string) => {
    if (!names.has(author))
      names.set(
        author,
        partners.find((p) => slugify(p) === slugify(author)),
      );
    return names.get(author);
  };
  // Per period, per partner: how many entries count.
  const tally = new Map<number, Map<string, number>>();
  for (const o of counted) {
    const person = who(o.author);
    if (person === undefined) continue;
    const row = tally.get(index(o.day)) ?? new Map<string, number>();
    row.set(person, (row.get(person) ?? 0) + 1);
    tally.set(index(o.day), row);
  }
  // A skip holds its author's own period for a ritual kept by each; the couple's otherwise.
  const skips = input.occurrences.filter((o) => o.type === 'skip' && o.ritual === ritual.name);
  const skipped = (i: number, subject: string) =>
    skips.some((o) => index(o.day) === i && (ritual.who !== 'each' || who(o.author) === subject));
  const subjects = ritual.who === 'each' ? partners : ['us'];
  const met = (i: number, subject: string): boolean => {
    const row = tally.get(i);
    if (!row) return false;
    if (ritual.who === 'each') return (row.get(subject) ?? 0) >= cadence.times;
    if (ritual.who === 'together') return partners.every((p) => (row.get(p) ?? 0) >= cadence.times);
    return [...row.values()].reduce((a, b) => a + b, 0) >= cadence.times;
  };
  const rows = subjects.map((subject) => ({ subject, kept: 0, skipped: 0, periods: 0 }));
  const last = index(earlierDay(input.to, input.today));
  for (let i = Math.max(0, index(laterDay(input.from, first))); i <= last; i++) {
    const period = periodAt(cadence, first, i, input.weekStartsOn);
    if (period.start < input.from) continue;
    const over = period.end < input.today;
    for (const row of rows) {
      if (met(i, row.subject)) row.kept++;
      else if (skipped(i, row.subject)) row.skipped++;
      else if (!over) continue; // still in progress: neither kept nor missed yet
      row.periods++;
    }
  }
  return { ...base, subjects: rows };
}
