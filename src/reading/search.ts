import { PatternError, UsageError } from '../errors.js';
import { keepYoungGenerationSmall } from '../heap.js';
import { plural } from '../plural.js';
import { type Entry, parseEntry, splitFrontMatter } from '../store/entry.js';
import { problemOf, readEntryText } from '../store/entry-files.js';
import type { EntryFile, EntryProblem } from '../store/entry-folders.js';
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

/**
 * Streams through the candidate files newest first (given newest first), a few at a time. A
 * file whose text does not match at all is never parsed; only files that match are parsed, to
 * apply the filters and find the lines (in the body: front matter is for filters, not for
 * searching).
 */
/** After this many files read, a search is one of most of the journal (see searchEntries). */
const MANY_READS = 500;

export async function* searchEntries(
  journalDir: string,
  files: EntryFiles,
  filter: ReadingFilter,
  regex: RegExp,
  limit?: number,
): AsyncGenerator<SearchEvent> {
  const candidates = namesMayMatch(files, filter);
  // Each folder on the way is checked (no link, no file in its place) once, not once a hit.
  const checked = new Set<string>();
  let hits = 0;
  let read = 0;
  for await (const { file, value: text, error } of readAhead(
    candidates,
    (f) => readEntryText(journalDir, f, checked),
    16,
  )) {
    // A search that reads most of the journal (a common word) keeps V8's young generation small,
    // one that reads a few hits does not: holding it small made a rare word's search 1.13× slower.
    if (++read === MANY_READS) keepYoungGenerationSmall();
    if (text === undefined) {
      yield { kind: 'problem', problem: problemOf(file, error) };
      continue;
    }
    regex.lastIndex = 0;
    const anywhere = regex.test(splitFrontMatter(text)?.body ?? text);
    regex.lastIndex = 0;
    if (!anywhere) continue;
    let entry: Entry;
    try {
      entry = asRead(parseEntry(text, file.relPath), filter);
    } catch (error) {
      yield { kind: 'problem', problem: problemOf(file, error) };
      continue;
    }
    if (!entryMatches(entry, filter)) continue;
    const matches = matchLines(entry.body, regex);
    if (matches.length === 0) continue;
    yield { kind: 'hit', hit: { file, entry, matches } };
    if (limit !== undefined && ++hits >= limit) return;
  }
}
