/*
 * A reader for exactly the front matter serializeEntry writes, so that reading an entry (log,
 * show, grep, the cache) does not run the YAML parser for every file: one `key: value` a line,
 * strings double-quoted on one line with JSON's escapes, whole numbers, true/false/null, `[]`,
 * `{}`, and one level of list or mapping indented by two spaces. Anything else (a comment, a
 * plain string, an escape JSON lacks, a control character, a duplicate key, more lines than the
 * entry limits could refuse) is not read here: the caller gives it to the bounded YAML parser,
 * which reads it (or refuses it) as before. What this reads, the parser reads the same way
 * (tests/unit/own-front-matter.test.ts checks the two against each other).
 */

/** Few enough lines that no limit of YAML_LIMITS.entry (tokens, keys, items, depth) can be reached. */
const MAX_LINES = 200;
/** YAML_LIMITS.entry.maxString */
const MAX_STRING = 1024 * 1024;

const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Plain keys the YAML core schema reads as something other than that text. */
const NOT_TEXT_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const QUOTED = /^"(?:[^"\\]|\\.)*"$/;
/** Characters YAML and JSON may treat differently when they stand unescaped in a string. */
const UNSAFE = /[\p{Cc}\p{Cs}\u2028\u2029\ufeff]/u;
const WHOLE = /^-?(?:0|[1-9][0-9]{0,14})$/;
const NOT_READ = Symbol('not read here');

function scalar(text: string): unknown {
  if (text.startsWith('"')) {
    if (!QUOTED.test(text) || UNSAFE.test(text) || text.length > MAX_STRING) return NOT_READ;
    try {
      // `\ ` is YAML's escape for a space (written where a line could fold), which JSON lacks.
      return JSON.parse(
        text.includes('\\ ') ? text.replace(/\\(.)/g, (pair, c) => (c === ' ' ? ' ' : pair)) : text,
      ) as string;
    } catch {
      return NOT_READ; // an escape of YAML's that JSON does not have (\x41, \e, \0 …)
    }
  }
  if (WHOLE.test(text)) return text === '-0' ? NOT_READ : Number(text);
  switch (text) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    case '[]':
      return [];
    case '{}':
      return {};
    default:
      return NOT_READ;
  }
}

/** `key: value` (or `key:` opening a block): the key and the value's text, or undefined. */
function keyed(line: string): { key: string; rest: string } | undefined {
  const colon = line.indexOf(':');
  if (colon < 1) return undefined;
  const key = line.slice(0, colon);
  if (!KEY.test(key) || NOT_TEXT_KEYS.has(key)) return undefined;
  const rest = line.slice(colon + 1);
  if (rest === '') return { key, rest };
  return rest.startsWith(' ') && rest[1] !== ' ' ? { key, rest: rest.slice(1) } : undefined;
}

/** The front matter's fields, or undefined when it is not in the form serializeEntry writes. */
export function readOwnFrontMatter(yaml: string): Record<string, unknown> | undefined {
  if (yaml.includes('\r')) return undefined;
  const lines = yaml.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || lines.length > MAX_LINES) return undefined;
  const data: Record<string, unknown> = {};
  for (let i = 0; i < lines.length; i++) {
    const top = keyed(lines[i]!);
    if (!top || Object.hasOwn(data, top.key)) return undefined;
    if (top.rest !== '') {
      const value = scalar(top.rest);
      if (value === NOT_READ) return undefined;
      data[top.key] = value;
      continue;
    }
    // A block: the lines indented by two spaces that follow, all list items or all keys.
    const block: string[] = [];
    while (i + 1 < lines.length && lines[i + 1]!.startsWith('  ')) block.push(lines[++i]!.slice(2));
    const value = blockValue(block);
    if (value === NOT_READ) return undefined;
    data[top.key] = value;
  }
  return data;
}

function blockValue(block: string[]): unknown {
  if (block.length === 0) return NOT_READ;
  if (block.every((line) => line.startsWith('- '))) {
    const items = block.map((line) => scalar(line.slice(2)));
    return items.includes(NOT_READ) ? NOT_READ : items;
  }
  const map: Record<string, unknown> = {};
  for (const line of block) {
    const entry = keyed(line);
    if (!entry || entry.rest === '' || Object.hasOwn(map, entry.key)) return NOT_READ;
    const value = scalar(entry.rest);
    if (value === NOT_READ) return NOT_READ;
    map[entry.key] = value;
  }
  return map;
}

/*
 * The writer's side: the text the YAML library gives for front matter of that same simple form
 * (serializeEntry's options: strings double-quoted, no folding), made without loading it (a
 * quarter of a megabyte, most of a `gratitude "…"`'s own time). Only what is surely written
 * alike is written here: strings of printable ASCII with nothing to escape, whole numbers,
 * true/false/null, and flat lists of those. Anything else is undefined, and the caller asks the
 * library (tests/unit/own-front-matter.test.ts checks the two give the same text).
 */

/** Printable ASCII but `"` and `\`: JSON and YAML both write it between quotes as it is. */
const PLAIN_QUOTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return PLAIN_QUOTABLE.test(value) ? `"${value}"` : undefined;
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return value === null ? 'null' : undefined;
}

/** `front` as the YAML library writes it with serializeEntry's options, or undefined when unsure. */
export function ownFrontMatterText(front: Record<string, unknown>): string | undefined {
  let text = '';
  for (const [key, value] of Object.entries(front)) {
    if (!KEY.test(key) || NOT_TEXT_KEYS.has(key)) return undefined;
    if (value === undefined) continue; // the library leaves such a key out
    if (Array.isArray(value)) {
      if (value.length === 0) {
        text += `${key}: []\n`;
        continue;
      }
      text += `${key}:\n`;
      for (const item of value) {
        const itemText = scalarText(item);
        if (itemText === undefined) return undefined;
        text += `  - ${itemText}\n`;
      }
      continue;
    }
    const valueText = scalarText(value);
    if (valueText === undefined) return undefined;
    text += `${key}: ${valueText}\n`;
  }
  return text === '' ? undefined : text;
}
