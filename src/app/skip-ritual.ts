import { UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { outsideYears } from '../reading/dates.js';
import { type Ritual, readRituals, weekStartsOn } from '../rituals/definitions.js';
import { occurrencesOf } from '../rituals/overview.js';
import { noonOf, toDay } from '../rituals/periods.js';
import { trackRitual } from '../rituals/track.js';
import { shownShellWord } from '../shell-word.js';
import { withAuthorsNamed } from '../store/authors.js';
import { isoWithOffset } from '../store/entry-date.js';
import { loadSummaries } from '../store/summaries.js';
import { info } from '../ui/output.js';
import { typeLabel } from '../ui/words.js';
import { isKeptYear } from '../years.js';
import { writeEntries } from './write-entry.js';

export interface SkipRequest {
  ritual: string;
  reason?: string;
  /** a day in the period to skip (YYYY-MM-DD); today when absent */
  date?: string;
}

/**
 * `intimacy skip RITUAL`: a skip entry that holds the ritual's period (its streak neither
 * breaks nor grows). A period already skipped (by you, or by either of you for a ritual kept
 * together) is said so, and nothing is written: a second skip would only be a second file.
 */
export async function skipRitual(journal: Journal, request: SkipRequest, now: Date, env: NodeJS.ProcessEnv) {
  if (request.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(request.date)) {
    throw new UsageError(`--date takes a day like 2026-12-24, not "${request.date}".`);
  }
  const { rituals } = readRituals(journal.settings.extra.rituals);
  const ritual = rituals.find((r) => r.name === request.ritual);
  if (!ritual) {
    throw new UserError(`There is no ritual "${request.ritual}".`, `Known: ${rituals.map((r) => r.name).join(', ')}.`);
  }
  // Nothing is ever due of a ritual kept as needed: a skip of it would hold nothing.
  if (ritual.cadence.kind === 'as-needed') {
    const label = typeLabel(ritual.name);
    throw new UsageError(
      `${label.charAt(0).toUpperCase()}${label.slice(1)} is kept as needed, so nothing of it is ever due to skip; nothing was written.`,
      `To keep it on a schedule instead: intimacy rituals set ${shownShellWord(ritual.name)} "every 2 weeks".`,
    );
  }
  // A skip for another day is dated at noon of that day, well inside its period.
  const when = request.date ? noonOf(request.date) : now;
  if (!when) throw new UsageError(`--date ${request.date} is not a real day.`);
  if (request.date !== undefined && !isKeptYear(when.getFullYear())) throw outsideYears('--date', request.date);
  const already = await skippedAlready(journal, ritual, toDay(when));
  if (already) {
    const why = already.reason ? ` (${already.reason})` : '';
    const label = typeLabel(ritual.name);
    const period = ritual.cadence.kind === 'periodic' ? periodWords(ritual.cadence, request.date) : 'then';
    info(`${label.charAt(0).toUpperCase()}${label.slice(1)} is already skipped ${period}${why}; nothing was written.`);
    return;
  }
  const reason = request.reason?.trim();
  const skip = {
    type: 'skip',
    author: journal.me.name,
    date: isoWithOffset(when),
    tags: [],
    fields: { ritual: ritual.name, ...(reason ? { reason } : {}) },
    body: reason ? `## Why we skipped\n\n${reason}\n` : '',
  };
  await writeEntries(journal, [skip], { when, env });
}

/** "this week", "these 2 weeks", "today", or for another day "for the week of 2026-12-24". */
function periodWords(cadence: { unit: 'day' | 'week' | 'month'; every: number }, date: string | undefined): string {
  const unit = cadence.every > 1 ? `${cadence.every} ${cadence.unit}s` : cadence.unit;
  if (date !== undefined)
    return cadence.unit === 'day' && cadence.every === 1 ? `on ${date}` : `for the ${unit} of ${date}`;
  if (cadence.every > 1) return `these ${unit}`;
  return cadence.unit === 'day' ? 'today' : `this ${unit}`;
}

/** The skip that already holds `day`'s period for me (or for us both), in the periods status counts. */
async function skippedAlready(journal: Journal, ritual: Ritual, day: string): Promise<{ reason?: string } | undefined> {
  if (ritual.cadence.kind !== 'periodic') return undefined;
  const { entries } = await loadSummaries(journal.git);
  const occurrences = occurrencesOf(withAuthorsNamed(journal.settings, entries));
  const { subjects } = trackRitual({
    ritual,
    occurrences,
    partners: journal.settings.partners,
    today: day,
    weekStartsOn: weekStartsOn(journal.settings.extra.weekStart),
  });
  const period = subjects[0]?.period;
  if (!period) return undefined;
  const held = occurrences.filter(
    (o) =>
      o.type === 'skip' &&
      o.ritual === ritual.name &&
      o.day >= period.start &&
      o.day <= period.end &&
      (ritual.who !== 'each' || o.author === journal.me.name),
  );
  const latest = held.at(-1);
  return latest ? (latest.reason ? { reason: latest.reason } : {}) : undefined;
}
