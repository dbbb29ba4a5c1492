import { describe, expect, it } from 'vitest';
import { largest, pushAll, smallest } from '../../src/many.js';

describe('lists of any length', () => {
  const many = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_003);

  it('appends, and finds the largest and the smallest, where spreading them into a call fails', () => {
    expect(() => Math.max(...many)).toThrow(RangeError); // what the helpers stand in for
    const list = ['first'];
    expect(pushAll(list, many.map(String))).toBe(list);
    expect(list).toHaveLength(500_001);
    expect(list[1]).toBe('0');
    expect(list.at(-1)).toBe(String(many.at(-1)));
    expect(largest(many)).toBe([...many].sort((a, b) => a - b).at(-1));
    expect(smallest(many)).toBe(0);
  });

  it('answers as Math.max and Math.min do for none and for NaN', () => {
    expect(largest([])).toBe(Math.max());
    expect(smallest([])).toBe(Math.min());
    expect(largest([1, Number.NaN, 3])).toBeNaN();
    expect(largest([-2, 5, 3])).toBe(5);
    expect(smallest(new Set([4, -1, 9]))).toBe(-1);
  });
});
