import { describe, expect, it } from 'vitest';
import { skippedFilesLine } from '../../src/ui/skipped-files.js';

describe('the warning for entry files a summary left out', () => {
  it('agrees with its count, names the first file escaped, and gives the reason when asked', () => {
    const one = [{ relPath: 'entries/2026/11/a\u001b[2J.md', reason: 'not a well-formed entry' }];
    expect(skippedFilesLine(one)).toBe(
      '1 entry file could not be read and was left out (first: entries/2026/11/a\\x1b[2J.md).',
    );
    const two = [...one, { relPath: 'entries/2026/11/b.md', reason: 'damaged' }];
    expect(skippedFilesLine(two, true)).toBe(
      '2 entry files could not be read and were left out (first: entries/2026/11/a\\x1b[2J.md: not a well-formed entry).',
    );
  });
});
