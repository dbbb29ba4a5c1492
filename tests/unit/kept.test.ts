import { describe, expect, it } from 'vitest';
import { readRituals } from '../../src/rituals/definitions.js';
import { ritualsKept } from '../../src/rituals/kept.js';
import type { Occurrence } from '../../src/rituals/track.js';

const { rituals } = readRituals({
  checkin: { counts: ['checkin'], cadence: 'weekly', who: 'together' },
  gratitude: { counts: ['gratitude'], cadence: '2/week', who: 'each' },
  repair: { counts: ['repair'], cadence: 'as needed' },
});
const o = (day: string, author: string, type: string, ritual?: string): Occurrence => ({ day, author, type, ritual });

describe('rituals kept over a range', () => {
  // Weeks from Monday: 2, 9, 16 and 23 March 2026; "today" is Wednesday 25 March.
  const occurrences = [
    o('2026-03-08', 'Alex', 'checkin'),
    o('2026-03-08', 'Jordan', 'checkin'),
    o('2026-03-15', 'Alex', 'checkin'), // Jordan missed this week
    o('2026-03-18', 'Jordan', 'skip', 'checkin'),
    o('2026-03-03', 'Alex', 'gratitude'),
    o('2026-03-05', 'alex', 'gratitude'),
    o('2026-03-04', 'Jordan', 'gratitude'),
    o('2026-03-10', 'Jordan', 'skip', 'gratitude'),
    o('2026-03-11', 'Jordan', 'repair'),
  ];
  const kept = ritualsKept({
    rituals,
    occurrences,
    partners: ['Alex', 'Jordan'],
    from: '2026-03-02',
    to: '2026-03-25',
    today: '2026-03-25',
    weekStartsOn: 1,
  });

  it('counts kept, skipped and missed periods; the week in progress only once kept', () => {
    expect(kept[0]).toEqual({
      ritual: 'checkin',
      cadence: 'weekly',
      who: 'together',
      subjects: [{ subject: 'us', kept: 1, skipped: 1, periods: 3 }],
    });
  });

  it("keeps each partner's own tally, a skip holding only its author's period", () => {
    expect(kept[1]?.subjects).toEqual([
      { subject: 'Alex', kept: 1, skipped: 0, periods: 3 },
      { subject: 'Jordan', kept: 0, skipped: 1, periods: 3 },
    ]);
    expect(kept[2]).toMatchObject({ ritual: 'repair', asNeeded: 1, subjects: [] });
  });
});
