/**
 * The calendar years intimacy reads and writes: 1900 to 2999. A journal's dates are four-digit
 * years (entries/YYYY/MM, the stamp in each name), but a year below 1000 or 100 is not what most
 * date code takes it for (Date.UTC and new Date(y, m) read 99 as 1999; a day printed as
 * "99-12-01" no longer sorts or parses), and a whole-journal summary walks its days from the
 * first entry to the last, so an entry dated 9999 cost eight thousand years of days. No couple's
 * journal needs a day outside these years: a date typed outside them is a usage error, and an
 * entry dated outside them is a malformed file. Every room may use it, so it imports nothing.
 */

export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

/** How the bound is said in messages: "1900 to 2999". */
export const YEARS_KEPT = `${FIRST_YEAR} to ${LAST_YEAR}`;

export function isKeptYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}
