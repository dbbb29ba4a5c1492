import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseDateSpan, typedDateSpan } from '../../src/reading/dates.js';

// Wednesday 25 November 2026, 15:30 local time.
const NOW = new Date(2026, 10, 25, 15, 30, 0);
const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) => new Date(y, m - 1, d, h, min, s, ms);

describe('date phrases', () => {
  it.each([
    ['today', local(2026, 11, 25), local(2026, 11, 25, 23, 59, 59, 999)],
    ['yesterday', local(2026, 11, 24), local(2026, 11, 24, 23, 59, 59, 999)],
    ['this week', local(2026, 11, 23), local(2026, 11, 29, 23, 59, 59, 999)],
    ['last week', local(2026, 11, 16), local(2026, 11, 22, 23, 59, 59, 999)],
    ['last month', local(2026, 10, 1), local(2026, 10, 31, 23, 59, 59, 999)],
    ['this year', local(2026, 1, 1), local(2026, 12, 31, 23, 59, 59, 999)],
    ['last year', local(2025, 1, 1), local(2025, 12, 31, 23, 59, 59, 999)],
    ['3 months ago', local(2026, 8, 25), local(2026, 8, 25, 23, 59, 59, 999)],
    ['a week ago', local(2026, 11, 18), local(2026, 11, 18, 23, 59, 59, 999)],
    ['2 years ago', local(2024, 11, 25), local(2024, 11, 25, 23, 59, 59, 999)],
    ['last 10 days', local(2026, 11, 15), local(2026, 11, 25, 23, 59, 59, 999)],
    ['  Last   Week ', local(2026, 11, 16), local(2026, 11, 22, 23, 59, 59, 999)],
  ])('%s', (phrase, start, end) => {
    expect(parseDateSpan(phrase, NOW)).toEqual({ start, end });
  });

  it('reads ISO days and months as local spans, and full date-times as instants', () => {
    expect(parseDateSpan('2026-02-28', NOW)).toEqual({
      start: local(2026, 2, 28),
      end: local(2026, 2, 28, 23, 59, 59, 999),
    });
    expect(parseDateSpan('2024-02', NOW)).toEqual({
      start: local(2024, 2, 1),
      end: local(2024, 2, 29, 23, 59, 59, 999),
    });
    const instant = new Date('2026-11-25T08:00:00Z');
    expect(parseDateSpan('2026-11-25T09:00:00+01:00', NOW)).toEqual({ start: instant, end: instant });
  });

  it('3 months ago from the last day of a month lands on the last day of the shorter month', () => {
    expect(parseDateSpan('3 months ago', local(2026, 5, 31, 12))?.start).toEqual(local(2026, 2, 28));
  });

  it.each(['', 'tomorrowish', '3 mnths ago', '2026-02-31', '2026-13', 'last fortnight', 'x days ago'])(
    'refuses %j',
    (text) => {
      expect(parseDateSpan(text, NOW)).toBeUndefined();
    },
  );
});

describe('dates typed outside the years intimacy reads (1900 to 2999)', () => {
  it.each([
    '0001-01-05',
    '0099-12-01',
    '0500-01-01',
    '1899-12-31',
    '3000-01-01',
    '9999-12-30',
    '0001-02',
    '400 years ago',
    '9999 years ago',
  ])('%j is a usage error that names the bound and the day as typed', (text) => {
    expect(() => typedDateSpan('--since', text, NOW)).toThrow(UsageError);
    // As typed: 0099 is never shown as 99, nor compared as the year 1999.
    expect(() => typedDateSpan('--since', text, NOW)).toThrow(
      `--since "${text}" is outside the years intimacy reads (1900 to 2999).`,
    );
  });

  it('takes the first and the last day of those years', () => {
    expect(typedDateSpan('--since', '1900-01-01', NOW).start).toEqual(local(1900, 1, 1));
    expect(typedDateSpan('--until', '2999-12-31', NOW).end).toEqual(local(2999, 12, 31, 23, 59, 59, 999));
  });

  it('still says when it does not understand the words', () => {
    expect(() => typedDateSpan('week', 'someday', NOW)).toThrow(/week does not understand "someday"/);
  });
});
