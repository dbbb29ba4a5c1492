import { hasControl, unsafeCharacterWords } from '../store/control-chars.js';
import { IMPLICIT_RITUALS } from '../store/implicit-settings.js';
import { isKeptYear, YEARS_KEPT } from '../years.js';
import { type Cadence, parseCadence } from './cadence.js';

/**
 * The rituals a couple keeps, as listed in intimacy.yaml:
 *
 *   rituals:
 *     checkin:   { counts: [checkin], cadence: weekly, who: together }
 *     gratitude: { counts: [gratitude, appreciation], cadence: 3/week, who: each }
 *
 * who: `together` — done when both partners wrote one; `each` — tracked for each partner;
 * `either` — one entry by either partner counts (a date night logged once).
 */
export type Who = 'together' | 'each' | 'either';
export const WHO_VALUES: Who[] = ['together', 'each', 'either'];

export interface Ritual {
  name: string;
  counts: string[];
  cadence: Cadence;
  cadenceText: string;
  who: Who;
  /** first calendar day the ritual is tracked from (rituals added mid-way) */
  since?: string;
}

export interface RitualSpec {
  counts: string[];
  cadence: string;
  who: Who;
  since?: string;
}

/** A journal whose intimacy.yaml has no `rituals:` keeps these (store/implicit-settings.ts). */
export const DEFAULT_RITUALS: Readonly<Record<string, RitualSpec>> = Object.fromEntries(
  Object.entries(IMPLICIT_RITUALS).map(([name, spec]) => [name, { ...spec, counts: [...spec.counts] }]),
);

export interface RitualProblem {
  ritual: string;
  message: string;
  /** the `rituals` setting as a whole cannot be read (it is not a mapping): no ritual is tracked */
  all?: true;
}

function asList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Reads the `rituals` setting; a broken ritual is reported and left out, the rest still work. */
export function readRituals(setting: unknown): { rituals: Ritual[]; problems: RitualProblem[] } {
  const source = setting === undefined ? DEFAULT_RITUALS : setting;
  const rituals: Ritual[] = [];
  const problems: RitualProblem[] = [];
  if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    return {
      rituals,
      problems: [{ ritual: 'rituals', message: 'must be a mapping of ritual names to their settings', all: true }],
    };
  }
  for (const [name, raw] of Object.entries(source as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object') {
      problems.push({ ritual: name, message: 'needs "counts" and "cadence"' });
      continue;
    }
    const spec = raw as Record<string, unknown>;
    const counts = asList(spec.counts ?? name);
    // Ritual names and the types they count are shown on one line of status, stats and rituals.
    const unsafe = [name, ...(counts ?? [])].find((text) => hasControl(text));
    if (unsafe !== undefined) {
      problems.push({ ritual: name, message: `holds ${unsafeCharacterWords(unsafe)} in its name or "counts"` });
      continue;
    }
    const cadence = typeof spec.cadence === 'string' ? parseCadence(spec.cadence) : { error: 'needs a "cadence"' };
    const who = spec.who ?? 'either';
    if (!counts || counts.length === 0) problems.push({ ritual: name, message: '"counts" must name entry types' });
    else if ('error' in cadence) problems.push({ ritual: name, message: cadence.error });
    else if (!WHO_VALUES.includes(who as Who))
      problems.push({ ritual: name, message: `"who" must be one of ${WHO_VALUES.join(', ')}` });
    else if (spec.since !== undefined && !isDay(spec.since)) {
      problems.push({ ritual: name, message: `"since" must be a day in the years ${YEARS_KEPT}, like 2026-03-01` });
    } else {
      rituals.push({
        name,
        counts,
        cadence,
        cadenceText: String(spec.cadence),
        who: who as Who,
        since: spec.since as string | undefined,
      });
    }
  }
  return { rituals, problems };
}

export function weekStartsOn(setting: unknown): 0 | 1 {
  return typeof setting === 'string' && setting.toLowerCase() === 'sunday' ? 0 : 1;
}

/**
 * A day as `since:` gives it: YYYY-MM-DD, a day that exists, in the years intimacy reads (a
 * partner's 0001-01-01 or 2026-13-45 would make every period's count meaningless).
 */
function isDay(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return isKeptYear(year) && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
