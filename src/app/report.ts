import type { Journal } from '../journal/journal.js';
import type { ReadEntry } from '../reading/select.js';
import { readRituals, weekStartsOn } from '../rituals/definitions.js';
import { dayOfEntry, earlierDay, laterDay, toDay } from '../rituals/periods.js';
import { summarizePeriod } from '../rituals/summary.js';
import { firstDayOf } from '../rituals/trends.js';
import { slugsOf } from '../store/authors.js';
import { loadOwnPrivateSummaries } from '../store/private.js';
import { type EntrySummary, loadSummaries } from '../store/summaries.js';
import { headingOf } from '../templates/answers.js';
import { humanType } from '../ui/entry-view.js';
import { describeEntry } from '../ui/render/describe.js';
import type { RenderContext } from '../ui/render/view.js';
import type { ReportInput } from '../ui/report/page.js';

/*
 * Everything the HTML report shows: the chosen entries as views, and the summary of their
 * period (which also looks at the rest of the journal: how a promise went is said at the next
 * check-in, and rituals are kept or not by every entry).
 */

export interface ReportRequest {
  journal: Journal;
  /** oldest first */
  chosen: ReadEntry[];
  render: RenderContext;
  /** the --since / --until the entries were chosen by, if any */
  since?: Date;
  until?: Date;
  now: Date;
  title: string;
}

export async function buildReport(request: ReportRequest): Promise<ReportInput> {
  const { journal, render } = request;
  const nameOf = render.nameOf ?? ((name: string) => name);
  const { entries: shared } = await loadSummaries(journal.git);
  const all = [...shared, ...(await loadOwnPrivateSummaries(journal, slugsOf(journal.settings, journal.me.name)))].map(
    (e) => ({ ...e, author: nameOf(e.author) }),
  );
  const chosen: EntrySummary[] = request.chosen.map(({ file, entry }) => ({
    id: file.id,
    relPath: file.relPath,
    type: entry.type,
    author: nameOf(entry.author),
    date: entry.date,
    tags: entry.tags,
    fields: entry.fields,
  }));
  const today = toDay(request.now);
  const firstChosen = firstDayOf(chosen) ?? today;
  const journalStart = firstDayOf(all) ?? firstChosen;
  const asked = request.since ? toDay(request.since) : firstChosen;
  const from = laterDay(asked, journalStart);
  const lastChosen = chosen.reduce((last, e) => laterDay(dayOfEntry(e.date) ?? last, last), from);
  const askedTo = request.until ? toDay(request.until) : request.since ? today : lastChosen;
  // Days after both today and the last entry chosen hold nothing to summarize; the summary
  // walks its days, and a typed --until 2999-12-31 would cost a thousand years of them.
  const to = earlierDay(askedTo, laterDay(today, lastChosen));
  const start = weekStartsOn(journal.settings.extra.weekStart);
  const summary = summarizePeriod({
    chosen,
    all,
    partners: journal.settings.partners,
    rituals: readRituals(journal.settings.extra.rituals).rituals,
    from,
    to: laterDay(to, from),
    today,
    weekStartsOn: start,
  });
  const checkin = [...render.templates.values()].find((t) => t.name === 'checkin' && t.type === 'checkin');
  const dimensions = new Map(
    (checkin?.questions ?? []).filter((q) => q.type === 'rating').map((q) => [q.id, headingOf(q)]),
  );
  const titles = new Map<string, string>();
  for (const template of render.templates.values())
    if (!titles.has(template.type)) titles.set(template.type, template.title);
  titles.set('checkin', checkin?.title ?? 'Weekly check-in');
  return {
    title: request.title,
    generatedAt: request.now,
    views: request.chosen.map(({ file, entry }) => describeEntry(entry, file.id, render)),
    summary,
    weekStartsOn: start,
    words: {
      dimensionLabel: (dimension) => dimensions.get(dimension) ?? humanType(dimension),
      typeTitle: (type) => titles.get(type) ?? humanType(type),
    },
  };
}
