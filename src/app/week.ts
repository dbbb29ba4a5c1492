import { addDays, startOfWeek } from 'date-fns';
import { openJournal } from '../journal/journal.js';
import { typedDateSpan } from '../reading/dates.js';
import { weekStartsOn } from '../rituals/definitions.js';
import { type CalendarDay, dayDate, dayOfEntry, toDay } from '../rituals/periods.js';
import { slugsOf } from '../store/authors.js';
import { assertReadable } from '../store/encryption-state.js';
import { readEntryFile } from '../store/entry-files.js';
import { loadOwnPrivateSummaries } from '../store/private.js';
import { loadSummaries } from '../store/summaries.js';
import type { JournalLook } from '../store/worktree-check.js';
import { describeEntry } from '../ui/render/describe.js';
import { buildWeek, type Week } from '../ui/week/model.js';
import type { CommandContext } from './context.js';
import { explainSkipped } from './encrypted-entries.js';
import { renderContextFor } from './render-context.js';

/*
 * `intimacy week [DATE]`: which week (the one DATE falls in; else this week, or the last week
 * with a check-in when this one has none yet), and everything both partners wrote in it.
 */

export interface WeekResult {
  week: Week;
  /** files that could not be read as entries, by path */
  skipped: Array<{ relPath: string; reason: string }>;
}

export async function gatherWeek(
  ctx: CommandContext,
  when: string | undefined,
  look?: Promise<JournalLook>,
  /** the week printed as data (--json): authors as written (render-context.ts) */
  forData = false,
): Promise<WeekResult> {
  const now = ctx.now();
  let asked: CalendarDay | undefined;
  if (when !== undefined) {
    asked = toDay(typedDateSpan('week', when, now).start);
  }
  const journal = await openJournal(ctx);
  await assertReadable(journal);
  const firstDay = weekStartsOn(journal.settings.extra.weekStart);
  const weekOf = (day: CalendarDay) => toDay(startOfWeek(dayDate(day), { weekStartsOn: firstDay }));
  const worktree = look?.then((answer) => answer.worktree);
  const [{ entries: shared, skipped }, own, render] = await Promise.all([
    loadSummaries(journal.git, worktree),
    loadOwnPrivateSummaries(journal, slugsOf(journal.settings, journal.me.name)),
    renderContextFor(journal, undefined, forData),
  ]);
  const summaries = [...shared, ...own];
  const today = toDay(now);
  let start = weekOf(asked ?? today);
  if (asked === undefined) {
    // This week until it has a check-in; before that, the last week that had one.
    const checkinDays = summaries
      .filter((s) => s.type === 'checkin')
      .map((s) => dayOfEntry(s.date) ?? '')
      .filter((day) => day !== '' && day <= today)
      .sort();
    const last = checkinDays.at(-1);
    if (last !== undefined && last < start) start = weekOf(last);
  }
  const end = toDay(addDays(dayDate(start), 6));
  const items = [];
  const problems = [...skipped];
  for (const summary of summaries) {
    const day = dayOfEntry(summary.date);
    if (day === undefined || day < start || day > end) continue;
    try {
      const entry = await readEntryFile(journal.dir, summary);
      items.push({ entry, view: describeEntry(entry, summary.id, render) });
    } catch (error) {
      problems.push({ relPath: summary.relPath, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const explain = await explainSkipped(journal);
  return { week: buildWeek(items, journal.settings.partners, start, end), skipped: problems.map(explain) };
}
