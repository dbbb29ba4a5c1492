import { isDeepStrictEqual } from 'node:util';
import { type Document, isAlias, visit } from 'yaml';
import { IMPLICIT_SETTINGS } from '../store/implicit-settings.js';
import { settingsWithDocument } from './settings.js';

/*
 * Both partners' changes to intimacy.yaml made one, when they change different settings: each
 * adds a ritual, one sets weekStart and the other autosync. Setting by setting (a mapping's
 * keys, at any depth): a change on one side is taken, the same change on both sides is one. A
 * setting changed differently on both sides (a list changed on both, one value set two ways)
 * is no merge: the caller keeps both files, as for any file both changed. A setting left out
 * means what it means to intimacy (no `rituals:` is the four default rituals), so a ritual one
 * side removed is not brought back by the other side's writing the defaults out. Ours is the
 * document changed, so its comments and order stay; comments the other side added or changed
 * would be lost, so they make it no merge either. Pure: three texts in, the merged text or
 * undefined.
 */

type Change = { path: string[]; value: unknown } | { path: string[]; remove: true };

export function mergeSettingsTexts(base: string, ours: string, theirs: string): string | undefined {
  const read = (text: string) => {
    try {
      return settingsWithDocument(text); // each side must be settings, not only YAML
    } catch {
      return undefined;
    }
  };
  const [b, o, t] = [read(base), read(ours), read(theirs)];
  if (!b || !o || !t) return undefined;
  // An edit through an alias would change every place that shares it.
  if (hasAlias(o.doc)) return undefined;
  if (!isDeepStrictEqual(commentsOf(b.doc), commentsOf(t.doc))) return undefined;
  const changes: Change[] = [];
  const [baseData, ourData, theirData] = [b.data, o.data, t.data].map(withImplicit);
  if (!mergeValue(baseData, ourData, theirData, [], changes)) return undefined;
  if (changes.length === 0) return ours;
  const doc = o.doc;
  try {
    // A setting ours leaves out, changed by theirs: written out first, as it means, then changed.
    for (const [key, value] of Object.entries(IMPLICIT_SETTINGS)) {
      if (!doc.has(key) && changes.some((change) => change.path[0] === key)) doc.set(key, doc.createNode(value));
    }
    for (const change of changes) {
      if ('remove' in change) doc.deleteIn(change.path);
      else doc.setIn(change.path, doc.createNode(change.value));
    }
  } catch {
    return undefined; // a shape the library will not edit: keep both files
  }
  const merged = doc.toString();
  // What was written must read back as settings, and as exactly the merge meant.
  const check = read(merged);
  if (!check || !isDeepStrictEqual(withImplicit(check.data), applied(ourData, changes))) return undefined;
  return merged;
}

/** The settings as intimacy reads them: each one left out as what it means. */
function withImplicit(data: unknown): unknown {
  if (!isMap(data)) return data;
  const filled: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(IMPLICIT_SETTINGS)) {
    if (!Object.hasOwn(filled, key)) filled[key] = structuredClone(value);
  }
  return filled;
}

/** Every comment in the file, in order: the merge keeps ours, so theirs must have changed none. */
function commentsOf(doc: Document): string[] {
  const found: string[] = [];
  const add = (text: unknown) => {
    if (typeof text === 'string' && text !== '') found.push(text);
  };
  add(doc.commentBefore);
  visit(doc, (_key, node) => {
    const commented = node as { commentBefore?: unknown; comment?: unknown };
    add(commented.commentBefore);
    add(commented.comment);
    return undefined;
  });
  add(doc.comment);
  return found;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function own(value: unknown, key: string): unknown {
  return isMap(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Records in `changes` what takes `ours` to the merge at `path`; false when both changed it differently. */
function mergeValue(base: unknown, ours: unknown, theirs: unknown, path: string[], changes: Change[]): boolean {
  if (isDeepStrictEqual(ours, theirs) || isDeepStrictEqual(base, theirs)) return true;
  // Mappings are changed key by key, even where ours holds the same values as the base: set
  // whole, ours' comments and quoting inside would give way to theirs' bare values.
  if (isMap(ours) && isMap(theirs) && (base === undefined || isMap(base))) {
    const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    for (const key of keys) {
      if (!mergeValue(own(base, key), own(ours, key), own(theirs, key), [...path, key], changes)) return false;
    }
    return true;
  }
  if (isDeepStrictEqual(base, ours)) {
    changes.push(theirs === undefined ? { path, remove: true } : { path, value: theirs });
    return true;
  }
  return false;
}

/** `data` with the changes made, as plain values: what the merged file must read as. */
function applied(data: unknown, changes: Change[]): unknown {
  const result = structuredClone(data) as Record<string, unknown>;
  for (const change of changes) {
    const parents = change.path.slice(0, -1);
    const last = change.path.at(-1);
    if (last === undefined) return 'remove' in change ? undefined : change.value;
    let at: Record<string, unknown> = result;
    for (const key of parents) at = at[key] as Record<string, unknown>;
    if ('remove' in change) delete at[last];
    else at[last] = structuredClone(change.value);
  }
  return result;
}

function hasAlias(doc: Document): boolean {
  let found = false;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}
