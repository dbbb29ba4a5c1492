import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { hanging, padVisible, truncate, visibleWidth, wrap } from '../../src/ui/layout.js';

/** Columns by this test's own count: two for each Han or Hangul letter and each emoji, one for the rest. */
const columnsOf = (text: string) =>
  [...text].reduce(
    (sum, char) => sum + (/[\p{Script=Han}\p{Script=Hangul}\p{Emoji_Presentation}]/u.test(char) ? 2 : 1),
    0,
  );

describe('how wide a text shows on a terminal', () => {
  it('counts a wide letter or an emoji as two columns, an emoji sequence as one emoji and an accent as none', () => {
    expect(visibleWidth('Alex')).toBe(4);
    expect(visibleWidth('陈静')).toBe(4);
    expect(visibleWidth('최민준')).toBe(6);
    expect(visibleWidth('ありがとう')).toBe(10);
    expect(visibleWidth('😀')).toBe(2);
    // A couple, a skin tone, a flag: each one emoji on screen.
    expect(visibleWidth('👩\u200d❤️\u200d👨')).toBe(2);
    expect(visibleWidth('👍🏽')).toBe(2);
    expect(visibleWidth('🇫🇷')).toBe(2);
    expect(visibleWidth('Zoë')).toBe(3);
    expect(visibleWidth('Zoe\u0308')).toBe(3);
    expect(visibleWidth(new Chalk({ level: 1 }).bold('陈静'))).toBe(4);
    // Yi is wide too; an emoji with text presentation (☝, ✌, ❤, with or without U+FE0F) is one
    // column, as xterm and tmux draw it.
    expect(visibleWidth('ꀀꀁꀂ')).toBe(6);
    expect(visibleWidth('\u232a')).toBe(2);
    expect(visibleWidth('☝✌❤️')).toBe(3);
    // Letters of a script with joiners: the joiner takes no column, the letters one each.
    expect(visibleWidth('क्\u200dष')).toBe(2);
  });

  it('pads and cuts by columns, never through a character', () => {
    expect(padVisible('陈静', 6)).toBe('陈静  ');
    expect(columnsOf(padVisible('陈静', 6))).toBe(6);
    expect(truncate('谢谢你昨天做的晚饭', 9)).toBe('谢谢你昨…');
    expect(truncate('谢谢你昨天做的晚饭', 18)).toBe('谢谢你昨天做的晚饭');
    // Letters past U+FFFF (a surrogate pair each), and emoji: the cut falls between them.
    const cut = truncate('𠀀'.repeat(10), 8);
    expect(cut).toBe(`${'𠀀'.repeat(3)}…`);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(truncate('😀😀😀😀', 6)).toBe('😀😀…');
    // A narrow letter past U+FFFF before the cut counts one column, as any letter.
    expect(truncate(`${'J'.repeat(22)}\u{1D400}${'J'.repeat(30)}`, 24)).toBe(`${'J'.repeat(22)}\u{1D400}…`);
    // An emoji sequence or a letter with its accent is kept whole or left out whole.
    expect(truncate('ab👩\u200d❤️\u200d👨cd', 4)).toBe('ab…');
    expect(truncate('ab👩\u200d❤️\u200d👨cd', 5)).toBe('ab👩\u200d❤️\u200d👨…');
    expect(truncate('xe\u0301e\u0301e\u0301', 3)).toBe('xe\u0301…');
    expect(truncate('ok 👍🏽👍🏽', 6)).toBe('ok 👍🏽…');
    // A letter under 5,000 accents (a partner's name) is cut like any long name: the accents
    // past the most one character carries take a column each.
    const piled = `Jordane${'\u0301'.repeat(5000)}`;
    expect(visibleWidth(piled)).toBeGreaterThan(24);
    expect(truncate(piled, 24).length).toBeLessThan(24 * 31);
    expect(visibleWidth(truncate(piled, 24))).toBeLessThanOrEqual(24);
    expect(visibleWidth(`e${'\u0301'.repeat(30)}`)).toBe(1);
    for (let width = 2; width < 30; width++) {
      const text = truncate('we 😀 had 谢谢 and 👩\u200d❤️\u200d👨 🇫🇷 then 최민준 more words', width);
      expect(visibleWidth(text), text).toBeLessThanOrEqual(width);
      expect(text).not.toContain('\ufffd');
    }
  });

  it('wraps a paragraph of wide letters to lines that fit, losing none of them', () => {
    const words = '谢谢你昨天做的晚饭'.repeat(30);
    const lines = wrap(`${words} 好吃`, 21);
    for (const line of lines) expect(columnsOf(line), line).toBeLessThanOrEqual(21);
    expect(lines.join('')).toBe(`${words}好吃`);
    expect(lines[0]).toBe('谢谢你昨天做的晚饭谢');
    // A long word of letters past U+FFFF is cut between them, never through one.
    const astral = wrap('𠀀'.repeat(50), 11);
    for (const line of astral) expect(line).toMatch(/^(?:𠀀){1,5}$/);
    expect(astral.join('')).toBe('𠀀'.repeat(50));
    // A wide letter in a one-column space still gets a line of its own, an emoji sequence or a
    // letter with its marks a line of its own whole.
    expect(wrap('陈静', 1)).toEqual(['陈', '静']);
    expect(wrap('👍🏽 x', 1)).toEqual(['👍🏽', 'x']);
    expect(wrap('👩\u200d👩\u200d👧\u200d👦👩\u200d👩\u200d👧\u200d👦', 1)).toEqual([
      '👩\u200d👩\u200d👧\u200d👦',
      '👩\u200d👩\u200d👧\u200d👦',
    ]);
    expect(wrap('क्\u200dष', 1)).toEqual(['क्\u200d', 'ष']);
    // A sentence without spaces is one word: fewer characters than the line, twice as many columns.
    const sentence = wrap('今天的晚饭非常好吃我们一起散步 谢谢', 20);
    for (const line of sentence) expect(columnsOf(line), line).toBeLessThanOrEqual(20);
    expect(sentence).toEqual(['今天的晚饭非常好吃我', '们一起散步 谢谢']);
    // A word of 200,000 letters of any script is cut in one pass (each line measured only as far as it goes).
    for (const letter of ['Ж', 'ꀀ', '谢', 'é']) {
      const long = wrap(letter.repeat(200_000), 78);
      expect(long.join('')).toBe(letter.repeat(200_000));
      for (const line of long) expect(visibleWidth(line)).toBeLessThanOrEqual(78);
    }
  });

  it('hangs wrapped text under its lead by columns', () => {
    const lines = hanging('  陈静  ', '一起散步 '.repeat(12).trim(), 30);
    for (const line of lines) expect(columnsOf(line), line).toBeLessThanOrEqual(30);
    for (const line of lines.slice(1)) expect(line.startsWith(' '.repeat(8))).toBe(true);
  });
});
