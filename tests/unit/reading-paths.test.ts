import { describe, expect, it } from 'vitest';
import { bothFolders, foldersBetween, foldersForPrefix } from '../../src/reading/folder-range.js';
import { requiredText } from '../../src/reading/literal.js';
import {
  shortIdAmong,
  shortIdInSorted,
  shortIdInSortedLists,
  shortIds,
  shortIdsInSorted,
} from '../../src/reading/query.js';
import { compilePattern } from '../../src/reading/search.js';

const DAY = 86_400_000;

describe('which folders a reading command lists', () => {
  it('keeps the year and month folders that can hold a stamp between the dates, with the slack', () => {
    const test = foldersBetween(new Date('2024-03-01T00:00:00Z'), new Date('2024-05-31T23:59:59Z'), DAY);
    // 29 February is within a day of 1 March: its folder is kept.
    expect(['2023', '2024', '2025'].map(test)).toEqual([false, true, false]);
    expect(['202401', '202402', '202403', '202405', '202406'].map(test)).toEqual([false, true, true, true, true]);
    expect(foldersBetween(undefined, new Date('2020-01-15T00:00:00Z'), DAY)('202002')).toBe(false);
    expect(foldersBetween(undefined, undefined, DAY)('199901')).toBe(true);
  });

  it('keeps the folders an id prefix can lie in, however short the prefix', () => {
    expect(['2026', '2025', '202611', '202610'].map(foldersForPrefix('20261125T18'))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(['2026', '202611', '202601', '202511'].map(foldersForPrefix('20261'))).toEqual([true, true, false, false]);
    expect(foldersForPrefix('zz')('2026')).toBe(false);
    expect(
      bothFolders(foldersForPrefix('2026'), foldersBetween(new Date('2026-06-01T00:00:00Z'), undefined, DAY))('202603'),
    ).toBe(false);
  });
});

describe('the text grep asks git for first', () => {
  const text = (source: string, fixed = false, ignoreCase = false) => requiredText({ source, fixed, ignoreCase });

  it('is the pattern itself when it is plain text', () => {
    expect(text('lighthouse')).toEqual({ text: 'lighthouse', ignoreCase: false });
    expect(text('a "quoted" C:\\path', true)).toEqual({ text: 'a "quoted" C:\\path', ignoreCase: false });
    expect(text('(sorry)', true)).toEqual({ text: '(sorry)', ignoreCase: false });
    expect(text('café au lait')).toEqual({ text: 'café au lait', ignoreCase: false });
  });

  it('is unknown for a regular expression', () => {
    for (const source of ['thank(s| you)', 'co?ffee', '^walk', 'a.b', 'x+', '\\bwalk'])
      expect(text(source), source).toBeUndefined();
  });

  it('with -i, avoids k, s and non-ASCII, which JavaScript folds more widely than a byte search', () => {
    expect(text('lighthouse', false, true)).toEqual({ text: 'lighthou', ignoreCase: true });
    expect(text('kissing', false, true)).toEqual({ text: 'ing', ignoreCase: true });
    expect(text('kiss', false, true)).toBeUndefined();
    expect(text('Zoë walked', false, true)).toEqual({ text: ' wal', ignoreCase: true });
    // The reason: /iu matches the Kelvin sign to k.
    expect(compilePattern({ source: 'kiss', fixed: false, ignoreCase: true }).test('\u212AISS')).toBe(true);
  });
});

describe('short ids', () => {
  it('never end inside a character as the screen shows it', () => {
    // File names hold Hangul as its letters apart (NFD); a letter past U+FFFF is a surrogate pair.
    const hangul = '20261208T080000Z-gratitude-최민준'.normalize('NFD');
    const astral = '20261208T080000Z-gratitude-𠀀𠀁';
    const ids = [hangul, '20261208T080000Z-gratitude-陈静', astral, '20261208T080000Z-gratitude-𠀀𠀂'].sort();
    const short = shortIdsInSorted(ids);
    expect(short(hangul)).toBe('20261208T080000Z-gratitude-최'.normalize('NFD'));
    expect(short(astral)).toBe(astral);
    for (const id of ids) expect(short(id)).not.toMatch(/[\ud800-\udbff]$/);
    expect(shortIds([hangul, '20261208T080000Z-gratitude-alex']).get(hangul)).toBe(
      '20261208T080000Z-gratitude-최'.normalize('NFD'),
    );
  });

  it('one id among others is shortened as in a listing of all of them', () => {
    const ids = [
      '20261125T183209Z-gratitude-alex',
      '20261125T183209Z-gratitude-jordan',
      '20261125T190000Z-checkin-alex',
      '20261126T080000Z-date-jordan',
      '20261125T183209Z-gratitude-alex-2',
    ];
    const all = shortIds(ids);
    for (const id of ids) expect(shortIdAmong(id, ids), id).toBe(all.get(id));
    expect(shortIdAmong(ids[0]!, [...ids, ids[0]!])).toBe(ids[0]);
  });

  it('found by halving a sorted list, an id is shortened exactly as by a scan of the list', () => {
    // ids close together and far apart, twins (a shared and a private entry), and ids not in the list
    const ids = [
      '20251231T235959Z-repair-jordan',
      '20261125T183209Z-gratitude-alex',
      '20261125T183209Z-gratitude-alex',
      '20261125T183209Z-gratitude-alex-2',
      '20261125T183209Z-gratitude-jordan',
      '20261125T183210Z-gratitude-alex',
      '20261125T190000Z-checkin-alex',
      '20261126T080000Z-date-jordan',
      '20261126T080000Z-date-jordan',
    ];
    const sorted = [...ids].sort();
    const probes = [...ids, '20200101T000000Z-date-alex', '20261125T183209Z-gratitude-b', '20991231T000000Z-x-y'];
    for (const id of probes) expect(shortIdInSorted(id, sorted), id).toBe(shortIdAmong(id, ids));
    expect(shortIdInSorted(ids[0]!, [])).toBe(shortIdAmong(ids[0]!, []));
    // and found from one map, as a whole log finds them
    const shortId = shortIdsInSorted(sorted);
    for (const id of probes) expect(shortId(id), id).toBe(shortIdAmong(id, ids));
    expect(shortIdsInSorted([])(ids[0]!)).toBe(shortIdAmong(ids[0]!, []));
    // and from several sorted lists (grep's folder and its neighbours), however the ids are dealt
    // out among them: twins in one list or in two, a neighbour in the next list, lists left empty
    for (const lists of [1, 2, 3, 5].map((count) => dealtOut(ids, count)))
      for (const id of probes)
        expect(shortIdInSortedLists(id, lists), `${id} in ${lists.length}`).toBe(shortIdAmong(id, ids));
    expect(shortIdInSortedLists(ids[0]!, [[], []])).toBe(shortIdAmong(ids[0]!, []));
  });
});

/** `ids` dealt out in turn into `count` lists, each then sorted. */
function dealtOut(ids: string[], count: number): string[][] {
  const lists: string[][] = Array.from({ length: count }, () => []);
  for (const [i, id] of ids.entries()) lists[i % count]!.push(id);
  return lists.map((list) => list.sort());
}
