// Runs in its own process (vitest forks per file), so the zone applies to this file only.
process.env.TZ = 'Europe/Berlin';

import {
  addDays,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  differenceInCalendarWeeks,
  parseISO,
  startOfMonth,
  startOfWeek,
} from 'date-fns';
import { describe, expect, it } from 'vitest';
import { parseCadence } from '../../src/rituals/cadence.js';
import { daysFromTo, type Periodic, periodAt, periodIndex, toDay } from '../../src/rituals/periods.js';
import { trackRitual } from '../../src/rituals/track.js';

describe('periods across daylight-saving changes', () => {
  it('runs in a zone with daylight saving', () => {
    expect(new Date('2026-03-28T12:00:00').getTimezoneOffset()).toBe(-60);
    expect(new Date('2026-03-30T12:00:00').getTimezoneOffset()).toBe(-120);
  });

  it("the stats calendar's days and weeks run straight through the change", () => {
    expect(daysFromTo('2026-03-28', '2026-03-31')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    expect(daysFromTo('2026-10-24', '2026-10-27')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(daysFromTo('2026-03-23', '2026-04-06', 7)).toEqual(['2026-03-23', '2026-03-30', '2026-04-06']);
    expect(daysFromTo('2026-10-19', '2026-11-01', 7)).toEqual(['2026-10-19', '2026-10-26']);
    expect(daysFromTo('2026-03-31', '2026-03-30')).toEqual([]);
    const year = daysFromTo('2026-01-01', '2026-12-31');
    expect(year).toHaveLength(365);
    expect(new Set(year).size).toBe(365);
  });

  it('daily periods have no gap or overlap when the clocks change', () => {
    const daily = parseCadence('daily') as Periodic;
    // Clocks go forward on 29 March 2026 and back on 25 October 2026 in Berlin.
    const days = ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26'];
    const indices = days.map((day) => periodIndex(daily, '2026-03-01', day, 1));
    expect(indices[1]! - indices[0]!).toBe(1);
    expect(indices[2]! - indices[1]!).toBe(1);
    expect(indices[4]! - indices[3]!).toBe(1);
    expect(indices[5]! - indices[4]!).toBe(1);
    expect(periodAt(daily, '2026-03-01', indices[1]!, 1)).toMatchObject({ start: '2026-03-29', end: '2026-03-29' });
  });

  it('a daily streak runs straight through the change', () => {
    const daily = parseCadence('daily');
    if ('error' in daily) throw new Error(daily.error);
    const occurrences = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'].map((day) => ({
      day,
      author: 'Alex',
      type: 'affection',
    }));
    const status = trackRitual({
      ritual: { name: 'affection', counts: ['affection'], cadence: daily, cadenceText: 'daily', who: 'either' },
      partners: [],
      occurrences,
      weekStartsOn: 1,
      today: '2026-03-30',
    });
    expect(status.subjects[0]).toMatchObject({ state: 'done', currentStreak: 4 });
  });

  it('two-week periods stay aligned to the weeks across the change', () => {
    const fortnight = parseCadence('every 2 weeks') as Periodic;
    const index = periodIndex(fortnight, '2026-03-16', '2026-03-30', 1);
    expect(periodAt(fortnight, '2026-03-16', index, 1)).toMatchObject({ start: '2026-03-30', end: '2026-04-12' });
  });

  it('period indexes match date-fns counted from the anchor, over years of days and both week starts', () => {
    // The definition periodIndex keeps: calendar units from the start of the anchor's own period.
    const expected = (cadence: Periodic, anchor: string, day: string, weekStartsOn: 0 | 1): number => {
      const start = parseISO(anchor);
      const date = parseISO(day);
      const units =
        cadence.unit === 'day'
          ? differenceInCalendarDays(date, start)
          : cadence.unit === 'week'
            ? differenceInCalendarWeeks(date, startOfWeek(start, { weekStartsOn }), { weekStartsOn })
            : differenceInCalendarMonths(date, startOfMonth(start));
      return Math.floor(units / cadence.every);
    };
    const cadences = ['daily', 'every 3 days', 'weekly', 'every 2 weeks', 'monthly', 'every 3 months'].map(
      (text) => parseCadence(text) as Periodic,
    );
    const anchors = ['1999-12-31', '2024-02-29', '2026-03-29', '2026-10-25'];
    for (let day = parseISO('2023-12-20'); day < parseISO('2027-01-10'); day = addDays(day, 5)) {
      for (const cadence of cadences) {
        for (const anchor of anchors) {
          for (const weekStartsOn of [0, 1] as const) {
            expect(periodIndex(cadence, anchor, toDay(day), weekStartsOn)).toBe(
              expected(cadence, anchor, toDay(day), weekStartsOn),
            );
          }
        }
      }
    }
    // Not real days: no period, as date-fns says.
    for (const day of ['2026-02-29', '2024-02-30', '2026-13-01', '2026-04-31', '2026-01-00']) {
      expect(periodIndex(cadences[0]!, '2026-01-01', day, 1)).toBeNaN();
      expect(expected(cadences[0]!, '2026-01-01', day, 1)).toBeNaN();
    }
    expect(periodIndex(cadences[2]!, '2024-02-01', '2024-02-29', 1)).toBe(4);
  });
});
