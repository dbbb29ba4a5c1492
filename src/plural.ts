/**
 * Counted nouns, said once: "1 file", "2 files", "1 entry", "3 entries". Every room may use it
 * (messages are made in the domain too), so it sits beside errors.ts and imports nothing.
 */

/** The noun alone, in the form the count needs: noun(2, 'entry', 'entries') → "entries". */
export function noun(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** The count and its noun: plural(1, 'file') → "1 file", plural(3, 'entry', 'entries') → "3 entries". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${noun(count, one, many)}`;
}
