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
});
