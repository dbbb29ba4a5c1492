/*
 * Where an entry lives: entries/YYYY/MM/<stamp>-<type>-<author>.md.
 * The stamp is UTC so that names sort in time order whatever zone each partner writes in;
 * the author in the name keeps two partners writing at the same second apart.
 * Inside a part words are joined with `_`, so `-` only ever separates the parts:
 * 20261125T183209Z-date_night-mary_ann-2.md reads back unambiguously.
 */

import { NOT_IN_A_LINE } from '../unsafe-chars.js';

export const ENTRIES_DIR = 'entries';

export function slugify(name: string, fallback = 'someone'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug === '' ? fallback : slug;
}

/** 2026-11-25T18:32:09.123Z → 20261125T183209Z */
export function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export interface EntryLocation {
  /** folder relative to the journal, with forward slashes */
  dir: string;
  /** file name without the collision suffix or extension */
  stem: string;
}

export function entryLocation(date: Date, type: string, author: string): EntryLocation {
  const iso = date.toISOString();
  return {
    dir: `${ENTRIES_DIR}/${iso.slice(0, 4)}/${iso.slice(5, 7)}`,
    stem: `${utcStamp(date)}-${slugify(type, 'entry')}-${slugify(author)}`,
  };
}

/** The n-th name to try for an entry: stem.md, stem-2.md, stem-3.md… */
export function candidateFileName(stem: string, attempt: number): string {
  return attempt <= 1 ? `${stem}.md` : `${stem}-${attempt}.md`;
}

/**
 * A sync conflict copy keeps the partner's version beside ours with a last part
 * `-conflict_<who>[_N]` (see conflicts.ts), so it still reads back as an entry. A name with a
 * control character (an escape sequence, a newline, a bidi mark), a character that shows as
 * nothing (a zero-width space), or bytes that are not UTF-8
 * (read as U+FFFD) is no entry's: it is reported as a stray.
 */
const PART = `[^-/${NOT_IN_A_LINE}\\ufffd]`;

/**
 * A stamp (YYYYMMDDTHHMMSSZ) that `new Date()` reads as a moment: a month 1–12, a day 1–31 (the
 * 30th of February rolls on, as Date does), and a time of day up to 23:59:59, or 24:00:00.
 * Checked inside the name's pattern: listing a large journal names every file, and checking the
 * digits in code of our own after the pattern cost more than the pattern (1.7 ms more for
 * 10,000 names, in code node had not yet optimised).
 */
const STAMP = '\\d{4}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])T(?:(?:[01]\\d|2[0-3])[0-5]\\d[0-5]\\d|240000)Z';
const ENTRY_NAME = new RegExp(`^(${STAMP})-(${PART}+)-(${PART}+?)(?:-(\\d+))?(?:-(conflict_${PART}+))?\\.md$`, 'u');
const ENTRY_PATH = /^entries\/\d{4}\/\d{2}\/[^/]+$/;

/** What a file name alone says about an entry, without opening it. */
export interface EntryName {
  id: string;
  stamp: string;
  /** the moment in the stamp, UTC */
  time: Date;
  typeSlug: string;
  authorSlug: string;
  /** `conflict_<who>[_N]` when this file is a conflict copy made by sync */
  conflictCopy?: string;
}

/** The stamp's moment, UTC. */
export function stampTime(stamp: string): Date {
  return new Date(
    `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`,
  );
}

/**
 * A parsed name. Its `time` is made when first asked for: most names listed are only sorted
 * by id and counted, and a Date for each of 50,000 names cost more than listing them.
 */
class ParsedName implements EntryName {
  readonly id: string;
  readonly stamp: string;
  readonly typeSlug: string;
  readonly authorSlug: string;
  readonly conflictCopy?: string;
  #time: Date | undefined;

  constructor(id: string, stamp: string, typeSlug: string, authorSlug: string, conflictCopy: string | undefined) {
    this.id = id;
    this.stamp = stamp;
    this.typeSlug = typeSlug;
    this.authorSlug = authorSlug;
    if (conflictCopy) this.conflictCopy = conflictCopy;
  }

  get time(): Date {
    this.#time ??= stampTime(this.stamp);
    return this.#time;
  }
}

/** Whether parseEntryName reads this as an entry's name; makes nothing (a listing asks it of every name). */
export function isEntryName(fileName: string): boolean {
  return ENTRY_NAME.test(fileName);
}

export function parseEntryName(fileName: string): EntryName | undefined {
  const match = ENTRY_NAME.exec(fileName);
  if (!match) return undefined;
  // By index, not destructured: a listing parses hundreds of names in code not yet optimized,
  // where destructuring walks the match with an iterator.
  const stamp = match[1]!;
  return new ParsedName(fileName.slice(0, -3), stamp, match[2]!, match[3]!, match[5]);
}

/** Is this journal-relative path one of ours (and not a temp file or a stray)? */
export function isEntryPath(relPath: string): boolean {
  return ENTRY_PATH.test(relPath) && parseEntryName(relPath.slice(relPath.lastIndexOf('/') + 1)) !== undefined;
}

/** The id users type: the file name without `.md`. */
export function entryId(relPath: string): string {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  return base.endsWith('.md') ? base.slice(0, -3) : base;
}
