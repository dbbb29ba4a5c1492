import { startOfWeek } from 'date-fns';
import type { Journal } from '../journal/journal.js';
import { weekStartsOn } from '../rituals/definitions.js';
import { dayDate, dayOfEntry, toDay } from '../rituals/periods.js';
import { authorName, slugsOf } from '../store/authors.js';
import { listEntryFiles, readEntryFile } from '../store/entry-files.js';
import { slugify } from '../store/naming.js';
import { commitmentsIn, NO_PREVIOUS, type RunContext } from '../templates/answers.js';
import type { Template } from '../templates/schema.js';

/**
 * What the author promised last time they ran this template (last week's check-in), so this
 * run can look back at it. "Last time" is the latest calendar week before this one in which
 * they ran it, and its promises are those of every run of that week: a second check-in of a
 * week that promised nothing keeps the first one's promise for the next review, and a second
 * check-in in this week looks back at what the first did, not at the promise made just now.
 * The author counts under any of their names (an alias from before a rename counts).
 */
export async function lookBackFor(
  journal: Pick<Journal, 'dir' | 'settings'> | undefined,
  template: Template,
  author: string,
  now: Date,
): Promise<RunContext> {
  if (!journal) return NO_PREVIOUS;
  const { settings } = journal;
  const typeSlug = slugify(template.type, 'entry');
  const names = new Set(slugsOf(settings, author));
  const firstDay = weekStartsOn(settings.extra.weekStart);
  const weekOf = (day: string) => toDay(startOfWeek(dayDate(day), { weekStartsOn: firstDay }));
  const thisWeek = toDay(startOfWeek(now, { weekStartsOn: firstDay }));
  const files = (await listEntryFiles(journal.dir)).filter((f) => f.typeSlug === typeSlug && names.has(f.authorSlug));
  let week: string | undefined;
  const promised: string[][] = [];
  for (const file of files.reverse()) {
    try {
      const entry = await readEntryFile(journal.dir, file);
      if (authorName(settings, entry.author) !== authorName(settings, author)) continue;
      if (entry.fields.template !== undefined && entry.fields.template !== template.name) continue;
      const day = dayOfEntry(entry.date);
      if (!day || weekOf(day) >= thisWeek) continue;
      if (week === undefined) week = weekOf(day);
      else if (weekOf(day) !== week) break;
      promised.unshift(commitmentsIn(entry));
    } catch {
      // A hand-broken entry should not block tonight's check-in; look further back.
    }
  }
  return { previousCommitments: [...new Set(promised.flat())] };
}
