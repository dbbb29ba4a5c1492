import { refuseInvalid, UsageError, UserError } from '../errors.js';
import type { Git } from '../git/git.js';
import { type Journal, openJournal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { validateTags } from '../journal/tags.js';
import { typedDateSpan } from '../reading/dates.js';
import type { FolderTest } from '../reading/folder-range.js';
import { journalWalk } from '../reading/journal-walk.js';
import { filterFor, foldersFor, type ReadingFilter } from '../reading/query.js';
import { type ReadEntry, selectEntries } from '../reading/select.js';
import type { EntryWalk } from '../reading/walk.js';
import { assertReadable } from '../store/encryption-state.js';
import type { EntryFile, EntryProblem } from '../store/entry-folders.js';
import { findMisnamed } from '../store/misnamed.js';
import { inline, warn } from '../ui/output.js';
import type { CommandContext } from './context.js';
import { explainSkipped } from './encrypted-entries.js';
import { assertKnownTypes } from './known-types.js';

/** The reading filters as given on the command line (commands/reading-options.ts declares them). */
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
  /** the entries are printed as data (--json): their authors as written (see ReadingFilter) */
  forData?: boolean;
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
  /** the entries that pass the filter (and the limit), newest first; malformed files are reported */
  select: () => Promise<ReadEntry[]>;
  filter: ReadingFilter;
  /** the command's own words for "found nothing" */
  nothingFound: (target: string) => Promise<UserError>;
  limit?: number;
  /** reports a malformed file on stderr, once per file */
  report: (problem: EntryProblem) => void;
  /** a malformed file's problem in the words report uses (a file left encrypted: damaged, or no key) */
  explain: (problem: EntryProblem) => EntryProblem;
}

/**
 * Validates the filters up front, so a typo fails clearly instead of silently finding nothing.
 * `early` starts work that needs only the journal's git (grep's git search), so that it runs
 * while the journal is opened.
 */
export async function openReading(
  ctx: CommandContext,
  given: ReadingOptions,
  early?: (git: Git) => void,
): Promise<Reading> {
  const options = { ...given, type: given.type ?? [], author: given.author ?? [], tag: given.tag ?? [] };
  early?.(ctx.git);
  const limit = parseLimit(options.limit);
  const now = ctx.now();
  const span = (flag: string, text: string | undefined) =>
    text === undefined ? undefined : typedDateSpan(flag, text, now);
  const since = span('--since', options.since)?.start;
  const until = span('--until', options.until)?.end;
  if (since && until && since > until)
    throw new UsageError(`--since ${options.since} is after --until ${options.until}.`, 'Swap them.');
  refuseInvalid(validateTags(options.tag), 'For example: --tag home');
  for (const name of options.author)
    if (name.trim() === '') throw new UsageError('--author needs a name.', 'For example: --author Jordan');
  for (const type of options.type)
    if (type.trim() === '') throw new UsageError('--type needs a type.', 'For example: --type gratitude');

  // Problems found before the journal is known to be readable wait, so an error comes alone.
  const reported = new Set<string>();
  let held: EntryProblem[] | undefined = [];
  let explain = (problem: EntryProblem) => problem;
  const report = (problem: EntryProblem) => {
    if (held) return void held.push(problem);
    if (reported.has(problem.relPath)) return;
    reported.add(problem.relPath);
    const { relPath, reason } = explain(problem);
    warn(`skipped ${inline(relPath)}: ${inline(reason)}`);
  };
  // A filter by type or author picks files by their names first; the few whose names disagree
  // with their front matter (store/misnamed.ts) are found in the front matter cache, read while
  // the journal is opened. Without such a filter the names' type and author are never used.
  const misnaming =
    options.type.length > 0 || options.author.length > 0 || options.mine === true || options.partner === true
      ? findMisnamed(ctx.git)
      : undefined;
  // The folders are listed while git tells who is reading (openJournal runs `git config`).
  const opening = openJournal(ctx);
  const walk = journalWalk(ctx.dir, opening, report);
  const folders = foldersFor(since, until);
  walk.warmUp(folders);
  const journal = await opening;
  await assertReadable(journal);
  explain = await explainSkipped(journal);
  const waiting = held;
  held = undefined;
  for (const problem of waiting) report(problem);
  const misnamed = await misnaming;
  await assertKnownTypes(journal.dir, walk, options.type, misnamed);

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
    people: journal.settings,
    typeNames: options.type,
    authorNames,
    tags: options.tag.map((t) => t.trim()),
    since,
    until,
    onThisDay: options.onThisDay ? now : undefined,
    ...(misnamed ? { misnamed } : {}),
    ...(options.forData ? { forData: true } : {}),
  });
  const nothingFound = async (target: string) =>
    (await walk.isEmpty())
      ? new UserError('The journal has no entries yet.', 'Write one, e.g. intimacy gratitude "…".')
      : new UserError(`No entry matches "${target}".`, 'List entries with intimacy log.');
  const files = () => walk.newestFirst(folders);
  const select = async () => {
    const { entries, problems } = await selectEntries(journal.dir, files(), filter, limit);
    for (const problem of problems) report(problem);
    return entries;
  };
  return { ctx, journal, walk, folders, files, select, filter, limit, report, explain, nothingFound };
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new UsageError(`-n takes a whole number of entries, at least 1: "${text}".`, 'For example: -n 20');
  return Number(text);
}
