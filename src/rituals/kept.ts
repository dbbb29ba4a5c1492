import { addDays } from 'date-fns';
import type { Ritual, Who } from './definitions.js';
import { type CalendarDay, dayDate, earlierDay, laterDay, toDay } from './periods.js';
import { type Occurrence, trackRitual } from './track.js';

/*
 * How often each ritual was kept over a range of days: for each of its periods (a week, two
 * weeks, a month) that began in the range and has ended (or is already kept), whether it was
 * kept, skipped or missed. Judged the way `status` judges the current period, by trackRitual.
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
  // Only the entries that bear on this ritual: each period below looks at them again.
  const occurrences = input.occurrences.filter(
    (o) =>
      (o.type === 'skip' && o.ritual === ritual.name) ||
      ritual.counts.includes(o.type) ||
      (o.template !== undefined && ritual.counts.includes(o.template)),
  );
  if (ritual.cadence.kind === 'as-needed') {
    const count = occurrences.filter((o) => o.type !== 'skip' && o.day >= input.from && o.day <= input.to).length;
    return { ...base, asNeeded: count, subjects: [] };
  }
  const tally = new Map<string, SubjectKept>();
  // trackRitual counts periods from the ritual's first entry (or its `since`): none before it.
  let first = ritual.since;
  if (first === undefined)
    for (const o of occurrences) if (o.type !== 'skip' && (first === undefined || o.day < first)) first = o.day;
  if (first === undefined) return { ...base, subjects: [] };
  const stop = laterDay(first, input.from);
  let day = earlierDay(input.to, input.today);
  for (let guard = 0; day >= stop && guard < 5000; guard++) {
    const status = trackRitual({
      ritual,
      occurrences,
      partners: input.partners,
      today: day,
      weekStartsOn: input.weekStartsOn,
    });
    const period = status.subjects[0]?.period;
    if (!period) break;
    const over = period.end < input.today;
    if (period.start >= input.from) {
      for (const s of status.subjects) {
        const row = tally.get(s.subject) ?? { subject: s.subject, kept: 0, skipped: 0, periods: 0 };
        const kept = s.count >= s.needed;
        if (kept) row.kept++;
        else if (s.state === 'done') row.skipped++;
        if (kept || over || s.state === 'done') row.periods++;
        tally.set(s.subject, row);
      }
    }
    day = toDay(addDays(dayDate(period.start), -1));
  }
  return { ...base, subjects: [...tally.values()] };
}
