/**
 * Lists that may be as long as what a partner pushes or a file holds (a note of 200,000 lines,
 * a sync that brings 100,000 entries), handled without spreading them into a call's arguments:
 * `lines.push(...list)` and `Math.max(...list)` pass each item as an argument, and past about a
 * hundred thousand of them node stops with "Maximum call stack size exceeded". Every room may
 * use it; it imports nothing.
 */

/** Appends every item of `items` to `list` (what list.push(...items) does, at any length). */
export function pushAll<T>(list: T[], items: Iterable<T>): T[] {
  for (const item of items) list.push(item);
  return list;
}

/** The largest of `values` (what Math.max(...values) gives, -Infinity for none, at any length). */
export function largest(values: Iterable<number>): number {
  let found = Number.NEGATIVE_INFINITY;
  for (const value of values) found = Math.max(found, value);
  return found;
}

/** The smallest of `values` (what Math.min(...values) gives, Infinity for none, at any length). */
export function smallest(values: Iterable<number>): number {
  let found = Number.POSITIVE_INFINITY;
  for (const value of values) found = Math.min(found, value);
  return found;
}
