import { describe, expect, it } from 'vitest';
import {
  candidateFileName,
  entryLocation,
  isEntryName,
  isEntryPath,
  parseEntryName,
  slugify,
  utcStamp,
} from '../../src/store/naming.js';

describe('entry file naming', () => {
  it('files an entry under its UTC year and month with stamp, type and author', () => {
    // 00:30 on 1 January in UTC+02:00 is still December in UTC.
    const when = new Date('2026-01-01T00:30:05+02:00');
    expect(entryLocation(when, 'checkin', 'Alex')).toEqual({
      dir: 'entries/2025/12',
      stem: '20251231T223005Z-checkin-alex',
    });
  });

  it('stamps sort in time order across time zones', () => {
    const a = utcStamp(new Date('2026-03-01T09:00:00+09:00'));
    const b = utcStamp(new Date('2026-03-01T01:00:00-05:00'));
    expect(a < b).toBe(true);
  });

  it('slugs keep letters of any script and join words with _', () => {
    expect(slugify('Mary-Ann O’Neil')).toBe('mary_ann_o_neil');
    expect(slugify('Zoë')).toBe('zoe');
    expect(slugify('יעל')).toBe('יעל');
    expect(slugify('../../etc/passwd')).toBe('etc_passwd');
    expect(slugify('   ')).toBe('someone');
    expect(slugify('x'.repeat(100)).length).toBe(40);
  });

  it('reads a name back unambiguously, even with multi-word parts and a suffix', () => {
    const name = parseEntryName('20261125T183209Z-date_night-mary_ann-2.md');
    expect(name).toMatchObject({
      id: '20261125T183209Z-date_night-mary_ann-2',
      typeSlug: 'date_night',
      authorSlug: 'mary_ann',
    });
    expect(name?.time.toISOString()).toBe('2026-11-25T18:32:09.000Z');
    expect(parseEntryName('.20261125T183209Z-gratitude-alex.md.tmp-1-ab')).toBeUndefined();
    expect(parseEntryName('notes.md')).toBeUndefined();
  });

  it('takes a name as an entry exactly when its stamp reads as a time', () => {
    // The name's stamp is checked by its digits; it must agree with Date on every edge.
    const pad = (n: number) => String(n).padStart(2, '0');
    const times = [0, 1, 9, 23, 24, 25, 59, 60, 99];
    let disagreements = 0;
    let entries = 0;
    for (const year of ['0000', '1970', '2026', '9999'])
      for (let month = 0; month <= 13; month++)
        for (const day of [0, 1, 28, 29, 30, 31, 32, 99])
          for (const hour of times)
            for (const minute of times)
              for (const second of times) {
                const stamp = `${year}${pad(month)}${pad(day)}T${pad(hour)}${pad(minute)}${pad(second)}Z`;
                const iso = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
                const expected = new Date(iso);
                const name = parseEntryName(`${stamp}-gratitude-alex.md`);
                if (name) entries++;
                // and a listing, which only asks whether a name is an entry's, agrees
                const agrees =
                  (Number.isNaN(expected.getTime())
                    ? name === undefined
                    : name?.time.getTime() === expected.getTime()) &&
                  isEntryName(`${stamp}-gratitude-alex.md`) === (name !== undefined);
                if (!agrees) disagreements++;
              }
    expect(disagreements).toBe(0);
    expect(entries).toBeGreaterThan(10_000);
  });

  it('suffixes a name that is taken', () => {
    expect(candidateFileName('s', 1)).toBe('s.md');
    expect(candidateFileName('s', 3)).toBe('s-3.md');
  });

  it('knows entry paths from strays', () => {
    expect(isEntryPath('entries/2026/11/20261125T183209Z-gratitude-alex.md')).toBe(true);
    expect(isEntryPath('entries/2026/11/.20261125T183209Z-gratitude-alex.tmp-1')).toBe(false);
    expect(isEntryPath('entries/README.md')).toBe(false);
  });
});
