import type { SearchPattern } from './search.js';

/** Text that every match of a search pattern contains, for a byte search to look for first. */
export interface RequiredText {
  text: string;
  /** compare ASCII letters without case */
  ignoreCase: boolean;
}

const REGEX_SYNTAX = /[\\^$.|?*+()[\]{}]/;

/**
 * The text a file must contain for the JavaScript search (compilePattern) to match its body,
 * or undefined when no such text is known, so that searching for it (`git grep -F`) names a
 * superset of the files the search matches. Entry bodies are stored as typed (serializeEntry
 * quotes only the front matter), so a match in the body is a match in the file.
 * - A pattern with no regular expression syntax (or with -F) is its own text.
 * - With -i, JavaScript's /iu also matches the Kelvin sign to k and the long s to s, which a
 *   byte search does not: the longest run of other ASCII characters is searched instead,
 *   when it is long enough to be worth it.
 * Pure.
 */
export function requiredText(pattern: SearchPattern): RequiredText | undefined {
  if (!pattern.fixed && REGEX_SYNTAX.test(pattern.source)) return undefined;
  if (pattern.source === '' || /[\r\n]/.test(pattern.source)) return undefined;
  if (!pattern.ignoreCase) return { text: pattern.source, ignoreCase: false };
  const runs = pattern.source.split(/[^\x20-\x7e]|[ks]/i);
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.length >= 3 ? { text: longest, ignoreCase: true } : undefined;
}
