import { type QuestionTally, questionTally } from '../decks/news.js';
import type { Journal } from '../journal/journal.js';
import { readRituals, weekStartsOn } from '../rituals/definitions.js';
import { type CalendarDay, dayOfEntry, earlierDay, laterDay, toDay } from '../rituals/periods.js';
import { computeStats, firstDayOf, type Stats } from '../rituals/trends.js';
import { slugsOf, withAuthorsNamed } from '../store/authors.js';
import { loadOwnPrivateSummaries } from '../store/private.js';
import type { SkippedFile } from '../store/summaries.js';
import type { WorktreeCheck } from '../store/worktree-check.js';
import { memoInputs, memoized } from './memo.js';

/** The longest range whose figures are kept in the memo: ten years of days. */
const MEMO_DAYS = 3653;

export interface StatsData {
  stats: Stats;
  /** the day of the first entry (undefined for an empty journal) */
  journalStart?: CalendarDay;
  skipped: SkippedFile[];
  questions: QuestionTally;
}

/**
 * stats' figures for the days from `asked` to `to` (the first day moves up to the journal's
 * first entry): from the stats memo (memo.ts) when git vouches for the entries it was made from,
 * else from every entry's front matter. Your own private entries count too; they are read each
 * time (they are few and git knows nothing of them) and are part of the memo's inputs.
 */
export async function gatherStats(
  journal: Journal,
  range: { asked: CalendarDay; to: CalendarDay },
  now: Date,
  checking: Promise<WorktreeCheck | undefined>,
  /** figures printed as data (--json): authors as written, not escaped for a listing */
  forData = false,
): Promise<StatsData> {
  const own = await loadOwnPrivateSummaries(journal, slugsOf(journal.settings, journal.me.name));
  return memoized<StatsData>({
    git: journal.git,
    // A memo each way of naming: a look-alike author is a key of the figures.
    name: forData ? 'stats-data' : 'stats',
    inputs: memoInputs([journal.settings, journal.me.name, range, own], now),
    checking,
    shaped: (figures) =>
      typeof figures.stats === 'object' &&
      figures.stats !== null &&
      Array.isArray(figures.skipped) &&
      typeof figures.questions === 'object' &&
      figures.questions !== null,
    // A range of centuries (a partner's entry dated 2999, --until 2999-12-31) is a day row each.
    tooLargeToKeep: (figures) => figures.stats.calendar.length > MEMO_DAYS,
    compute: ({ entries: shared, skipped }) => {
      // Written under an earlier name, an entry counts as the partner's it now stands for.
      const entries = withAuthorsNamed(journal.settings, [...shared, ...own], forData);
      // Weeks before the journal began would count as weeks without an entry.
      const journalStart = firstDayOf(entries);
      const { asked } = range;
      const from = journalStart && journalStart > asked && journalStart <= range.to ? journalStart : asked;
      // Nor the days after both today and the last entry: they hold nothing, and a day row each
      // for a typed --until 2999-12-31 cost a thousand years of days.
      const to = laterDay(from, earlierDay(range.to, laterDay(toDay(now), lastDayOf(entries) ?? from)));
      const stats = computeStats({
        entries,
        partners: journal.settings.partners,
        from,
        to,
        weekStartsOn: weekStartsOn(journal.settings.extra.weekStart),
        rituals: readRituals(journal.settings.extra.rituals).rituals,
      });
      return { stats, journalStart, skipped, questions: questionTally(entries, from, to) };
    },
  });
}

/** The day of the journal's last entry (undefined for an empty journal). */
function lastDayOf(entries: Array<{ date: string }>): CalendarDay | undefined {
  let last: CalendarDay | undefined;
  for (const entry of entries) {
    const day = dayOfEntry(entry.date);
    if (day !== undefined && (last === undefined || day > last)) last = day;
  }
  return last;
}
