import { describe, expect, it } from 'vitest';
import { PatternError } from '../../src/errors.js';
import { compilePattern, matchLines } from '../../src/reading/search.js';

describe('grep patterns', () => {
  const body = '## What I am grateful for\n\nCoffee in bed.\nAnd more coffee (twice).\n';

  it('finds every match on each line, with a line of context', () => {
    const found = matchLines(body, compilePattern({ source: 'co?ffee', fixed: false, ignoreCase: true }));
    expect(found.map((m) => [m.line, m.ranges])).toEqual([
      [3, [[0, 6]]],
      [4, [[9, 15]]],
    ]);
    expect(found[0]?.before).toBe('');
    expect(found[1]?.after).toBeUndefined();
  });

  it('-F treats the pattern as plain text, and case matters without -i', () => {
    expect(
      matchLines(body, compilePattern({ source: '(twice).', fixed: true, ignoreCase: false })).map((m) => m.line),
    ).toEqual([4]);
    expect(
      matchLines(body, compilePattern({ source: 'Coffee', fixed: false, ignoreCase: false })).map((m) => m.line),
    ).toEqual([3]);
  });

  it('an empty-width match still marks its line', () => {
    expect(
      matchLines('a\nb\n', compilePattern({ source: '^b', fixed: false, ignoreCase: false })).map((m) => m.line),
    ).toEqual([2]);
    expect(
      matchLines('a\nb\n', compilePattern({ source: '$', fixed: false, ignoreCase: false })).map((m) => m.line),
    ).toEqual([1, 2]);
  });

  it('a broken regular expression is a clear error quoting it', () => {
    expect(() => compilePattern({ source: 'cof(fee', fixed: false, ignoreCase: false })).toThrow(PatternError);
    expect(() => compilePattern({ source: 'cof(fee', fixed: false, ignoreCase: false })).toThrow(/"cof\(fee"/);
  });
});
