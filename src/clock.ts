import { UsageError } from './errors.js';
import { isKeptYear, YEARS_KEPT } from './years.js';

/**
 * What time it is, as a command sees it. The clock is made once, at the CLI's edge
 * (commands/context.ts), and passed in from there: nothing deeper asks the system for the date.
 * INTIMACY_NOW, an ISO 8601 instant with its offset, fixes it; it is meant for tests only.
 */
export type Clock = () => Date;

export const FIXED_NOW_VARIABLE = 'INTIMACY_NOW';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The system clock, or the instant `fixed` names (the value of INTIMACY_NOW). */
export function clockFrom(fixed: string | undefined): Clock {
  if (fixed === undefined || fixed.trim() === '') return () => new Date();
  const instant = parseInstant(fixed.trim());
  if (instant === undefined) {
    throw new UsageError(
      `${FIXED_NOW_VARIABLE} is not an ISO 8601 instant: "${fixed}".`,
      `Unset it, or give a date, time and offset such as ${FIXED_NOW_VARIABLE}=2026-11-25T18:30:00Z (it is meant for tests).`,
    );
  }
  // An entry written at another year would be one no command reads (store/entry.ts).
  if (!isKeptYear(new Date(instant).getUTCFullYear()))
    throw new UsageError(
      `${FIXED_NOW_VARIABLE} is outside the years intimacy reads (${YEARS_KEPT}): "${fixed}".`,
      `Unset it, or give an instant such as ${FIXED_NOW_VARIABLE}=2026-11-25T18:30:00Z (it is meant for tests).`,
    );
  return () => new Date(instant);
}

/** Milliseconds since 1970 for an ISO 8601 instant with its offset; undefined for anything else (2026-02-30 too). */
function parseInstant(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) return undefined;
  const zone = match[3]!.toUpperCase();
  const offsetMinutes =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  // Date.parse rolls 2026-02-30 over into March: the day as written must come back.
  const written = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 10);
  return written === text.slice(0, 10) ? instant : undefined;
}
