import { describe, expect, it } from 'vitest';
import {
  CommitFailedError,
  GitStepError,
  IntimacyError,
  invalid,
  JournalPathError,
  NothingFound,
  PatternError,
  PromptCancelled,
  refuseInvalid,
  UsageError,
  UserError,
} from '../../src/errors.js';

describe('errors', () => {
  it('all share one base that carries the exit code and how the handler shows them', () => {
    const cases: Array<[IntimacyError, number, string]> = [
      [new UsageError('x'), 2, 'error'],
      [new UserError('x'), 1, 'error'],
      [new UserError('x', undefined, 3), 3, 'error'],
      [new PatternError('a(', 'unterminated group'), 2, 'error'],
      [new NothingFound('No entry matches "a".'), 1, 'note'],
      [new NothingFound(undefined), 1, 'silent'],
      [new PromptCancelled(), 130, 'note'],
      [new JournalPathError('entries is a symbolic link'), 1, 'error'],
      [new GitStepError('git checkout', 'unable to unlink'), 1, 'error'],
      [new CommitFailedError('index.lock exists'), 1, 'error'],
    ];
    for (const [error, exitCode, shown] of cases) {
      expect(error).toBeInstanceOf(IntimacyError);
      expect([error.name, error.exitCode, error.shown]).toEqual([error.constructor.name, exitCode, shown]);
    }
  });

  it('a local git step that fails says which and what git said, never "unexpected problem"', () => {
    const error = new GitStepError('git checkout', 'unable to unlink entries/x.md.');
    expect(error.message).toBe('git checkout failed: unable to unlink entries/x.md.');
    expect(error.suggestion).toMatch(/safe on disk/);
  });

  it("turns a validator's phrase into one usage error, as a sentence", () => {
    expect(invalid('--me needs a name', 'For example: --me Alex')).toMatchObject({
      message: '--me needs a name.',
      suggestion: 'For example: --me Alex',
    });
    expect(invalid('--tag needs a word.').message).toBe('--tag needs a word.');
    expect(() => refuseInvalid(undefined)).not.toThrow();
    expect(() => refuseInvalid('--for needs a name')).toThrow(UsageError);
  });
});
