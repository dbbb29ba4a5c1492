import { stringify as stringifyYaml } from 'yaml';
import { EntryFormatError } from '../errors.js';
import { isKeptYear, YEARS_KEPT } from '../years.js';
import { parseBoundedYaml, YAML_LIMITS } from './bounded-yaml.js';
import { hasControl, unsafeCharacterWords } from './control-chars.js';
import { STATE_DIR } from './layout.js';
import { ownFrontMatterText, readOwnFrontMatter } from './own-front-matter.js';

/**
 * One journal entry: YAML front matter plus a Markdown body.
 * Pure: strings in, strings out. Reading and writing files lives in store.ts.
 */
export interface Entry {
  type: string;
  author: string;
  /** ISO 8601 with the writer's UTC offset, e.g. 2026-11-25T19:32:09+01:00 */
  date: string;
  tags: string[];
  /** Every other front matter field: template name, ratings, choices, `for`… */
  fields: Record<string, unknown>;
  body: string;
}

const RESERVED = new Set(['type', 'author', 'date', 'tags']);

/*
 * Whether an entry is private is where its file stands, never what it says: a shared file's
 * own `private: true` is words a partner could write, to pass their file off as one of yours
 * (shown as private, edited as if it stayed here). Read from entries/, an entry is shared; read
 * from .intimacy/private/, it is private.
 */
const SHARED_ENTRIES = 'entries/';
const PRIVATE_ENTRIES = `${STATE_DIR}/private/`;

/**
 * Every string is written double-quoted on one line: YAML 1.1 and 1.2 parsers then read back
 * exactly what was typed (`yes`, `no`, `#`, `: `, leading spaces, `---`, dates), and no line of
 * the front matter can be mistaken for its closing `---`.
 */
const YAML_OPTIONS = {
  defaultStringType: 'QUOTE_DOUBLE',
  defaultKeyType: 'PLAIN',
  lineWidth: 0,
  minContentWidth: 0,
} as const;

export function serializeEntry(entry: Entry): string {
  const front: Record<string, unknown> = {
    type: entry.type,
    author: entry.author,
    date: entry.date,
    tags: entry.tags,
  };
  for (const [key, value] of Object.entries(entry.fields)) {
    if (RESERVED.has(key)) throw new Error(`field "${key}" is reserved for the entry header`);
    if (value !== undefined) front[key] = value;
  }
  const yaml = ownFrontMatterText(front) ?? stringifyYaml(front, YAML_OPTIONS);
  const body = entry.body.endsWith('\n') || entry.body === '' ? entry.body : entry.body + '\n';
  return `---\n${yaml}---\n${body === '' ? '' : '\n' + body}`;
}

/** Splits `---` front matter from the body. Returns undefined when there is none. */
export function splitFrontMatter(text: string): { yaml: string; body: string } | undefined {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstBreak = src.indexOf('\n');
  if (firstBreak < 0 || src.slice(0, firstBreak).trimEnd() !== '---') return undefined;
  const close = /^(?:---|\.\.\.)[ \t]*\r?$/m;
  const rest = src.slice(firstBreak + 1);
  const match = close.exec(rest);
  if (!match) return undefined;
  const yaml = rest.slice(0, match.index);
  let body = rest.slice(match.index + match[0].length);
  body = body.replace(/^\r?\n/, '');
  // serializeEntry puts one blank line between the header and the body.
  body = body.replace(/^\r?\n/, '');
  return { yaml, body };
}

/** How every file the encryption filter wrote begins (crypto/cipher.ts MAGIC). */
export const ENCRYPTED_PREFIX = 'INTIMACY-ENC';

/**
 * Why an entry file still holding ciphertext is skipped, as far as its text tells: the filter
 * leaves files encrypted in a clone that has no key. In a clone that has one, the file is
 * damaged or not for this key, and app/encrypted-entries.ts says which in place of this reason.
 */
export const STILL_ENCRYPTED = 'encrypted, and this clone has no key (import it with intimacy encrypt import-key)';

/** The entry in `text`; `file` is where it was read (journal-relative), which names it in errors and says whether it is private. */
export function parseEntry(text: string, file = '<entry>'): Entry {
  if (text.startsWith(ENCRYPTED_PREFIX)) throw new EntryFormatError(file, undefined, STILL_ENCRYPTED);
  const parts = splitFrontMatter(text);
  if (!parts)
    throw new EntryFormatError(file, 1, 'no front matter (the file must start with a --- line and have a closing ---)');
  // What serializeEntry wrote is read without the YAML parser; anything else goes through it.
  const own = readOwnFrontMatter(parts.yaml);
  const parsed = own ? ({ ok: true, data: own } as const) : parseBoundedYaml(parts.yaml, YAML_LIMITS.entry);
  // The front matter starts on the file's second line.
  if (!parsed.ok)
    throw new EntryFormatError(file, parsed.line === undefined ? undefined : parsed.line + 1, parsed.reason);
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new EntryFormatError(file, 2, 'the front matter must be a YAML mapping of fields');
  }
  const front = data as Record<string, unknown>;
  const type = requireString(front, 'type', file);
  const author = requireString(front, 'author', file);
  const date = requireString(front, 'date', file);
  if (!isIsoDate(date))
    throw new EntryFormatError(file, undefined, `"date" is not an ISO 8601 date: ${JSON.stringify(date.slice(0, 80))}`);
  if (!isKeptYear(Number(date.slice(0, 4))))
    throw new EntryFormatError(
      file,
      undefined,
      `"date" ${JSON.stringify(date.slice(0, 10))} is outside the years intimacy reads (${YEARS_KEPT})`,
    );
  const tags = front.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
    throw new EntryFormatError(file, undefined, '"tags" must be a list of words');
  }
  // Names are shown on one line of every listing: a newline or an escape sequence in one is
  // never a person's writing, and would forge lines or act on the reader's terminal; a
  // zero-width space would make one name read as another.
  const named: Array<[string, unknown]> = [
    ['type', type],
    ['author', author],
    ['date', date],
    ['for', front.for],
  ];
  for (const [key, value] of [...named, ...tags.map((tag): [string, unknown] => ['tags', tag])]) {
    if (typeof value === 'string' && hasControl(value))
      throw new EntryFormatError(file, undefined, `"${key}" holds ${unsafeCharacterWords(value)}`);
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(front)) if (!RESERVED.has(key)) fields[key] = value;
  if (file.startsWith(SHARED_ENTRIES)) delete fields.private;
  else if (file.startsWith(PRIVATE_ENTRIES)) fields.private = true;
  return { type, author, date, tags: tags as string[], fields, body: parts.body };
}

/**
 * A date as entries write it (2026-11-25T18:30:00+01:00; a hand-edited 2026-11-25 too): a
 * four-digit year and a day the calendar has. Date.parse alone takes 2026-02-30 as 2 March and
 * +275760-09-13 as a year no view can draw.
 */
function isIsoDate(text: string): boolean {
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/.exec(text);
  if (!day || Number.isNaN(Date.parse(text))) return false;
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  return month >= 1 && month <= 12 && date >= 1 && date <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function requireString(front: Record<string, unknown>, key: string, file: string): string {
  const value = front[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  // Hand-edited files may hold an unquoted date that a YAML parser read as something else.
  if (value instanceof Date) return value.toISOString();
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    throw new EntryFormatError(file, undefined, `missing or empty "${key}" in the front matter`);
  const found = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  throw new EntryFormatError(file, undefined, `"${key}" must be a text, not ${found}`);
}
