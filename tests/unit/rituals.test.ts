import { describe, expect, it } from 'vitest';
import { describeCadence, parseCadence } from '../../src/rituals/cadence.js';
import { type Ritual, readRituals } from '../../src/rituals/definitions.js';
import { dayOfEntry, type Periodic, periodAt, periodIndex } from '../../src/rituals/periods.js';
import { type Occurrence, streaks, trackRitual } from '../../src/rituals/track.js';

function ritual(name: string, cadence: string, who: Ritual['who'], extra: Partial<Ritual> = {}): Ritual {
  const parsed = parseCadence(cadence);
  if ('error' in parsed) throw new Error(parsed.error);
  return { name, counts: [name], cadence: parsed, cadenceText: cadence, who, ...extra };
}

const occ = (day: string, author: string, type = 'checkin', extra: Partial<Occurrence> = {}): Occurrence => ({
  day,
  author,
  type,
  ...extra,
});
const partners = ['Alex', 'Jordan'];

describe('cadence', () => {
  it('reads the ways people say how often', () => {
    expect(parseCadence('daily')).toEqual({ kind: 'periodic', unit: 'day', every: 1, times: 1 });
    expect(parseCadence('Weekly on Sunday')).toEqual({
      kind: 'periodic',
      unit: 'week',
      every: 1,
      times: 1,
      weekday: 0,
    });
    expect(parseCadence('every 2 weeks on fri')).toEqual({
      kind: 'periodic',
      unit: 'week',
      every: 2,
      times: 1,
      weekday: 5,
    });
    expect(parseCadence('3/week')).toEqual({ kind: 'periodic', unit: 'week', every: 1, times: 3 });
    expect(parseCadence('2 times a month')).toEqual({ kind: 'periodic', unit: 'month', every: 1, times: 2 });
    expect(parseCadence('every 10 days')).toEqual({ kind: 'periodic', unit: 'day', every: 10, times: 1 });
    expect(parseCadence('as needed')).toEqual({ kind: 'as-needed' });
  });

  it('explains what is allowed when it cannot read one', () => {
    expect(parseCadence('fortnightly')).toHaveProperty(
      'error',
      expect.stringMatching(/not a cadence; use daily, weekly/),
    );
    expect(parseCadence('weekly on funday')).toHaveProperty('error', expect.stringMatching(/not a weekday/));
    expect(parseCadence('3/week on monday')).toHaveProperty('error');
    expect(parseCadence('every 0 days')).toHaveProperty('error', expect.stringMatching(/out of range/));
  });

  it('describes a cadence back in the same words', () => {
    for (const text of ['daily', 'weekly on sunday', 'every 2 weeks', '3/week', 'monthly', 'as needed']) {
      const parsed = parseCadence(text);
      if ('error' in parsed) throw new Error(parsed.error);
      expect(describeCadence(parsed)).toBe(text);
    }
  });
});

describe('ritual settings', () => {
  it('defaults to a weekly joint check-in, gratitude 3/week each, date every 2 weeks, repair as needed', () => {
    const { rituals, problems } = readRituals(undefined);
    expect(problems).toEqual([]);
    expect(rituals.map((r) => [r.name, describeCadence(r.cadence), r.who])).toEqual([
      ['checkin', 'weekly', 'together'],
      ['gratitude', '3/week', 'each'],
      ['date', 'every 2 weeks', 'either'],
      ['repair', 'as needed', 'either'],
    ]);
  });

  it('reports a broken ritual and keeps the others', () => {
    const { rituals, problems } = readRituals({
      a: { cadence: 'sometimes' },
      b: { cadence: 'daily', who: 'both' },
      c: { counts: 'gratitude', cadence: 'daily' },
    });
    expect(rituals.map((r) => r.name)).toEqual(['c']);
    expect(problems.map((p) => p.ritual)).toEqual(['a', 'b']);
  });

  it('refuses a since: outside the years a journal reads, or a day that does not exist', () => {
    const { rituals, problems } = readRituals({
      ancient: { counts: 'gratitude', cadence: 'daily', since: '0001-01-01' },
      far: { counts: 'gratitude', cadence: 'daily', since: '9999-12-31' },
      nonsense: { counts: 'gratitude', cadence: 'daily', since: '2026-13-45' },
      first: { counts: 'gratitude', cadence: 'daily', since: '1900-01-01' },
      leap: { counts: 'gratitude', cadence: 'daily', since: '2028-02-29' },
    });
    expect(rituals.map((r) => r.name)).toEqual(['first', 'leap']);
    expect(problems).toEqual(
      ['ancient', 'far', 'nonsense'].map((ritual) => ({
        ritual,
        message: '"since" must be a day in the years 1900 to 2999, like 2026-03-01',
      })),
    );
  });
});

describe('periods', () => {
  const weekly = parseCadence('weekly') as Periodic;

  it('a week that crosses the year end is one period', () => {
    // Monday 29 December 2025 to Sunday 4 January 2026
    expect(periodIndex(weekly, '2025-12-01', '2025-12-29', 1)).toBe(periodIndex(weekly, '2025-12-01', '2026-01-04', 1));
    expect(periodAt(weekly, '2025-12-01', periodIndex(weekly, '2025-12-01', '2026-01-01', 1), 1)).toMatchObject({
      start: '2025-12-29',
      end: '2026-01-04',
    });
  });

  it('weeks start on Monday or Sunday as the couple chooses', () => {
    // Sunday 8 March 2026
    expect(periodAt(weekly, '2026-03-01', periodIndex(weekly, '2026-03-01', '2026-03-08', 1), 1)).toMatchObject({
      start: '2026-03-02',
      end: '2026-03-08',
    });
    expect(periodAt(weekly, '2026-03-01', periodIndex(weekly, '2026-03-01', '2026-03-08', 0), 0)).toMatchObject({
      start: '2026-03-08',
      end: '2026-03-14',
    });
  });

  it('month periods end on the last day of each month, leap years included', () => {
    const monthly = parseCadence('2/month') as Periodic;
    expect(periodAt(monthly, '2028-01-15', 1, 1)).toEqual({ index: 1, start: '2028-02-01', end: '2028-02-29' });
    expect(periodIndex(monthly, '2028-01-15', '2028-01-31', 1)).toBe(0);
    expect(periodIndex(monthly, '2028-01-15', '2028-02-01', 1)).toBe(1);
  });

  it('an entry belongs to the calendar day its writer wrote it on', () => {
    expect(dayOfEntry('2026-03-01T23:30:00-08:00')).toBe('2026-03-01');
    expect(dayOfEntry('2026-03-02T08:30:00+09:00')).toBe('2026-03-02');
  });
});

describe('tracking rituals', () => {
  const checkin = ritual('checkin', 'weekly', 'together');

  it('a joint check-in is done only when both partners wrote one that week', () => {
    const base = { ritual: checkin, partners, weekStartsOn: 1 as const, today: '2026-11-25' };
    const one = trackRitual({ ...base, occurrences: [occ('2026-11-23', 'Alex')] }).subjects[0]!;
    expect(one).toMatchObject({ subject: 'us', state: 'due', count: 0, waitingFor: ['Jordan'], daysLeft: 5 });
    const both = trackRitual({ ...base, occurrences: [occ('2026-11-23', 'Alex'), occ('2026-11-24', 'Jordan')] })
      .subjects[0]!;
    expect(both).toMatchObject({ state: 'done', currentStreak: 1, waitingFor: [] });
  });

  it('counts streaks of kept weeks across the year end, and the best one', () => {
    const occurrences = [
      '2025-12-08',
      '2025-12-15',
      '2025-12-22',
      '2025-12-31',
      '2026-01-05',
      '2026-01-19',
      '2026-01-26',
    ].flatMap((d) => [occ(d, 'Alex'), occ(d, 'Jordan')]);
    const status = trackRitual({ ritual: checkin, partners, occurrences, weekStartsOn: 1, today: '2026-01-28' })
      .subjects[0]!;
    expect(status.currentStreak).toBe(2);
    expect(status.bestStreak).toBe(5);
  });

  it('a skipped week does not break the streak', () => {
    const occurrences = [
      ...['2026-06-01', '2026-06-08', '2026-06-22'].flatMap((d) => [occ(d, 'Alex'), occ(d, 'Jordan')]),
      occ('2026-06-16', 'Alex', 'skip', { ritual: 'checkin' }),
    ];
    const status = trackRitual({ ritual: checkin, partners, occurrences, weekStartsOn: 1, today: '2026-06-23' })
      .subjects[0]!;
    expect(status.currentStreak).toBe(3);
    const unskipped = trackRitual({
      ritual: checkin,
      partners,
      occurrences: occurrences.filter((o) => o.type !== 'skip'),
      weekStartsOn: 1,
      today: '2026-06-23',
    }).subjects[0]!;
    expect(unskipped.currentStreak).toBe(1);
  });

  it('this week in progress does not break the streak; a missed last week makes it overdue', () => {
    const kept = ['2026-06-01', '2026-06-08'].flatMap((d) => [occ(d, 'Alex'), occ(d, 'Jordan')]);
    const inProgress = trackRitual({
      ritual: checkin,
      partners,
      occurrences: kept,
      weekStartsOn: 1,
      today: '2026-06-17',
    }).subjects[0]!;
    expect(inProgress).toMatchObject({ state: 'due', currentStreak: 2 });
    const missed = trackRitual({ ritual: checkin, partners, occurrences: kept, weekStartsOn: 1, today: '2026-06-24' })
      .subjects[0]!;
    expect(missed).toMatchObject({ state: 'overdue', currentStreak: 0, bestStreak: 2 });
    expect(inProgress.daysOverdue).toBeUndefined();
    // The week of 15 June ended unkept on Sunday 21: Monday to Wednesday 24 are 3 days overdue.
    expect(missed.daysOverdue).toBe(3);
    // Two weeks missed in a row: overdue since the first of them ended.
    const twoMissed = trackRitual({
      ritual: checkin,
      partners,
      occurrences: kept,
      weekStartsOn: 1,
      today: '2026-07-01',
    });
    expect(twoMissed.subjects[0]).toMatchObject({ state: 'overdue', daysOverdue: 10 });
  });

  it('the week start decides where a Sunday entry counts', () => {
    const occurrences = [occ('2026-03-08', 'Alex'), occ('2026-03-08', 'Jordan')]; // a Sunday
    const monday = trackRitual({ ritual: checkin, partners, occurrences, weekStartsOn: 1, today: '2026-03-09' })
      .subjects[0]!;
    const sunday = trackRitual({ ritual: checkin, partners, occurrences, weekStartsOn: 0, today: '2026-03-09' })
      .subjects[0]!;
    expect(monday.state).toBe('due'); // the Sunday closed the previous week
    expect(sunday.state).toBe('done'); // the Sunday opened this week
  });

  it('partners in different time zones count on their own calendar days', () => {
    // Jordan writes late Sunday evening in California; in UTC it is already Monday.
    const occurrences = [
      occ(dayOfEntry('2026-03-02T09:00:00+01:00')!, 'Alex'),
      occ(dayOfEntry('2026-03-08T23:30:00-08:00')!, 'Jordan'),
    ];
    const status = trackRitual({ ritual: checkin, partners, occurrences, weekStartsOn: 1, today: '2026-03-08' })
      .subjects[0]!;
    expect(status.state).toBe('done');
  });

  it('gratitude 3/week is tracked for each partner', () => {
    const gratitude = ritual('gratitude', '3/week', 'each');
    const occurrences = ['2026-11-23', '2026-11-24', '2026-11-25']
      .map((d) => occ(d, 'Alex', 'gratitude'))
      .concat(occ('2026-11-24', 'Jordan', 'gratitude'));
    const [alex, jordan] = trackRitual({
      ritual: gratitude,
      partners,
      occurrences,
      weekStartsOn: 1,
      today: '2026-11-25',
    }).subjects;
    expect(alex).toMatchObject({ subject: 'Alex', state: 'done', count: 3, needed: 3 });
    expect(jordan).toMatchObject({ subject: 'Jordan', state: 'due', count: 1, needed: 3 });
  });

  it('a ritual added mid-way counts from its start, not before', () => {
    const daily = ritual('affection', 'daily', 'either', { since: '2026-05-10' });
    const occurrences = [
      occ('2026-05-01', 'Alex', 'affection'),
      occ('2026-05-10', 'Alex', 'affection'),
      occ('2026-05-11', 'Jordan', 'affection'),
    ];
    const status = trackRitual({ ritual: daily, partners, occurrences, weekStartsOn: 1, today: '2026-05-12' })
      .subjects[0]!;
    expect(status).toMatchObject({ state: 'due', currentStreak: 2, bestStreak: 2 });
    expect(status.period).toMatchObject({ start: '2026-05-12', end: '2026-05-12' });
  });

  it('weekly on a weekday is upcoming before it, due on it, overdue after it', () => {
    const sundays = ritual('checkin', 'weekly on sunday', 'either');
    // Kept every week up to the one before this (Monday 23 to Sunday 29 November).
    const kept = ['2026-11-08', '2026-11-15', '2026-11-22'].map((day) => occ(day, 'Alex'));
    const base = { ritual: sundays, partners, occurrences: kept, weekStartsOn: 1 as const };
    expect(trackRitual({ ...base, today: '2026-11-27' }).subjects[0]!.state).toBe('upcoming');
    expect(trackRitual({ ...base, today: '2026-11-29' }).subjects[0]!.state).toBe('due');
    const weekStartsSunday = { ...base, weekStartsOn: 0 as const };
    expect(trackRitual({ ...weekStartsSunday, today: '2026-11-30' }).subjects[0]).toMatchObject({
      state: 'overdue',
      daysOverdue: 1,
    });
  });

  it('weekly on a weekday whose last day passed unkept is overdue since that day, not upcoming until the next', () => {
    const sundays = ritual('checkin', 'weekly on sunday', 'either');
    // Kept on Sunday 15 November, not on Sunday 22.
    const base = {
      ritual: sundays,
      partners,
      occurrences: ['2026-11-08', '2026-11-15'].map((day) => occ(day, 'Alex')),
      weekStartsOn: 1 as const,
    };
    expect(trackRitual({ ...base, today: '2026-11-23' }).subjects[0]).toMatchObject({
      state: 'overdue',
      daysOverdue: 1,
      dueDay: '2026-11-29',
    });
    // Two Sundays missed in a row (22 and 29 November): overdue since the first of them.
    expect(trackRitual({ ...base, today: '2026-12-02' }).subjects[0]).toMatchObject({
      state: 'overdue',
      daysOverdue: 10,
    });
    // Kept this week, early: done, though last week's Sunday was missed.
    const early = { ...base, occurrences: [...base.occurrences, occ('2026-11-24', 'Jordan')] };
    expect(trackRitual({ ...early, today: '2026-11-25' }).subjects[0]!.state).toBe('done');
  });

  it('as-needed rituals are tracked but never due', () => {
    const repair = ritual('repair', 'as needed', 'either');
    const status = trackRitual({
      ritual: repair,
      partners,
      occurrences: [occ('2026-02-01', 'Jordan', 'repair')],
      weekStartsOn: 1,
      today: '2026-11-25',
    }).subjects[0]!;
    expect(status).toMatchObject({ state: 'tracked', count: 1, lastDay: '2026-02-01' });
  });

  it('streak arithmetic', () => {
    const kept = new Set([0, 1, 3, 5, 6]);
    expect(
      streaks(
        7,
        (i) => kept.has(i),
        (i) => i === 4,
      ),
    ).toEqual({ currentStreak: 3, bestStreak: 3 });
    expect(
      streaks(
        6,
        (i) => kept.has(i),
        () => false,
      ),
    ).toEqual({ currentStreak: 2, bestStreak: 2 });
  });
});
