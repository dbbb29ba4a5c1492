import { PatternError, UsageError } from '../errors.js';
import { keepYoungGenerationSmall } from '../heap.js';
import { plural } from '../plural.js';
import { type Entry, parseEntry, splitFrontMatter } from '../store/entry.js';
import { problemOf, readEntryText, readEntryTextNow } from '../store/entry-files.js';
import type { EntryFile, EntryProblem } from '../store/entry-folders.js';
import { elapsedMs } from '../timer.js';
import { needsTimeLimit, TOO_SLOW, withinTime } from './pattern-time.js';
import { asRead, entryMatches, type ReadingFilter } from './query.js';
import { type EntryFiles, namesMayMatch, readAhead } from './select.js';

/** What `grep` looks for: built once from the pattern and flags. */
export interface SearchPattern {
  source: string;
  fixed: boolean;
  ignoreCase: boolean;
}

export function compilePattern(pattern: SearchPattern): RegExp {
  const source = pattern.fixed ? pattern.source.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : pattern.source;
  try {
    const regex = new RegExp(source, `g${pattern.ignoreCase ? 'i' : ''}u`);
    // V8 compiles a pattern on its first use, and only then finds it too large (or too deep) to
    // run: one use here makes that the pattern's error, before any file is read.
    regex.test('');
    regex.lastIndex = 0;
    return regex;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // What V8 cannot build (too large, nested too deep) is no mistake of syntax, and -F meets it too.
    if (pattern.fixed || !(error instanceof SyntaxError) || /too large|stack overflow/i.test(message))
      throw new UsageError(
        `The pattern is too long or nested too deeply to search for (${plural(pattern.source.length, 'character')}).`,
        'Search for a shorter part of it.',
      );
    throw new PatternError(pattern.source, message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ''));
  }
}

/** One matching line of a body; `ranges` are [start, end) offsets of each match in `text`. */
export interface LineMatch {
  /** 1-based line number in the body */
  line: number;
  text: string;
  ranges: Array<[number, number]>;
  /** the line before and after, when they exist, for context */
  before?: string;
  after?: string;
}

/** Every line of the body that matches, with one line of context each side. */
export function matchLines(body: string, regex: RegExp): LineMatch[] {
  const lines = body.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const found: LineMatch[] = [];
  lines.forEach((text, index) => {
    const ranges: Array<[number, number]> = [];
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0] === '') {
        regex.lastIndex++; // an empty match (e.g. ^) still marks the line; move on
        if (regex.lastIndex > text.length) break;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
    regex.lastIndex = 0;
    if (ranges.length === 0 && !regex.test(text)) return;
    regex.lastIndex = 0;
    found.push({
      line: index + 1,
      text,
      ranges,
      before: index > 0 ? lines[index - 1] : undefined,
      after: lines[index + 1],
    });
  });
  return found;
}

export interface SearchHit {
  file: EntryFile;
  entry: Entry;
  matches: LineMatch[];
}

export type SearchEvent = { kind: 'hit'; hit: SearchHit } | { kind: 'problem'; problem: EntryProblem };

/** After this many files read, a search is one of most of the journal (see searchEntries). */
const MANY_READS = 500;

/** Files a timed search looks through at once: each timed run costs a watchdog's start. */
const TIMED_BATCH = 256;

/** Text a timed batch holds at most (its files are read before it is timed). */
const TIMED_BATCH_BYTES = 8 * 1024 * 1024;

/** Longer than this on one batch, a pattern is backtracking without end (pattern-time.ts). */
const BATCH_MS = 2_000;

/** The most a search with such a pattern may take in all (many entries each just under BATCH_MS). */
const SEARCH_MS = 20_000;

/** What searchEntries looks for: the compiled pattern, and the pattern as typed. */
export interface CompiledSearch {
  regex: RegExp;
  pattern: SearchPattern;
  /** the time limits of a pattern that can backtrack: BATCH_MS and SEARCH_MS unless given (tests) */
  limits?: { batchMs: number; searchMs: number };
}

/**
 * Streams through the candidate files newest first (given newest first), a few at a time. A
 * file whose text does not match at all is never parsed; only files that match are parsed, to
 * apply the filters and find the lines (in the body: front matter is for filters, not for
 * searching). A pattern that can backtrack is run on batches of files under a time limit, so
 * one hostile line ends the search with a usage error instead of hanging it.
 */
export async function* searchEntries(
  journalDir: string,
  files: EntryFiles,
  filter: ReadingFilter,
  { regex, pattern, limits = { batchMs: BATCH_MS, searchMs: SEARCH_MS } }: CompiledSearch,
  limit?: number,
): AsyncGenerator<SearchEvent> {
  const candidates = namesMayMatch(files, filter);
  // Each folder on the way is checked (no link, no file in its place) once, not once a hit.
  const checked = new Set<string>();
  const read = (file: EntryFile) => readEntryText(journalDir, file, checked);
  const events = needsTimeLimit(pattern)
    ? siftedInTime(candidates, (file) => readEntryTextNow(journalDir, file, checked), regex, filter, pattern, limits)
    : sifted(readAhead(candidates, read, 16), regex, filter);
  let hits = 0;
  for await (const event of events) {
    if (event === undefined) continue;
    yield event;
    if (event.kind === 'hit' && limit !== undefined && ++hits >= limit) return;
  }
}

/** Each file sifted as it is read. */
async function* sifted(
  reading: AsyncGenerator<ReadFile>,
  regex: RegExp,
  filter: ReadingFilter,
): AsyncGenerator<SearchEvent | undefined> {
  let read = 0;
  for await (const item of reading) {
    // A search that reads most of the journal (a common word) keeps V8's young generation small,
    // one that reads a few hits does not: holding it small made a rare word's search 1.13× slower.
    if (++read === MANY_READS) keepYoungGenerationSmall();
    yield siftFile(item, regex, filter);
  }
}

/**
 * Files sifted a batch at a time under the time limit. Each file is read before the batch's
 * timed work starts, never inside it: a slow disk (a network share, a drive spinning up) is not
 * a slow pattern, and a read that takes seconds must not be named as one. A batch ends at
 * TIMED_BATCH files or TIMED_BATCH_BYTES of text, whichever comes first.
 */
async function* siftedInTime(
  candidates: AsyncIterable<EntryFile>,
  readNow: (file: EntryFile) => string,
  regex: RegExp,
  filter: ReadingFilter,
  pattern: SearchPattern,
  { batchMs, searchMs }: { batchMs: number; searchMs: number },
): AsyncGenerator<SearchEvent | undefined> {
  const sift = (batch: ReadFile[]) => batch.map((item) => siftFile(item, regex, filter));
  // The whole search has a budget too: entries that each take a pattern just under the limit
  // would otherwise add up to minutes. Only the searching counts, never the reading (a slow disk).
  let spent = 0;
  const timed = <T>(work: () => T): T | typeof TOO_SLOW => {
    const left = searchMs - spent;
    if (left <= 0) throw tooSlowOverall(pattern, searchMs);
    const start = elapsedMs();
    const answer = withinTime(work, Math.min(batchMs, left));
    spent += elapsedMs() - start;
    if (answer === TOO_SLOW && left < batchMs) throw tooSlowOverall(pattern, searchMs);
    return answer;
  };
  // A batch too slow as a whole is sifted again a file at a time: what comes before the slow
  // file is found (enough, perhaps, for -n), and the error names that file.
  const siftBatch = function* (batch: ReadFile[]): Generator<SearchEvent | undefined> {
    const whole = timed(() => sift(batch));
    if (whole !== TOO_SLOW) return yield* whole;
    for (const item of batch) {
      const one = timed(() => sift([item]));
      if (one === TOO_SLOW) throw tooSlow(pattern, item.file, batchMs);
      yield* one;
    }
  };
  let batch: ReadFile[] = [];
  let bytes = 0;
  let read = 0;
  for await (const file of candidates) {
    if (++read === MANY_READS) keepYoungGenerationSmall();
    let item: ReadFile;
    try {
      item = { file, value: readNow(file) };
    } catch (error) {
      item = { file, error };
    }
    batch.push(item);
    bytes += item.value?.length ?? 0;
    if (batch.length < TIMED_BATCH && bytes < TIMED_BATCH_BYTES) continue;
    yield* siftBatch(batch);
    batch = [];
    bytes = 0;
  }
  if (batch.length > 0) yield* siftBatch(batch);
}

const SLOW_ADVICE =
  'Make it more exact (one repetition where it has two: a+b finds what (a+)+b finds), or search for plain text with -F.';

/** What the user is told when the search as a whole ran out of its time. */
function tooSlowOverall(pattern: SearchPattern, ms: number): UsageError {
  return new UsageError(
    `Searching for ${JSON.stringify(pattern.source)} takes too long (over ${ms / 1000} seconds in all): on long lines, a pattern that can match in many ways tries each of them.`,
    SLOW_ADVICE,
  );
}

/** What the user is told when one file takes the pattern past the time limit. */
function tooSlow(pattern: SearchPattern, file: EntryFile, ms: number): UsageError {
  return new UsageError(
    `Searching ${file.relPath} for ${JSON.stringify(pattern.source)} takes too long (over ${ms / 1000} seconds): on a long line, a pattern that can match in many ways tries each of them.`,
    SLOW_ADVICE,
  );
}

type ReadFile = { file: EntryFile; value?: string; error?: unknown };

/** What one file read brings: a problem, a hit, or nothing (no match, or filtered out). */
function siftFile(
  { file, value: text, error }: ReadFile,
  regex: RegExp,
  filter: ReadingFilter,
): SearchEvent | undefined {
  if (text === undefined) return { kind: 'problem', problem: problemOf(file, error) };
  regex.lastIndex = 0;
  const anywhere = regex.test(splitFrontMatter(text)?.body ?? text);
  regex.lastIndex = 0;
  if (!anywhere) return undefined;
  let entry: Entry;
  try {
    entry = parseEntry(text, file.relPath);
  } catch (error) {
    return { kind: 'problem', problem: problemOf(file, error) };
  }
  if (!entryMatches(entry, filter)) return undefined;
  entry = asRead(entry, filter);
  const matches = matchLines(entry.body, regex);
  if (matches.length === 0) return undefined;
  return { kind: 'hit', hit: { file, entry, matches } };
}
