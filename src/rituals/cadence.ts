/*
 * How often a ritual is kept, written the way people say it:
 *   daily · weekly · monthly · every 3 days · every 2 weeks · 3/week · 2/month
 *   weekly on sunday · every 2 weeks on friday · as needed
 * Pure: text in, a Cadence (or a message saying what is allowed) out.
 */

export type PeriodUnit = 'day' | 'week' | 'month';

export type Cadence =
  | { kind: 'periodic'; unit: PeriodUnit; every: number; times: number; weekday?: number }
  | { kind: 'as-needed' };

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export const CADENCE_HELP =
  'daily, weekly, monthly, "every N days", "every N weeks", "N/week", "N/month", "as needed", optionally "on WEEKDAY" (e.g. "weekly on sunday")';

const UNIT_WORDS: Record<string, PeriodUnit> = {
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
};

export function parseCadence(text: string): Cadence | { error: string } {
  const source = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(as needed|as-needed|when needed|never due)$/.test(source)) return { kind: 'as-needed' };
  const [main = '', weekdayText] = source.split(/ on /);
  let weekday: number | undefined;
  if (weekdayText !== undefined) {
    weekday = WEEKDAYS.findIndex((day) => day.startsWith(weekdayText.trim()) && weekdayText.trim().length >= 3);
    if (weekday < 0) return { error: `"${weekdayText.trim()}" is not a weekday; use e.g. "weekly on sunday"` };
  }
  let cadence: Extract<Cadence, { kind: 'periodic' }> | undefined;
  let match: RegExpExecArray | null;
  if (main === 'daily' || main === 'every day') cadence = { kind: 'periodic', unit: 'day', every: 1, times: 1 };
  else if (main === 'weekly' || main === 'every week') cadence = { kind: 'periodic', unit: 'week', every: 1, times: 1 };
  else if (main === 'monthly' || main === 'every month')
    cadence = { kind: 'periodic', unit: 'month', every: 1, times: 1 };
  else if ((match = /^every (\d+) (days?|weeks?|months?)$/.exec(main))) {
    cadence = { kind: 'periodic', unit: UNIT_WORDS[match[2]!]!, every: Number(match[1]), times: 1 };
  } else if ((match = /^(\d+) ?(?:\/|x|times (?:a|per)) ?(day|week|month)$/.exec(main))) {
    cadence = { kind: 'periodic', unit: UNIT_WORDS[match[2]!]!, every: 1, times: Number(match[1]) };
  }
  if (!cadence) return { error: `"${text.trim()}" is not a cadence; use ${CADENCE_HELP}` };
  if (cadence.every < 1 || cadence.every > 365 || cadence.times < 1 || cadence.times > 100) {
    return { error: `"${text.trim()}" is out of range: between 1 and 365 periods, 1 to 100 times` };
  }
  if (weekday !== undefined) {
    if (cadence.unit !== 'week' || cadence.times !== 1)
      return { error: '"on WEEKDAY" goes with weekly or "every N weeks"' };
    cadence.weekday = weekday;
  }
  return cadence;
}

export function describeCadence(cadence: Cadence): string {
  if (cadence.kind === 'as-needed') return 'as needed';
  const on = cadence.weekday === undefined ? '' : ` on ${WEEKDAYS[cadence.weekday]}`;
  if (cadence.times > 1) return `${cadence.times}/${cadence.unit}`;
  if (cadence.every === 1) return { day: 'daily', week: 'weekly', month: 'monthly' }[cadence.unit] + on;
  return `every ${cadence.every} ${cadence.unit}s${on}`;
}
