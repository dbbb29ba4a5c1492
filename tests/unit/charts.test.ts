import { differenceInCalendarDays, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { Ritual } from '../../src/rituals/definitions.js';
import { computeStats } from '../../src/rituals/trends.js';
import { cellGlyph, cellLegend, gappedSparkline, sparkline, terminalIsUtf8 } from '../../src/ui/charts.js';

describe('terminal charts', () => {
  it('sparklines scale on a fixed range and keep the newest values when narrow', () => {
    expect(sparkline([1, 3, 5], 1, 5, { ascii: false, width: 10 })).toBe('▁▅█');
    expect(sparkline([1, 2, 3, 4, 5], 1, 5, { ascii: false, width: 2 })).toBe('▆█');
    expect(sparkline([1, 5], 1, 5, { ascii: true, width: 10 })).toBe('_#');
  });

  it('gapped sparklines leave a space for a day without a value; calendar cells say how many, or skipped', () => {
    expect(gappedSparkline([1, undefined, 5], 1, 5, { ascii: false, width: 10 })).toBe('▁ █');
    expect(gappedSparkline([1, undefined, 5], 1, 5, { ascii: false, width: 2 })).toBe(' █');
    expect([0, 1, 2, 3, 7].map((n) => cellGlyph(n, false, false).glyph).join('')).toBe('·▒▓██');
    expect(cellGlyph(0, true, true).glyph).toBe('s');
    expect(cellGlyph(1, true, true).glyph).toBe('o');
    expect(cellLegend(true).join(' ')).toBe('. none o 1 O 2 # 3+ s skipped');
  });

  it('knows a UTF-8 terminal from its locale', () => {
    expect(terminalIsUtf8({ LANG: 'en_US.UTF-8' })).toBe(true);
    expect(terminalIsUtf8({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(terminalIsUtf8({})).toBe(false);
  });
});

describe('trends', () => {
  const base = { partners: ['Alex', 'Jordan'], from: '2026-03-02', to: '2026-03-29', weekStartsOn: 1 as const };
  const entry = (type: string, author: string, date: string, fields: Record<string, unknown> = {}) => ({
    id: date + author,
    relPath: '',
    type,
    author,
    date,
    tags: [],
    fields,
  });

  it('a range of centuries (a partner dated an entry 2999) has every day and week, and counts its last week', () => {
    const ritual = { name: 'gratitude', counts: ['gratitude'] } as unknown as Ritual;
    const stats = computeStats({
      ...base,
      from: '2026-03-02',
      to: '2999-12-31',
      rituals: [ritual],
      entries: [
        entry('gratitude', 'Alex', '2026-03-03T10:00:00Z'),
        entry('gratitude', 'Jordan', '2999-12-30T10:00:00Z'),
      ],
    });
    const days = differenceInCalendarDays(parseISO('2999-12-31'), parseISO('2026-03-02')) + 1;
    expect(stats.calendar).toHaveLength(days);
    expect(stats.calendar.at(-1)).toEqual({ day: '2999-12-31', count: 0 });
    expect(stats.calendar.at(-2)).toEqual({ day: '2999-12-30', count: 1 });
    expect(stats.rituals[0]?.days).toHaveLength(days);
    expect(stats.gratitude.weeks).toHaveLength(Math.ceil(days / 7));
    expect(stats.gratitude.weeks.at(-1)).toBe('2999-12-30');
    expect(stats.gratitude.perPartner.Jordan?.at(-1)).toBe(1);
    expect(stats.gratitude.perPartner.Alex?.[0]).toBe(1);
  });

  it('counts gratitude per partner per week and leaves out entries outside the range', () => {
    const stats = computeStats({
      ...base,
      entries: [
        entry('gratitude', 'Alex', '2026-03-02T10:00:00+01:00'),
        entry('gratitude', 'alex', '2026-03-08T23:00:00-08:00'),
        entry('gratitude', 'Jordan', '2026-03-16T10:00:00Z'),
        entry('gratitude', 'Jordan', '2026-04-01T10:00:00Z'),
      ],
    });
    expect(stats.gratitude.weeks).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    expect(stats.gratitude.perPartner).toEqual({ Alex: [2, 0, 0, 0], Jordan: [0, 0, 1, 0] });
    expect(stats.calendar).toHaveLength(28);
  });

  it('reads ratings nested or flat, and flags three low connection ratings in a row only', () => {
    const stats = computeStats({
      ...base,
      entries: [
        entry('checkin', 'Alex', '2026-03-03T10:00:00Z', { ratings: { connection: 2 } }),
        entry('checkin', 'Alex', '2026-03-10T10:00:00Z', { connection: 1 }),
        entry('checkin', 'Alex', '2026-03-17T10:00:00Z', { ratings: { connection: 2 } }),
        entry('checkin', 'Jordan', '2026-03-10T10:00:00Z', { ratings: { connection: 1 } }),
        entry('checkin', 'Jordan', '2026-03-17T10:00:00Z', { ratings: { connection: 2 } }),
        entry('checkin', 'Jordan', '2026-03-24T10:00:00Z', { ratings: { connection: 4 } }),
      ],
    });
    expect(stats.lowConnection).toEqual([{ partner: 'Alex', recent: [2, 1, 2], checkins: 3, since: '2026-03-03' }]);
    expect(stats.averages.Jordan?.connection).toBe(2.3);
  });
});
