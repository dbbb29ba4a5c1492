import { hasControl, unsafeCharacterWords } from '../store/control-chars.js';

/*
 * How big a template or a deck may be. Both arrive through git from the partner's clone, and
 * what they say is turned into prompts, lists and choices on this computer: a rating from 1 to
 * 100,000,000 once meant 10⁸ choices built in memory, 300,000 choices a prompt that never
 * appeared. These bounds are far above anything a couple writes and far below what costs
 * anything; a file past one is that file's problem, named with its field, and the other
 * templates (or decks) keep working. The deck loader validates with the same helpers.
 */

/** Lengths in characters (after trimming) of the texts a person reads. */
export const TEXT_LIMITS = {
  title: 200,
  description: 1_000,
  intro: 2_000,
  /** a question as asked */
  message: 500,
  hint: 500,
  heading: 200,
  /** one choice of a choice, multi or feelings question */
  choice: 100,
  /** a default answer */
  default: 2_000,
} as const;

export const TEMPLATE_LIMITS = {
  questions: 100,
  /** choices of one choice, multi or feelings question (and values of a `when: { in: [...] }`) */
  choices: 50,
  /** a rating is picked from its steps: min..max holds at most this many more than one */
  ratingSteps: 10,
  /** the largest magnitude of a number question's min and max */
  numberBound: 1_000_000_000,
} as const;

export const DECK_LIMITS = {
  questions: 200,
  sets: 20,
  title: 200,
  description: 1_000,
  /** a question as asked */
  text: 300,
  hint: 200,
} as const;

/** What is wrong with a text that is too long, or nothing. */
export function textLengthProblem(value: string, max: number): string | undefined {
  return value.length > max
    ? `is too long (${value.length.toLocaleString('en')} characters; at most ${max.toLocaleString('en')})`
    : undefined;
}

/** What is wrong with a list that has too many items, or nothing. */
export function listLengthProblem(list: readonly unknown[], max: number, items: string): string | undefined {
  return list.length > max
    ? `has ${list.length.toLocaleString('en')} ${items}; at most ${max.toLocaleString('en')}`
    : undefined;
}

/** What is wrong with a rating's range, or nothing (min and max are whole numbers, min < max). */
export function ratingRangeProblem(min: number, max: number): string | undefined {
  return max - min > TEMPLATE_LIMITS.ratingSteps
    ? `a rating goes from min to max in at most ${TEMPLATE_LIMITS.ratingSteps} steps (such as 1–5 or 0–10); ${min}–${max} is wider: use a number question for that`
    : undefined;
}

/** What is wrong with a number question's bound, or nothing. */
export function numberBoundProblem(value: number): string | undefined {
  return Math.abs(value) > TEMPLATE_LIMITS.numberBound
    ? `must be between -${TEMPLATE_LIMITS.numberBound.toLocaleString('en')} and ${TEMPLATE_LIMITS.numberBound.toLocaleString('en')}`
    : undefined;
}

/**
 * What is wrong with a text holding a control character (an escape sequence acts on the
 * reader's terminal) or, for a text shown on one line (a title, a question, a choice), a
 * newline; or nothing.
 */
export function controlProblem(value: string, oneLine: boolean): string | undefined {
  const checked = oneLine ? value : value.replace(/[\n\t]/g, ' ');
  if (hasControl(checked))
    return oneLine && /[\n\t]/.test(value) ? 'must be one line' : `holds ${unsafeCharacterWords(checked)}; remove it`;
  return undefined;
}
