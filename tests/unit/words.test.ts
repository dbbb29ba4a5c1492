import { describe, expect, it } from 'vitest';
import { counted } from '../../src/ui/words.js';

describe('counted entry types', () => {
  it('says replies, not "replys" (status: "Jordan wrote 5 replies")', () => {
    expect(counted(1, 'reply')).toBe('1 reply');
    expect(counted(5, 'reply')).toBe('5 replies');
    expect(counted(2, 'gratitude')).toBe('2 gratitudes');
  });
});
