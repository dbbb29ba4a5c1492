import { describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/clock.js';
import { UsageError } from '../../src/errors.js';

describe('the clock', () => {
  it('is the system clock unless INTIMACY_NOW fixes it', () => {
    const before = Date.now();
    const now = clockFrom(undefined)().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(clockFrom('')().getTime()).toBeGreaterThanOrEqual(before);
  });

  it('takes an ISO 8601 instant with its offset, and stays there', () => {
    const clock = clockFrom('2026-03-29T01:59:59+01:00');
    expect(clock().toISOString()).toBe('2026-03-29T00:59:59.000Z');
    expect(clock().getTime()).toBe(clock().getTime());
    expect(clockFrom('2024-02-29T12:00Z')().toISOString()).toBe('2024-02-29T12:00:00.000Z');
  });

  it.each(['tomorrow', '2026-11-25', '2026-11-25T18:30:00', '2026-02-30T12:00:00Z', '1764000000'])(
    'refuses %j: a day or a time without its offset is not one instant',
    (text) => {
      expect(() => clockFrom(text)).toThrow(UsageError);
    },
  );

  it.each(['0001-01-01T00:00:00Z', '1899-12-31T12:00:00Z', '3000-01-01T00:00:00Z'])(
    'refuses %j: an entry written then is one no command reads',
    (text) => {
      expect(() => clockFrom(text)).toThrow(/INTIMACY_NOW is outside the years intimacy reads \(1900 to 2999\)/);
    },
  );
});
