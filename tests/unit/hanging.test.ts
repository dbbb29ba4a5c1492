import { describe, expect, it } from 'vitest';
import { hanging, itemLines, wrap } from '../../src/ui/layout.js';

describe('hanging', () => {
  it('keeps a line that fits, and any line without a width, exactly as it is', () => {
    expect(hanging('due  ', 'check-in — not yet', 40)).toEqual(['due  check-in — not yet']);
    const long = 'gratitude — 2 of 3 this week · 3 days overdue, and more words after that';
    expect(hanging('overdue  ', long, undefined)).toEqual([`overdue  ${long}`]);
  });

  it('wraps the text at spaces under its first word, or `hang` columns in', () => {
    expect(hanging('overdue  ', 'gratitude — 2 of 3 this week · 3 days overdue', 40)).toEqual([
      'overdue  gratitude — 2 of 3 this week ·',
      '         3 days overdue',
    ]);
    expect(itemLines('no remote yet (intimacy remote set URL shares the journal)', 40)).toEqual([
      '  no remote yet (intimacy remote set',
      '    URL shares the journal)',
    ]);
  });

  it('wraps the lead with the text when hanging under it would leave too little room', () => {
    const lines = hanging(`  ${'a-very-long-ritual-name'.padEnd(26)}  `, 'weekly, each: Alex 0 weeks (best 0)', 40);
    expect(lines).toEqual(['  a-very-long-ritual-name weekly,', '    each: Alex 0 weeks (best 0)']);
  });

  it('gives colour codes no room when it wraps', () => {
    const green = '\u001b[32mNothing is due.\u001b[39m';
    expect(wrap(`${green} Every ritual is kept.`, 37)).toEqual([`${green} Every ritual is kept.`]);
  });
});
