/*
 * Where an entry lives: entries/YYYY/MM/<stamp>-<type>-<author>.md.
 * The stamp is UTC so that names sort in time order whatever zone each partner writes in;
 * the author in the name keeps two partners writing at the same second apart.
 * Inside a part words are joined with `_`, so `-` only ever separates the parts:
 * 20261125T183209Z-date_night-mary_ann-2.md reads back unambiguously.
 */

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
 * control character (an escape sequence, a newline) is no entry's: it is reported as a stray.
 */
const ENTRY_NAME =
  /^(\d{8}T\d{6}Z)-([^-/\p{Cc}\u202a-\u202e\u2066-\u2069]+)-([^-/\p{Cc}\u202a-\u202e\u2066-\u2069]+?)(?:-(\d+))?(?:-(conflict_[^-/\p{Cc}\u202a-\u202e\u2066-\u2069]+))?\.md$/u;
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

export function parseEntryName(fileName: string): EntryName | undefined {
  const match = ENTRY_NAME.exec(fileName);
  if (!match) return undefined;
  const [, stamp = '', typeSlug = '', authorSlug = '', , conflictCopy] = match;
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return undefined;
  return { id: fileName.slice(0, -3), stamp, time, typeSlug, authorSlug, ...(conflictCopy ? { conflictCopy } : {}) };
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
