import { createRequire } from 'node:module';
import { codeEscape } from '../unsafe-chars.js';
import { slugify } from './naming.js';

/*
 * Names that read as another person's: "Аlex" with a Cyrillic А, "Ａlex" with a fullwidth Ａ,
 * "Јordan" with a Cyrillic Ј. Their slugs differ, so the journal takes them for someone else,
 * while every listing shows them as the partner. Which letters look like which is the
 * confusables library's table; names are compared by what they read as (their skeleton), and a
 * name is "alike" only when it reads as the other name without being it.
 */

/*
 * The table, loaded when a name that is not ASCII is first compared: building it costs every
 * listing's start-up, and nearly every name is plain. A require, not an import(): the launcher
 * runs the bundles as scripts, whose import() has no loader (as in spawn.ts).
 */
const load = createRequire(import.meta.url);
let table: typeof import('confusables') | undefined;
const remove = (text: string): string => (table ??= load('confusables') as typeof import('confusables')).remove(text);

/** What a name reads as: its look-alike letters taken as the ones they look like, then slugged. */
export function skeleton(name: string): string {
  // ASCII letters look like none of the table's: the common name costs nothing but the fold.
  const plain = isAscii(name) ? name : remove(name.normalize('NFKD'));
  // The table takes Cyrillic І and Greek Ι for l, as many fonts draw I: so is I, here.
  return slugify(plain.replace(/I/g, 'l'));
}

/** Whether `name` reads as `other` but is another name to the journal (another slug). */
export function readsAs(name: string, other: string): boolean {
  if (isAscii(name) && isAscii(other)) return false;
  return slugify(name) !== slugify(other) && skeleton(name) === skeleton(other);
}

/** The first of `names` that `name` reads as without being it, if any. */
export function readsAsOneOf(name: string, names: string[]): string | undefined {
  return names.find((other) => readsAs(name, other));
}

/** The first letter of `name` that reads as another ("U+0410"), for a message. */
export function lookAlikeLetter(name: string): string | undefined {
  const found = [...name].find(isLookAlike);
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `name` with each letter that reads as another written as an escape: "\u0410lex", which reads as what it is. */
export function lookAlikesEscaped(name: string): string {
  return [...name].map((char) => (isLookAlike(char) ? codeEscape(char) : char)).join('');
}

/** A letter the table takes for another, one a name's slug keeps apart from it ("А", not "é"). */
function isLookAlike(char: string): boolean {
  return !isAscii(char) && slugify(remove(char.normalize('NFKD')), '') !== slugify(char, '');
}

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}
