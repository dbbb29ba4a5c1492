import { addYears, differenceInCalendarDays, setYear } from 'date-fns';
import { characterEnd } from '../columns.js';
import { authorAsWritten, authorName, type People, slugsOf } from '../store/authors.js';
import type { Entry } from '../store/entry.js';
import type { EntryFile } from '../store/entry-folders.js';
import { type Misnamed, namedParts } from '../store/misnamed.js';
import { ENTRIES_DIR, slugify } from '../store/naming.js';
import { type FolderTest, foldersBetween } from './folder-range.js';

/**
 * Which entries a reading command looks at. Pure: decided twice, first from the file name
 * alone (so files that cannot match are never opened) and then from the parsed entry.
 * Within one option any value matches (--type a --type b); different options all apply.
 */
export interface ReadingFilter {
  /** type slugs */
  types: string[];
  /** author slugs */
  authors: string[];
  tags: string[];
  since?: Date;
  until?: Date;
  /** same local month and day as this date, in earlier years */
  onThisDay?: Date;
  /** the journal's partners and their earlier names: entries are read as written by the partner they stand for */
  people?: People;
  /**
   * The shared files whose names disagree with their front matter (store/misnamed.ts): for
   * them the name test uses the front matter's type and author. Looked up only when the filter
   * has types or authors, the one case the name's are used.
   */
  misnamed?: Misnamed;
  /** entries read as data (--json): authors as written, not escaped for a listing (authorAsWritten) */
  forData?: boolean;
  /** a further test of the entry as its file has it, authors not yet named (e.g. one a reply can answer): false leaves it out */
  accept?: (entry: Entry) => boolean;
}

/** The stamp in a name is the writing moment; a hand-edited date may differ a little. */
const SLACK_MS = 24 * 60 * 60 * 1000;

export function filterFor(
  input: Partial<ReadingFilter> & { typeNames?: string[]; authorNames?: string[] },
): ReadingFilter {
  const misnamed = input.misnamed;
  // A partner's earlier names are theirs too: files named after them pass --author PARTNER.
  const people = input.people;
  const slugsOfName = (name: string) => (people ? slugsOf(people, name) : [slugify(name)]);
  return {
    types: [...(input.types ?? []), ...(input.typeNames ?? []).map((t) => slugify(t, 'entry'))],
    authors: [...new Set([...(input.authors ?? []), ...(input.authorNames ?? []).flatMap(slugsOfName)])],
    tags: input.tags ?? [],
    since: input.since,
    until: input.until,
    onThisDay: input.onThisDay,
    ...(people ? { people } : {}),
    ...(misnamed ? { misnamed } : {}),
    ...(input.forData ? { forData: true } : {}),
  };
}

/** The entry as the reader sees it: written by the partner its author's name stands for now (as data, or for a listing). */
export function asRead(entry: Entry, filter: Pick<ReadingFilter, 'people' | 'forData'>): Entry {
  if (!filter.people) return entry;
  const author = (filter.forData ? authorAsWritten : authorName)(filter.people, entry.author);
  return author === entry.author ? entry : { ...entry, author };
}

/** The dated folders that can hold a file nameMayMatch lets through (by --since/--until). */
export function foldersFor(since: Date | undefined, until: Date | undefined): FolderTest {
  return foldersBetween(since, until, SLACK_MS);
}

/**
 * Could this file match, judging by its name only? Errs on the side of yes: a name is a claim
 * about the front matter, and the front matter decides (entryMatches). A shared file whose name
 * disagrees with its front matter is judged by the front matter (`filter.misnamed`); a private
 * file (this computer's own, which the cache does not hold) is never refused for its type or
 * author, which only a hand edit can have made disagree with its name.
 */
export function nameMayMatch(
  file: Pick<EntryFile, 'typeSlug' | 'authorSlug' | 'time' | 'relPath'>,
  filter: ReadingFilter,
): boolean {
  if (filter.types.length > 0 || filter.authors.length > 0) {
    const shared = file.relPath.startsWith(`${ENTRIES_DIR}/`);
    const { typeSlug, authorSlug } = namedParts(file, filter.misnamed);
    if (shared && filter.types.length > 0 && !filter.types.includes(typeSlug)) return false;
    if (shared && filter.authors.length > 0 && !filter.authors.includes(authorSlug)) return false;
  }
  // The name's Date is made only for a filter of dates: a whole log passes every name through here.
  if (filter.since && file.time.getTime() < filter.since.getTime() - SLACK_MS) return false;
  if (filter.until && file.time.getTime() > filter.until.getTime() + SLACK_MS) return false;
  if (filter.onThisDay) {
    const day = filter.onThisDay;
    if (file.time.getFullYear() > day.getFullYear()) return false;
    // Nearest anniversary of `day` in the file's year (or around new year), within a day or two.
    const near = [-1, 0, 1].some(
      (shift) =>
        Math.abs(differenceInCalendarDays(file.time, addYears(setYear(day, file.time.getFullYear()), shift))) <= 1,
    );
    if (!near) return false;
  }
  return true;
}

/** The exact decision, on the parsed entry. */
export function entryMatches(entry: Entry, filter: ReadingFilter): boolean {
  if (filter.types.length > 0 && !filter.types.includes(slugify(entry.type, 'entry'))) return false;
  // By the name as written: a listing's escapes ("\\u0410lex") are no name anyone typed.
  if (
    filter.authors.length > 0 &&
    !filter.authors.includes(slugify(filter.people ? authorAsWritten(filter.people, entry.author) : entry.author))
  )
    return false;
  if (filter.tags.length > 0 && !entry.tags.some((tag) => filter.tags.some((wanted) => sameTag(tag, wanted))))
    return false;
  const when = entryInstant(entry);
  if (filter.since && when < filter.since.getTime()) return false;
  if (filter.until && when > filter.until.getTime()) return false;
  if (filter.onThisDay) {
    const date = new Date(when);
    const day = filter.onThisDay;
    if (
      date.getFullYear() >= day.getFullYear() ||
      date.getMonth() !== day.getMonth() ||
      date.getDate() !== day.getDate()
    )
      return false;
  }
  return filter.accept === undefined || filter.accept(entry);
}

function sameTag(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/** The moment an entry was written, whatever zone it was written in. */
export function entryInstant(entry: Pick<Entry, 'date'>): number {
  return Date.parse(entry.date);
}

/** Newest first by the instant in `date`; the id breaks ties so the order is stable. */
export function newestFirst<T extends { entry: Pick<Entry, 'date'>; file: { id: string } }>(a: T, b: T): number {
  return laterFirst(entryInstant(a.entry), a.file.id, entryInstant(b.entry), b.file.id);
}

function laterFirst(a: number, aId: string, b: number, bId: string): number {
  const diff = b - a;
  if (diff !== 0) return diff;
  return aId < bId ? 1 : aId > bId ? -1 : 0;
}

/**
 * Sorts `items` as newestFirst does, reading each date once: a sort compares each item about
 * log2(n) times, and parsing the date at every comparison was most of the sorting of a whole log.
 */
export function sortNewestFirst<T extends { entry: Pick<Entry, 'date'>; file: { id: string } }>(items: T[]): T[] {
  const keyed = items.map((item) => ({ item, at: entryInstant(item.entry) }));
  keyed.sort((a, b) => laterFirst(a.at, a.item.file.id, b.at, b.item.file.id));
  for (let i = 0; i < keyed.length; i++) items[i] = keyed[i]!.item;
  return items;
}

/**
 * With -n N, files are read newest name first; once N match, a file whose stamp is more than
 * the slack older than the oldest one kept cannot outrank it, so reading stops there.
 */
export function canStopReading(file: Pick<EntryFile, 'time'>, oldestKept: number): boolean {
  return file.time.getTime() < oldestKept - SLACK_MS;
}

export type Resolution<T> = { kind: 'one'; file: T } | { kind: 'none' } | { kind: 'ambiguous'; candidates: T[] };

/** Finds an entry by its id or a unique prefix of it (case does not matter). */
export function resolveIdPrefix<T extends { id: string }>(prefix: string, files: T[]): Resolution<T> {
  const wanted = idPrefixOf(prefix);
  if (wanted === '') return { kind: 'none' };
  // An id typed exactly as it is spelled is that entry, even beside one that differs only in case.
  const typed = prefix.trim().replace(/\.md$/, '');
  const spelled = files.find((file) => file.id === typed);
  if (spelled) return { kind: 'one', file: spelled };
  const exact = files.find((file) => idPrefixOf(file.id) === wanted);
  if (exact) return { kind: 'one', file: exact };
  const candidates = files.filter((file) => idPrefixOf(file.id).startsWith(wanted));
  if (candidates.length === 1 && candidates[0]) return { kind: 'one', file: candidates[0] };
  if (candidates.length === 0) return { kind: 'none' };
  return { kind: 'ambiguous', candidates };
}

/**
 * What resolveIdPrefix compares ids with: case does not matter, a trailing .md is allowed, and a
 * letter typed composed matches the same letter in a file name, where names are decomposed
 * (NFKD: 최 typed at a keyboard is ᄎ ᅬ in the file name).
 */
export function idPrefixOf(text: string): string {
  const trimmed = text.trim();
  return (/^[\x00-\x7f]*$/.test(trimmed) ? trimmed : trimmed.normalize('NFKD')).toLowerCase().replace(/\.md$/, '');
}

/**
 * The shortest prefix (at least `min` characters) that finds each id again, as git shortens
 * hashes. An id that is also the start of another (`…-alex` and `…-alex-2`) is found by
 * being typed whole.
 */
export function shortIds(ids: string[], min = 11): Map<string, string> {
  const sorted = [...ids].sort();
  const result = new Map<string, string>();
  for (const [i, id] of sorted.entries()) result.set(id, shortBetween(id, sorted[i - 1], sorted[i + 1], min));
  return result;
}

/**
 * What shortIds gives `id` (which is one of `ids`), found from its two neighbours in sorted
 * order without sorting, so each line of a listing can be shortened as it is printed.
 */
export function shortIdAmong(id: string, ids: Iterable<string>, min = 11): string {
  let before: string | undefined;
  let after: string | undefined;
  let copies = 0;
  for (const other of ids) {
    if (other === id) copies++;
    else if (other < id) before = before === undefined || other > before ? other : before;
    else after = after === undefined || other < after ? other : after;
  }
  // The same id twice (a shared and a private entry) is its own neighbour: shortIds keeps it whole.
  return shortBetween(id, copies > 1 ? id : before, after, min);
}

/**
 * shortIdAmong for ids sorted as strings (Array.prototype.sort's order, which is `<`'s): the
 * neighbours are found by halving, so each of many hits in one folder costs a few comparisons.
 */
export function shortIdInSorted(id: string, sorted: readonly string[], min = 11): string {
  return shortIdInSortedLists(id, [sorted], min);
}

/**
 * shortIdInSorted for ids given as several lists, each sorted: each is halved, none merged.
 * grep shortens each hit among its folder's ids and the next folders' on either side; merging
 * and sorting those hundreds of ids for a hit or two, in code node has not yet optimised, was
 * a tenth of a rare word's search.
 */
export function shortIdInSortedLists(id: string, lists: ReadonlyArray<readonly string[]>, min = 11): string {
  let before: string | undefined;
  let after: string | undefined;
  let copies = 0;
  for (const sorted of lists) {
    const from = firstAtLeast(sorted, id, false);
    const to = firstAtLeast(sorted, id, true);
    copies += to - from;
    const below = sorted[from - 1];
    if (below !== undefined && (before === undefined || below > before)) before = below;
    const above = sorted[to];
    if (above !== undefined && (after === undefined || above < after)) after = above;
  }
  // The same id twice (a shared and a private entry) is its own neighbour: shortIds keeps it whole.
  return shortBetween(id, copies > 1 ? id : before, after, min);
}

/** The first index of `sorted` whose id is not below `id` (with `past`: not below or equal). */
function firstAtLeast(sorted: readonly string[], id: string, past: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = sorted[mid]!;
    if (other < id || (past && other === id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * shortIdInSorted for every line of a long listing: each id's place in `sorted` is found once,
 * from a map made in one pass, instead of by halving for each line.
 */
export function shortIdsInSorted(sorted: readonly string[], min = 11): (id: string) => string {
  const firstAt = new Map<string, number>();
  for (let i = sorted.length - 1; i >= 0; i--) firstAt.set(sorted[i]!, i);
  return (id) => {
    const from = firstAt.get(id);
    if (from === undefined) return shortIdInSorted(id, sorted, min);
    let to = from + 1;
    while (sorted[to] === id) to++;
    return shortBetween(id, to - from > 1 ? id : sorted[from - 1], sorted[to], min);
  };
}

function shortBetween(id: string, before = '', after = '', min: number): string {
  // By character code: indexing a string makes a string of each character, once per line of a whole log.
  const common = (other: string) => {
    let n = 0;
    while (n < id.length && id.charCodeAt(n) === other.charCodeAt(n)) n++;
    return n;
  };
  let length = Math.max(min, Math.min(Math.max(common(before), common(after)) + 1, id.length));
  // A prefix never ends on a separator ("…-date-alex-"): it reads as cut off, so take one more.
  while (length < id.length && (id[length - 1] === '-' || id[length - 1] === '_')) length++;
  // Nor inside a character as the screen shows it: half a surrogate pair prints as U+FFFD, and
  // a name's Hangul syllable is its letters apart in a file name (NFD), each a code of its own.
  return id.slice(0, /^[\x00-\x7f]*$/.test(id) ? length : characterEnd(id, length));
}

/** Does the argument look like an id (or a prefix of one) rather than a date? */
export function looksLikeId(text: string): boolean {
  return /^\d+$|^\d{8}T/i.test(text.trim());
}
