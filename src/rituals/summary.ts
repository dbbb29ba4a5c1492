import { slugify } from '../store/naming.js';
import type { EntrySummary } from '../store/summaries.js';
import type { Ritual } from './definitions.js';
import { type RitualKept, ritualsKept } from './kept.js';
import { occurrencesOf } from './overview.js';
import { type CalendarDay, dayOfEntry } from './periods.js';
import { computeStats, PULSE_TYPE, pulseOf, type RatingPoint, REFERENCE_RATIO, type Stats } from './trends.js';

/*
 * The opening of the HTML report: what a period held, for a couple and their counsellor.
 * Pure: entries (front matter is enough) in, figures out.
 */

export interface CommitmentOutcome {
  author: string;
  /** the day it was promised */
  day: CalendarDay;
  commitment: string;
  /** how the next check-in said it went; undefined while no later check-in looked back at it */
  outcome?: string;
}

export interface PeriodSummary {
  from: CalendarDay;
  to: CalendarDay;
  partners: string[];
  /** entries per type, and per partner within it, most first */
  counts: Array<{ type: string; total: number; byPartner: Record<string, number> }>;
  /** each rating dimension found in the check-ins, in first-seen order: per partner, its points */
  ratings: Array<{ dimension: string; byPartner: Record<string, RatingPoint[]> }>;
  pulses: Record<string, RatingPoint[]>;
  commitments: CommitmentOutcome[];
  outcomes: { kept: number; partly: number; notYet: number; open: number };
  balance: Stats['balance'];
  rituals: RitualKept[];
}

export interface SummaryInput {
  /** the entries the report shows */
  chosen: EntrySummary[];
  /** every entry of the journal: later check-ins say how a promise went, rituals need all */
  all: EntrySummary[];
  partners: string[];
  rituals: Ritual[];
  from: CalendarDay;
  to: CalendarDay;
  today: CalendarDay;
  weekStartsOn: 0 | 1;
}

function personOf(partners: string[], author: string): string {
  return partners.find((p) => slugify(p) === slugify(author)) ?? author;
}

export function summarizePeriod(input: SummaryInput): PeriodSummary {
  const partners = input.partners.length > 0 ? input.partners : [...new Set(input.chosen.map((e) => e.author))];
  const chosen = [...input.chosen].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));

  const counts = new Map<string, { type: string; total: number; byPartner: Record<string, number> }>();
  for (const entry of chosen) {
    const row = counts.get(entry.type) ?? { type: entry.type, total: 0, byPartner: {} };
    const person = personOf(partners, entry.author);
    row.total++;
    row.byPartner[person] = (row.byPartner[person] ?? 0) + 1;
    counts.set(entry.type, row);
  }

  const ratings = new Map<string, Record<string, RatingPoint[]>>();
  const pulses: Record<string, RatingPoint[]> = Object.fromEntries(partners.map((p) => [p, []]));
  for (const entry of chosen) {
    const day = dayOfEntry(entry.date);
    if (!day) continue;
    const person = personOf(partners, entry.author);
    if (entry.type === 'checkin') {
      const given = entry.fields.ratings;
      if (given && typeof given === 'object' && !Array.isArray(given)) {
        for (const [dimension, value] of Object.entries(given as Record<string, unknown>)) {
          if (typeof value !== 'number' || !Number.isFinite(value)) continue;
          const series = ratings.get(dimension) ?? {};
          (series[person] ??= []).push({ day, value });
          ratings.set(dimension, series);
        }
      }
    } else if (entry.type === PULSE_TYPE) {
      const value = pulseOf(entry.fields);
      if (value === undefined) continue;
      const row = (pulses[person] ??= []);
      if (row.at(-1)?.day === day) row[row.length - 1] = { day, value };
      else row.push({ day, value });
    }
  }

  const commitments = commitmentOutcomes(chosen, input.all, partners);
  const outcomes = { kept: 0, partly: 0, notYet: 0, open: 0 };
  for (const c of commitments) {
    if (c.outcome === 'kept') outcomes.kept++;
    else if (c.outcome === 'partly') outcomes.partly++;
    else if (c.outcome === 'not yet') outcomes.notYet++;
    else outcomes.open++;
  }

  const { balance } = computeStats({
    entries: chosen,
    partners,
    from: input.from,
    to: input.to,
    weekStartsOn: input.weekStartsOn,
  });
  const rituals = ritualsKept({
    rituals: input.rituals,
    occurrences: occurrencesOf(input.all),
    partners,
    from: input.from,
    to: input.to,
    today: input.today,
    weekStartsOn: input.weekStartsOn,
  });
  return {
    from: input.from,
    to: input.to,
    partners,
    counts: [...counts.values()].sort((a, b) => b.total - a.total || (a.type < b.type ? -1 : 1)),
    ratings: [...ratings].map(([dimension, byPartner]) => ({ dimension, byPartner })),
    pulses,
    commitments,
    outcomes,
    balance: { ...balance, reference: REFERENCE_RATIO },
    rituals,
  };
}

/** Every promise made in the chosen check-ins, with how the same person's next check-in said it went. */
function commitmentOutcomes(chosen: EntrySummary[], all: EntrySummary[], partners: string[]): CommitmentOutcome[] {
  const later = [...all]
    .filter((e) => e.type === 'checkin' && Array.isArray(e.fields.reviewed))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const result: CommitmentOutcome[] = [];
  for (const entry of chosen) {
    if (entry.type !== 'checkin') continue;
    const promised = entry.fields.commitments;
    const items = (Array.isArray(promised) ? promised : [promised]).filter(
      (item): item is string => typeof item === 'string' && item.trim() !== '',
    );
    const author = personOf(partners, entry.author);
    const at = Date.parse(entry.date);
    for (const commitment of items) {
      const review = later.find(
        (e) =>
          Date.parse(e.date) > at &&
          personOf(partners, e.author) === author &&
          (e.fields.reviewed as unknown[]).some(
            (r) => r !== null && typeof r === 'object' && (r as { commitment?: unknown }).commitment === commitment,
          ),
      );
      const outcome = (review?.fields.reviewed as Array<{ commitment?: unknown; outcome?: unknown }> | undefined)?.find(
        (r) => r?.commitment === commitment,
      )?.outcome;
      result.push({
        author,
        day: dayOfEntry(entry.date) ?? '',
        commitment,
        ...(typeof outcome === 'string' ? { outcome } : {}),
      });
    }
  }
  return result;
}
