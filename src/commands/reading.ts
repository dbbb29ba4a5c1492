import type { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import type { ReadingFilter } from '../journal/query.js';
import type { EntryFile, EntryProblem } from '../journal/read.js';
import { collect, commandContext, type CommandContext } from './context.js';

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
  /** every entry file, oldest first, by name */
  files: EntryFile[];
  filter: ReadingFilter;
  /** the command's own words for "found nothing" */
  nothingFound: (target: string) => UserError;
  limit?: number;
  /** reports a malformed file on stderr, once per file */
  report: (problem: EntryProblem) => void;
}

/** Validates the filters up front, so a typo fails clearly instead of silently finding nothing. */
export async function openReading(command: Command, given: ReadingOptions): Promise<Reading> {
  const options = { ...given, type: given.type ?? [], author: given.author ?? [], tag: given.tag ?? [] };
  const ctx = await commandContext(command);
  const limit = parseLimit(options.limit);
  const [{ openJournal, assertReadable }, { parseDateSpan, DATE_EXAMPLES }, { filterFor }, { partnerOf, validateTags }, { scanEntryFiles }, ui] = await Promise.all([
    import('../journal/journal.js'),
    import('../journal/dates.js'),
    import('../journal/query.js'),
    import('../journal/gratitude.js'),
    import('../journal/read.js'),
    import('../ui/output.js'),
  ]);
  const now = ctx.now();
  const span = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const parsed = parseDateSpan(text, now);
    if (!parsed) throw new UsageError(`${flag} does not understand "${text}".`, `Use a date or a phrase, e.g. ${DATE_EXAMPLES}.`);
    return parsed;
  };
  const since = span('--since', options.since)?.start;
  const until = span('--until', options.until)?.end;
  if (since && until && since > until) throw new UsageError(`--since ${options.since} is after --until ${options.until}.`, 'Swap them.');
  const tagProblem = validateTags(options.tag);
  if (tagProblem) throw new UsageError(tagProblem, 'For example: --tag home');
  for (const name of options.author) if (name.trim() === '') throw new UsageError('--author needs a name.', 'For example: --author Jordan');
  for (const type of options.type) if (type.trim() === '') throw new UsageError('--type needs a type.', 'For example: --type gratitude');

  const journal = await openJournal(ctx);
  await assertReadable(journal);
  const authorNames = [...options.author];
  if (options.mine) authorNames.push(journal.me.name);
  if (options.partner) {
    const partner = partnerOf(journal);
    if (!partner) {
      throw new UserError('--partner needs a journal with exactly two partners in intimacy.yaml.', 'Use --author NAME instead, or list both partners in intimacy.yaml.');
    }
    authorNames.push(partner);
  }
  const filter = filterFor({ typeNames: options.type, authorNames, tags: options.tag.map((t) => t.trim()), since, until, onThisDay: options.onThisDay ? now : undefined });

  const reported = new Set<string>();
  const report = (problem: EntryProblem) => {
    if (reported.has(problem.relPath)) return;
    reported.add(problem.relPath);
    ui.warn(`skipped ${problem.relPath}: ${problem.reason}`);
  };
  const scan = await scanEntryFiles(journal.dir);
  // Private entries stay on this computer, and only their author sees them here.
  const { PRIVATE_ENTRIES, isPrivatePath } = await import('../journal/private.js');
  const { slugify } = await import('../journal/naming.js');
  const mine = slugify(journal.me.name);
  const privateScan = await scanEntryFiles(journal.dir, PRIVATE_ENTRIES);
  const ownPrivate = privateScan.files.filter((file) => file.authorSlug === mine && isPrivatePath(file.relPath));
  if (ownPrivate.length > 0) scan.files = [...scan.files, ...ownPrivate].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const stray of scan.strays) report(stray);
  const nothingFound = (target: string) =>
    scan.files.length === 0
      ? new UserError('The journal has no entries yet.', 'Write one, e.g. intimacy gratitude "…".')
      : new UserError(`No entry matches "${target}".`, 'List entries with intimacy log.');
  return { ctx, journal, files: scan.files, filter, limit, report, nothingFound };
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`-n takes a whole number of entries, at least 1: "${text}".`, 'For example: -n 20');
  return Number(text);
}
