import { describe, expect, it } from 'vitest';
import { lookAlikeLetter, lookAlikesEscaped, readsAs } from '../../src/store/look-alike.js';

describe('a name that reads as another', () => {
  it('is one spelled with letters of another script that look like its own', () => {
    expect(readsAs('\u0410lex', 'Alex')).toBe(true); // Cyrillic А
    expect(readsAs('\u0406van', 'Ivan')).toBe(true); // Cyrillic І, which fonts draw as I and l
    expect(readsAs('J\u043Erdan', 'Jordan')).toBe(true); // Cyrillic о
  });

  it('is not the same name, nor a name of its own in another script', () => {
    // The same name to the journal already, as slugs fold accents and widths: Jose's, Alex's.
    expect(readsAs('Jos\u00E9', 'Jose')).toBe(false);
    expect(readsAs('\uFF21lex', 'Alex')).toBe(false);
    expect(readsAs('Alex', 'Alex')).toBe(false);
    expect(readsAs('\u041D\u0438\u043D\u0430', 'Nina')).toBe(false); // Нина
    expect(readsAs('\u0412\u0435\u0440\u0430', 'Vera')).toBe(false); // Вера
    expect(readsAs('\u039C\u03B1\u03C1\u03AF\u03B1', 'Maria')).toBe(false); // Μαρία
    expect(readsAs('Ilse', 'lIse')).toBe(false); // plain ASCII names are compared as typed
  });

  it('is named by its first look-alike letter, and shown with each of them escaped', () => {
    expect(lookAlikeLetter('\u0410lex')).toBe('U+0410');
    expect(lookAlikeLetter('Jos\u00E9')).toBeUndefined();
    expect(lookAlikesEscaped('\u0410lex')).toBe('\\u0410lex');
    expect(lookAlikesEscaped('J\u043Erdan \u{1F600}')).toBe('J\\u043erdan \u{1F600}');
  });
});
