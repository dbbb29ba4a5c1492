import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseSettings } from '../../src/journal/settings.js';
import { mergeSettingsTexts } from '../../src/journal/settings-merge.js';
import { IMPLICIT_RITUALS } from '../../src/store/implicit-settings.js';

const base = [
  '# intimacy journal settings',
  'version: 1',
  'partners:',
  '  - Alex',
  '  - Jordan',
  'rituals:',
  '  checkin:',
  '    cadence: weekly # our hour',
  '    who: together',
  '',
].join('\n');

describe('intimacy.yaml changed on both sides', () => {
  it('takes each side’s change of another setting, at any depth, keeping our comments and order', () => {
    const ours = `${base}  hugs:\n    cadence: daily\n    who: either\n`;
    const theirs = `${base.replace('version: 1', 'version: 1\nweekStart: sunday')}  walks:\n    cadence: weekly\n    who: each\n`;
    const merged = mergeSettingsTexts(base, ours, theirs) ?? '';
    expect(merged).toContain('cadence: weekly # our hour');
    expect(merged.startsWith('# intimacy journal settings\n')).toBe(true);
    const settings = parseSettings(merged);
    expect(settings.extra.weekStart).toBe('sunday');
    expect(Object.keys(settings.extra.rituals as object)).toEqual(['checkin', 'hugs', 'walks']);
  });

  it('takes a setting removed on one side and left alone on the other', () => {
    const ours = `${base}  hugs:\n    cadence: daily\n`;
    const fewer = `${base.replace(/rituals:[\s\S]*$/, '')}autosync: true\n`;
    // The other removed the whole rituals list while we added one to it: both changed it.
    expect(mergeSettingsTexts(base, ours, fewer)).toBeUndefined();
    const removedThere = base.replace('    who: together\n', '');
    const merged = mergeSettingsTexts(base, `${base}autosync: true\n`, removedThere) ?? '';
    expect(parseSettings(merged).extra).toMatchObject({ autosync: true, rituals: { checkin: { cadence: 'weekly' } } });
    expect((parseSettings(merged).extra.rituals as { checkin: object }).checkin).not.toHaveProperty('who');
  });

  it('is no merge when one setting was set two ways, a list changed on both sides, or a side is no settings', () => {
    const weekly = (cadence: string) => base.replace('cadence: weekly', `cadence: ${cadence}`);
    expect(mergeSettingsTexts(base, weekly('daily'), weekly('2/week'))).toBeUndefined();
    const partners = (name: string) => base.replace('  - Jordan', `  - Jordan\n  - ${name}`);
    expect(mergeSettingsTexts(base, partners('Sam'), partners('Robin'))).toBeUndefined();
    expect(mergeSettingsTexts(base, `${base}autosync: true\n`, 'partners: [Alex, Jordan]\n')).toBeUndefined();
    expect(mergeSettingsTexts(base, `${base}autosync: true\n`, 'a: [unclosed\n')).toBeUndefined();
    // The same change on both sides is one change.
    expect(mergeSettingsTexts(base, weekly('daily'), weekly('daily'))).toBe(weekly('daily'));
  });

  it('leaves a file that shares values through aliases to the couple, and refuses a bomb unexpanded', () => {
    const aliased = `${base}  hugs: &same\n    cadence: daily\n  kisses: *same\n`;
    expect(
      mergeSettingsTexts(
        aliased,
        aliased.replace('version: 1', 'version: 1\nautosync: true'),
        `${aliased}weekStart: sunday\n`,
      ),
    ).toBeUndefined();
    const bomb = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`,
      );
    expect(mergeSettingsTexts(base, `${base}autosync: true\n`, `${bomb.join('\n')}\n`)).toBeUndefined();
  });

  it('reads a file without rituals as the default ones, so a ritual removed on one side stays removed', () => {
    const fresh = { version: 1, partners: ['Alex', 'Jordan'] };
    const { date, ...withoutDate } = IMPLICIT_RITUALS;
    expect(date).toBeDefined();
    const read = { counts: ['read'], cadence: 'weekly', who: 'each' };
    // Each wrote the defaults out before changing them: one removed date, one added read.
    const merged = mergeSettingsTexts(
      stringify(fresh),
      stringify({ ...fresh, rituals: withoutDate }),
      stringify({ ...fresh, rituals: { ...IMPLICIT_RITUALS, read } }),
    );
    const names = (text: string | undefined) => Object.keys(parseSettings(text ?? '').extra.rituals as object).sort();
    expect(names(merged)).toEqual(['checkin', 'gratitude', 'read', 'repair']);
    // Ours left them out, theirs added one: the defaults are written out beside it.
    const added = mergeSettingsTexts(
      stringify(fresh),
      stringify({ ...fresh, autosync: true }),
      stringify({ ...fresh, rituals: { ...IMPLICIT_RITUALS, read } }),
    );
    expect(names(added)).toEqual(['checkin', 'date', 'gratitude', 'read', 'repair']);
    expect(parseSettings(added ?? '').extra.autosync).toBe(true);
  });

  it('is no merge when the other side added or changed a comment, which ours would lose', () => {
    const theirs = `${base}weekStart: sunday # Jordan: church first\n`;
    expect(mergeSettingsTexts(base, `${base}autosync: true\n`, theirs)).toBeUndefined();
    const reworded = base.replace('# our hour', '# the hour after dinner');
    expect(mergeSettingsTexts(base, `${base}autosync: true\n`, reworded)).toBeUndefined();
  });

  it('keeps every comment and quote of ours when ours changed only those, and theirs a setting', () => {
    const ours = base.replace('  - Jordan', '  - "Jordan"  # my love') + '# a note at the end\n';
    const merged = mergeSettingsTexts(base, ours, `${base}  walks:\n    cadence: weekly\n`) ?? '';
    expect(merged).toContain('# intimacy journal settings');
    expect(merged).toContain('  - "Jordan" # my love');
    expect(merged).toContain('cadence: weekly # our hour');
    expect(merged).toContain('# a note at the end');
    expect(Object.keys(parseSettings(merged).extra.rituals as object)).toEqual(['checkin', 'walks']);
  });
});
