import type { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import type { Git } from '../git/git.js';
import type { Journal } from '../journal/journal.js';
import type { FolderTest } from '../reading/folder-range.js';
import type { ReadingFilter } from '../reading/query.js';
import type { EntryWalk } from '../reading/walk.js';
import type { EntryFile, EntryProblem } from '../store/entry-folders.js';
import { type CommandContext, collect, commandContext } from './context.js';

/**
 * The reading filters, declared once so log, show, grep, edit and export accept exactly the
 * same options with the same meaning.
 */
export interface ReadingOptions {
  type?: string[];
  author?: string[];
  mine?: boolean;
  partner?: boolean;
  tag?: string[];
  since?: string;
  until?: string;
  limit?: string;
  onThisDay?: boolean;
}

export function addReadingFilters(command: Command): Command {
  return command
    .option('--type <type>', 'only entries of this type, e.g. gratitude (repeatable)', collect)
    .option('--author <name>', 'only entries written by NAME (repeatable)', collect)
    .option('--mine', 'only entries you wrote')
    .option('--partner', 'only entries your partner wrote')
    .option('--tag <tag>', 'only entries with this tag (repeatable: any of them)', collect)
    .option('--since <when>', 'from this date on: 2026-11-01, yesterday, last week, 3 months ago…')
    .option('--until <when>', 'up to this date (inclusive): 2026-11-30, yesterday, last month…')
    .option('-n, --limit <n>', 'at most N entries, the newest')
    .option('--on-this-day', 'only entries written on this day of the year in earlier years');
}

export interface Reading {
  ctx: CommandContext;
  journal: Journal;
  /** the journal's entry files (shared, and the reader's own private ones), listed as they are read */
  walk: EntryWalk;
  /** the folders the filter's dates allow */
  folders: FolderTest;
  /** the files in those folders, newest first by id */
  files: () => AsyncGenerator<EntryFile>;
  filter: ReadingFilter;
  /** the command's own words for "found nothing" */
  nothingFound: (target: string) => Promise<UserError>;
  limit?: number;
  /** reports a malformed file on stderr, once per file */
  report: (problem: EntryProblem) => void;
}

/**
 * Validates the filters up front, so a typo fails clearly instead of silently finding nothing.
 * `early` starts work that needs only the journal's git (grep's git search), so that it runs
 * while the journal is opened.
 */
export async function openReading(
  command: Command,
  given: ReadingOptions,
  early?: (git: Git) => void,
): Promise<Reading> {
  const options = { ...given, type: given.type ?? [], author: given.author ?? [], tag: given.tag ?? [] };
  const dated = options.since !== undefined || options.until !== undefined;
  // The context first, alone: it starts git for the journal's folder, which then runs while
  // these load (started beside them, git would wait for all of them to load).
  const ctx = await commandContext(command);
  const modules = Promise.all([
    import('../journal/journal.js'),
    import('../store/encryption-state.js'),
    // The date parser (and date-fns) loads only when a date is given.
    dated ? import('../reading/dates.js') : undefined,
    import('../reading/query.js'),
    import('../journal/partners.js'),
    import('../journal/tags.js'),
    import('../reading/journal-walk.js'),
    import('../ui/output.js'),
  ]);
  early?.(ctx.git);
  const limit = parseLimit(options.limit);
  const [
    { openJournal },
    { assertReadable },
    dates,
    { filterFor, foldersBetweenDates },
    { partnerOf },
    { validateTags },
    { journalWalk },
    ui,
  ] = await modules;
  const now = ctx.now();
  const span = (flag: string, text: string | undefined) => {
    if (text === undefined || !dates) return undefined;
    const parsed = dates.parseDateSpan(text, now);
    if (!parsed)
      throw new UsageError(
        `${flag} does not understand "${text}".`,
        `Use a date or a phrase, e.g. ${dates.DATE_EXAMPLES}.`,
      );
    return parsed;
  };
  const since = span('--since', options.since)?.start;
  const until = span('--until', options.until)?.end;
  if (since && until && since > until)
    throw new UsageError(`--since ${options.since} is after --until ${options.until}.`, 'Swap them.');
  const tagProblem = validateTags(options.tag);
  if (tagProblem) throw new UsageError(tagProblem, 'For example: --tag home');
  for (const name of options.author)
    if (name.trim() === '') throw new UsageError('--author needs a name.', 'For example: --author Jordan');
  for (const type of options.type)
    if (type.trim() === '') throw new UsageError('--type needs a type.', 'For example: --type gratitude');

  // Problems found before the journal is known to be readable wait, so an error comes alone.
  const reported = new Set<string>();
  let held: EntryProblem[] | undefined = [];
  const report = (problem: EntryProblem) => {
    if (held) return void held.push(problem);
    if (reported.has(problem.relPath)) return;
    reported.add(problem.relPath);
    ui.warn(`skipped ${problem.relPath}: ${problem.reason}`);
  };
  // The folders are listed while git tells who is reading (openJournal runs `git config`).
  const opening = openJournal(ctx);
  const walk = journalWalk(ctx.dir, opening, report);
  const folders = foldersBetweenDates(since, until);
  walk.warmUp(folders);
  const journal = await opening;
  await assertReadable(journal);
  const waiting = held;
  held = undefined;
  waiting.forEach(report);

  const authorNames = [...options.author];
  if (options.mine) authorNames.push(journal.me.name);
  if (options.partner) {
    const partner = partnerOf(journal);
    if (!partner) {
      throw new UserError(
        '--partner needs a journal with exactly two partners in intimacy.yaml.',
        'Use --author NAME instead, or list both partners in intimacy.yaml.',
      );
    }
    authorNames.push(partner);
  }
  const filter = filterFor({
    typeNames: options.type,
    authorNames,
    tags: options.tag.map((t) => t.trim()),
    since,
    until,
    onThisDay: options.onThisDay ? now : undefined,
  });
  const nothingFound = async (target: string) =>
    (await walk.isEmpty())
      ? new UserError('The journal has no entries yet.', 'Write one, e.g. intimacy gratitude "…".')
      : new UserError(`No entry matches "${target}".`, 'List entries with intimacy log.');
  return { ctx, journal, walk, folders, files: () => walk.newestFirst(folders), filter, limit, report, nothingFound };
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new UsageError(`-n takes a whole number of entries, at least 1: "${text}".`, 'For example: -n 20');
  return Number(text);
}
