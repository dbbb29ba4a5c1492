import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shownShellWord } from '../../src/shell-word.js';
import { quoted } from '../../src/unsafe-chars.js';

/** What bash makes of a word: the one argument it passes on. */
function asBashReadsIt(word: string): string {
  // In the C locale too: the word must not need a UTF-8 one to mean its bytes.
  const ran = spawnSync('bash', ['-c', `printf %s ${word}`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LC_ALL: 'C' },
  });
  expect(ran.status, ran.stderr).toBe(0);
  return ran.stdout;
}

const SHOWS_RAW = /[\u0000-\u001f\u007f-\u009f\u200b\u202e\u2028\ufeff]/u;

describe('a hostile name in a message', () => {
  const names = [
    'entries/2026/11/plain.md',
    'templates/with space.md',
    "it's",
    'back\\slash',
    'al\u200bex.md',
    'esc\u001b[2Jape',
    'new\nline',
    'bidi\u202eevil',
    'bom\ufeffsep\u2028c1\u009b',
  ];

  it('is shown with nothing raw, and bash reads the fix back as the very name', () => {
    for (const name of names) {
      const word = shownShellWord(name);
      expect(word, name).not.toMatch(SHOWS_RAW);
      expect(asBashReadsIt(word), word).toBe(name);
    }
  });

  it('keeps a plain name as it is, so the usual fix reads as typed', () => {
    expect(shownShellWord('intimacy.yaml')).toBe('intimacy.yaml');
    expect(shownShellWord('templates/with space.md')).toBe("'templates/with space.md'");
  });

  it('is quoted with every character a line cannot show written as an escape, and reads back as JSON', () => {
    for (const name of names) {
      const text = quoted(name);
      expect(text, name).not.toMatch(SHOWS_RAW);
      expect(JSON.parse(text)).toBe(name);
    }
  });

  describe('with bytes that are not UTF-8 (read from git as U+DC80 + byte)', () => {
    const name = 'al\udcffex.md';

    it('writes each byte back as that byte, so bash passes on the very name git has, in any locale', () => {
      expect(shownShellWord(name)).toBe(`$'al\\xffex.md'`);
      // Another unshown character beside it keeps its UTF-8 bytes.
      expect(shownShellWord('a\u200b\udcc3b')).toBe(`$'a\\xe2\\x80\\x8b\\xc3b'`);
      for (const locale of ['C', 'C.UTF-8']) {
        const ran = spawnSync('bash', ['-c', `printf %s ${shownShellWord(name)}`], {
          env: { PATH: process.env.PATH, LC_ALL: locale },
        });
        expect(ran.stdout.equals(Buffer.from([0x61, 0x6c, 0xff, 0x65, 0x78, 0x2e, 0x6d, 0x64])), locale).toBe(true);
      }
    });

    it('shows each byte as \\xHH in a quoted path, and no lone surrogate raw', () => {
      expect(quoted(name)).toBe('"al\\xffex.md"');
      expect(quoted('back\\\udcff"\u200b')).toBe('"back\\\\\\xff\\"\\u200b"');
      // Any other lone surrogate is no byte of a name: JSON's escape.
      expect(quoted('a\ud800b')).toBe('"a\\ud800b"');
      for (const text of [name, 'a\ud800b', '\udfff']) expect(quoted(text), text).not.toMatch(/[\ud800-\udfff]/u);
    });
  });
});
