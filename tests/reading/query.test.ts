import { describe, expect, it } from 'vitest';
import {
  entryMatches,
  filterFor,
  looksLikeId,
  nameMayMatch,
  newestFirst,
  resolveIdPrefix,
  shortIds,
  sortNewestFirst,
} from '../../src/reading/query.js';
import type { Entry } from '../../src/store/entry.js';
import { misnamedAmong } from '../../src/store/misnamed.js';
import { parseEntryName } from '../../src/store/naming.js';

const entry = (over: Partial<Entry> = {}): Entry => ({
  type: 'gratitude',
  author: 'Mary Ann',
  date: '2026-11-25T19:32:09+01:00',
  tags: ['home', 'Kindness'],
  fields: {},
  body: 'text\n',
  ...over,
});
const name = (file: string) => {
  const parsed = parseEntryName(file);
  if (!parsed) throw new Error(file);
  return parsed;
};

describe('filters', () => {
  it('match types and authors by their slugs, any of several', () => {
    expect(entryMatches(entry(), filterFor({ authorNames: ['mary ann'] }))).toBe(true);
    expect(entryMatches(entry(), filterFor({ authorNames: ['Jordan', 'Mary-Ann'] }))).toBe(true);
    expect(entryMatches(entry(), filterFor({ authorNames: ['Jordan'] }))).toBe(false);
    expect(entryMatches(entry({ type: 'date night' }), filterFor({ typeNames: ['date_night'] }))).toBe(true);
    expect(entryMatches(entry(), filterFor({ typeNames: ['checkin'] }))).toBe(false);
  });

  it('match any of the tags, ignoring case', () => {
    expect(entryMatches(entry(), filterFor({ tags: ['kindness'] }))).toBe(true);
    expect(entryMatches(entry(), filterFor({ tags: ['work', 'home'] }))).toBe(true);
    expect(entryMatches(entry(), filterFor({ tags: ['work'] }))).toBe(false);
  });

  it('compare dates as instants, whatever zone the entry was written in', () => {
    const tokyo = entry({ date: '2026-11-26T03:00:00+09:00' }); // 2026-11-25T18:00Z
    expect(entryMatches(tokyo, filterFor({ since: new Date('2026-11-25T17:59:59Z') }))).toBe(true);
    expect(entryMatches(tokyo, filterFor({ since: new Date('2026-11-25T18:00:01Z') }))).toBe(false);
    expect(entryMatches(tokyo, filterFor({ until: new Date('2026-11-25T18:00:00Z') }))).toBe(true);
    const items = [
      { entry: tokyo, file: { id: 'b' } },
      { entry: entry({ date: '2026-11-25T13:30:00-05:00' }), file: { id: 'a' } }, // 18:30Z, later
    ];
    expect(items.sort(newestFirst).map((i) => i.file.id)).toEqual(['a', 'b']);
  });

  it('a whole listing sorted with each date read once comes out in the order of newestFirst', () => {
    // the same instant written in three zones (ties broken by id), and a spread of others
    const zones = ['+00:00', '+09:00', '-05:00', '+05:30'];
    const items = Array.from({ length: 400 }, (_, i) => {
      const at = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 97) * 3_600_000);
      const zone = zones[i % zones.length]!;
      const [sign, hh, mm] = [zone[0] === '-' ? -1 : 1, Number(zone.slice(1, 3)), Number(zone.slice(4))];
      const local = new Date(at.getTime() + sign * (hh * 60 + mm) * 60_000).toISOString().slice(0, 19);
      return { entry: entry({ date: `${local}${zone}` }), file: { id: `id-${(i * 31) % 400}` } };
    });
    const expected = [...items].sort(newestFirst).map((i) => i.file.id);
    expect(sortNewestFirst([...items]).map((i) => i.file.id)).toEqual(expected);
  });

  it('on this day: same local month and day, earlier years only', () => {
    const today = new Date(2026, 10, 25, 9);
    const at = (y: number, m: number, d: number) => entry({ date: new Date(y, m - 1, d, 12).toISOString() });
    const filter = filterFor({ onThisDay: today });
    expect(entryMatches(at(2025, 11, 25), filter)).toBe(true);
    expect(entryMatches(at(2019, 11, 25), filter)).toBe(true);
    expect(entryMatches(at(2026, 11, 25), filter)).toBe(false);
    expect(entryMatches(at(2025, 11, 24), filter)).toBe(false);
  });

  it('decide from the name alone, with a day of slack on dates', () => {
    const file = Object.assign(name('20261125T183209Z-date_night-mary_ann-2.md'), { relPath: 'entries/2026/11/x.md' });
    expect(nameMayMatch(file, filterFor({ typeNames: ['date night'] }))).toBe(true);
    expect(nameMayMatch(file, filterFor({ typeNames: ['gratitude'] }))).toBe(false);
    expect(nameMayMatch(file, filterFor({ authorNames: ['Jordan'] }))).toBe(false);
    expect(nameMayMatch(file, filterFor({ since: new Date('2026-11-26T12:00:00Z') }))).toBe(true);
    expect(nameMayMatch(file, filterFor({ since: new Date('2026-11-27T12:00:00Z') }))).toBe(false);
    expect(nameMayMatch(file, filterFor({ until: new Date('2026-11-23T12:00:00Z') }))).toBe(false);
    expect(nameMayMatch(file, filterFor({ onThisDay: new Date('2027-11-25T10:00:00Z') }))).toBe(true);
    expect(nameMayMatch(file, filterFor({ onThisDay: new Date('2027-06-25T10:00:00Z') }))).toBe(false);
    expect(nameMayMatch(file, filterFor({ onThisDay: new Date('2025-11-25T10:00:00Z') }))).toBe(false);
  });

  it('a name that disagrees with its front matter is judged by the front matter, which log shows', () => {
    const relPath = 'entries/2026/11/20261125T183000Z-gratitude-alex.md';
    const file = Object.assign(name('20261125T183000Z-gratitude-alex.md'), { relPath });
    const misnamed = misnamedAmong([{ relPath, type: 'Appreciation', author: 'Jordan' }]);
    expect([...misnamed.values()]).toEqual([{ typeSlug: 'appreciation', authorSlug: 'jordan' }]);
    expect(nameMayMatch(file, filterFor({ authorNames: ['Jordan'], misnamed }))).toBe(true);
    expect(nameMayMatch(file, filterFor({ typeNames: ['appreciation'], misnamed }))).toBe(true);
    expect(nameMayMatch(file, filterFor({ authorNames: ['Alex'], misnamed }))).toBe(false);
    expect(nameMayMatch(file, filterFor({ typeNames: ['gratitude'], misnamed }))).toBe(false);
    // Names that agree (a collision suffix, a conflict copy) are not listed.
    const agreeing = ['-2.md', '-conflict_jordan.md', '-3-conflict_jordan_2.md', '.md'].map((end) => ({
      relPath: `entries/2026/11/20261125T183000Z-gratitude-alex${end}`,
      type: 'gratitude',
      author: 'Alex',
    }));
    expect(misnamedAmong(agreeing).size).toBe(0);
    expect(
      misnamedAmong([
        { relPath: 'entries/2026/11/20261125T183000Z-gratitude-alex_b.md', type: 'gratitude', author: 'Alex' },
      ]).size,
    ).toBe(1);
    // This computer's private files are not in the cache: never refused by their name's author or type.
    const own = Object.assign(name('20261125T183000Z-gratitude-alex.md'), { relPath: `.intimacy/private/${relPath}` });
    expect(nameMayMatch(own, filterFor({ authorNames: ['Jordan'], typeNames: ['appreciation'] }))).toBe(true);
  });
});

describe('ids by unique prefix', () => {
  const files = [
    '20261125T183209Z-gratitude-alex',
    '20261125T183209Z-gratitude-jordan',
    '20261124T090000Z-checkin-alex',
  ].map((id) => ({ id }));

  it('finds one entry by a unique prefix, or by its full id', () => {
    expect(resolveIdPrefix('20261124', files)).toEqual({ kind: 'one', file: { id: '20261124T090000Z-checkin-alex' } });
    expect(resolveIdPrefix('20261125t183209z-gratitude-J', files)).toEqual({
      kind: 'one',
      file: { id: '20261125T183209Z-gratitude-jordan' },
    });
    expect(resolveIdPrefix('20261125T183209Z-gratitude-alex.md', files)).toEqual({
      kind: 'one',
      file: { id: '20261125T183209Z-gratitude-alex' },
    });
  });

  it('finds an id typed exactly as spelled, beside one that differs from it only in case', () => {
    const clash = [{ id: '20261125T183209Z-Gratitude-Alex' }, { id: '20261125T183209Z-gratitude-alex' }];
    for (const { id } of clash) expect(resolveIdPrefix(id, clash)).toEqual({ kind: 'one', file: { id } });
  });

  it('lists the candidates of an ambiguous prefix, and finds none for a stranger', () => {
    const result = resolveIdPrefix('20261125', files);
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' && result.candidates.map((c) => c.id)).toEqual([
      '20261125T183209Z-gratitude-alex',
      '20261125T183209Z-gratitude-jordan',
    ]);
    expect(resolveIdPrefix('2025', files)).toEqual({ kind: 'none' });
    expect(resolveIdPrefix(' ', files)).toEqual({ kind: 'none' });
  });

  it('short ids are as long as needed to find each entry again', () => {
    const all = [...files.map((f) => f.id), '20261125T183209Z-gratitude-alex-2'];
    const short = shortIds(all);
    expect(short.get('20261124T090000Z-checkin-alex')).toBe('20261124T09');
    expect(short.get('20261125T183209Z-gratitude-j')).toBeUndefined();
    expect(short.get('20261125T183209Z-gratitude-jordan')).toBe('20261125T183209Z-gratitude-j');
    expect(short.get('20261125T183209Z-gratitude-alex-2')).toBe('20261125T183209Z-gratitude-alex-2');
    for (const [id, prefix] of short)
      expect(
        resolveIdPrefix(
          prefix,
          all.map((x) => ({ id: x })),
        ),
      ).toEqual({ kind: 'one', file: { id } });
  });

  it('tells ids from dates', () => {
    expect(looksLikeId('20261125T18')).toBe(true);
    expect(looksLikeId('2026112')).toBe(true);
    expect(looksLikeId('2026-11-25')).toBe(false);
    expect(looksLikeId('yesterday')).toBe(false);
  });
});
