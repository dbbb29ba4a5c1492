import { lookAlikesEscaped, readsAsOneOf } from './look-alike.js';
import { slugify } from './naming.js';

/**
 * Who is who in a journal: the two partners as intimacy.yaml names them, and the names they
 * were known by before (`aliases`, old name → partner), kept when a partner is renamed so that
 * entries are never rewritten. Every reader of "who wrote this" (status, streaks, stats, log's
 * filters, export, sync's news) and every check of a name typed by a person asks here, so a
 * name means the same person everywhere.
 *
 * A name matches a partner by its slug (the form in file names): "jordan", "Jordan " and
 * "Jordán" are all Jordan.
 */
export interface People {
  partners: string[];
  /** old name → the partner it now stands for */
  aliases: Record<string, string>;
}

const lookups = new WeakMap<People, Map<string, string>>();

/** slug of every name and alias → the partner's spelling; made once per settings object. */
function lookup(people: People): Map<string, string> {
  let map = lookups.get(people);
  if (!map) {
    map = new Map();
    for (const [old, now] of Object.entries(people.aliases)) {
      const partner = people.partners.find((p) => slugify(p) === slugify(now));
      if (partner) map.set(slugify(old), partner);
    }
    // A partner's own name wins over an alias that happens to share its slug.
    for (const partner of people.partners) map.set(slugify(partner), partner);
    lookups.set(people, map);
  }
  return map;
}

/** The partner `name` stands for (their name in any case, or an old name of theirs); undefined for anyone else. */
export function partnerNamed(people: People, name: string): string | undefined {
  const trimmed = name.trim();
  return trimmed === '' ? undefined : lookup(people).get(slugify(trimmed));
}

const namings = new WeakMap<People, Map<string, string>>();

/**
 * Who wrote an entry, as the journal names them now: a partner's current name, or the name as
 * written. A name that reads as a partner's but is not theirs ("Аlex" with a Cyrillic А) is
 * shown with those letters as escapes ("\\u0410lex"), so no listing shows it as the partner.
 */
export function authorName(people: People, author: string): string {
  // A whole log asks for every entry, and a journal has a handful of authors: each is slugged once.
  let named = namings.get(people);
  if (!named) namings.set(people, (named = new Map()));
  let name = named.get(author);
  if (name === undefined) named.set(author, (name = partnerNamed(people, author) ?? notPosingAs(people, author)));
  return name;
}

/**
 * Who wrote an entry, for data (--json): a partner's current name, or the name exactly as
 * written. A look-alike of a partner's name keeps its own letters, which a script compares as
 * they are; only a listing for people shows them as escapes (authorName).
 */
export function authorAsWritten(people: People, author: string): string {
  return partnerNamed(people, author) ?? author;
}

/** A name of no partner's, as it is, or with its look-alike letters escaped when it reads as a partner's. */
function notPosingAs(people: People, name: string): string {
  return readsAsOneOf(name, people.partners) === undefined ? name : lookAlikesEscaped(name);
}

/** Every name that stands for the person `name` names (their current name and old ones), as slugs. */
export function slugsOf(people: People, name: string): string[] {
  const partner = partnerNamed(people, name);
  if (!partner) return [slugify(name)];
  const slugs = new Set([slugify(partner)]);
  for (const [slug, who] of lookup(people)) if (who === partner) slugs.add(slug);
  return [...slugs];
}

/**
 * The same records with every author as the journal names them now (a new array; records are
 * copied only when renamed): for a listing (authorName), or as written for data (authorAsWritten).
 */
export function withAuthorsNamed<T extends { author: string }>(people: People, records: T[], asWritten = false): T[] {
  if (Object.keys(people.aliases).length === 0 && people.partners.length === 0) return records;
  const named = asWritten ? authorAsWritten : authorName;
  return records.map((record) => {
    const author = named(people, record.author);
    return author === record.author ? record : { ...record, author };
  });
}

/** "Alex and Jordan", "Alex", or "" for none. */
export function namesTogether(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
