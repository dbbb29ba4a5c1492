import { plural } from '../plural.js';
import type { Entry } from '../store/entry.js';
import { type Condition, type Question, REVIEW_OUTCOMES, type Template } from './schema.js';

/*
 * Answers in, entry out. Pure: the same checks serve the prompts (as `validate`) and
 * `--answers FILE`, so a value accepted at a prompt is accepted in a file and vice versa.
 */

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

export interface RunContext {
  /** what this author committed to at the previous run of the template (newest last) */
  previousCommitments: string[];
}

export const NO_PREVIOUS: RunContext = { previousCommitments: [] };

export function conditionHolds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  const value = answers[condition.question];
  if (value === undefined) return false;
  const values = Array.isArray(value) ? value : [value];
  if (condition.equals !== undefined && !values.some((v) => v === condition.equals)) return false;
  if (condition.in !== undefined && !values.some((v) => condition.in?.includes(v as string | number))) return false;
  if (condition.max !== undefined && !(typeof value === 'number' && value <= condition.max)) return false;
  if (condition.min !== undefined && !(typeof value === 'number' && value >= condition.min)) return false;
  return true;
}

/** Is this question part of the run, given the answers so far? */
export function isAsked(question: Question, answers: Answers, ctx: RunContext): boolean {
  if (question.type === 'review' && ctx.previousCommitments.length === 0) return false;
  return conditionHolds(question.when, answers);
}

export type Checked = { ok: true; value: AnswerValue | undefined } | { ok: false; problem: string };

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

function listOf(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string')
    return raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  return [raw];
}

/** Checks one raw answer (from a prompt or a file); undefined means "not answered". */
export function checkAnswer(question: Question, raw: unknown, ctx: RunContext = NO_PREVIOUS): Checked {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
    return { ok: true, value: undefined };
  switch (question.type) {
    case 'text':
    case 'long':
      if (typeof raw === 'string') return { ok: true, value: raw.replace(/\s+$/, '') };
      if (typeof raw === 'number' || typeof raw === 'boolean') return { ok: true, value: String(raw) };
      return { ok: false, problem: 'must be text' };
    case 'number':
    case 'rating': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
      const range =
        question.min !== undefined && question.max !== undefined
          ? `a whole number from ${question.min} to ${question.max}`
          : 'a number';
      if (!Number.isFinite(value) || (question.type === 'rating' && !Number.isInteger(value)))
        return { ok: false, problem: `must be ${range}` };
      if (
        (question.min !== undefined && value < question.min) ||
        (question.max !== undefined && value > question.max)
      ) {
        return { ok: false, problem: `must be ${range}, not ${value}` };
      }
      return { ok: true, value };
    }
    case 'yesno': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = String(raw).trim().toLowerCase();
      if (YES.has(word)) return { ok: true, value: true };
      if (NO.has(word)) return { ok: true, value: false };
      return { ok: false, problem: `must be yes or no, not "${String(raw)}"` };
    }
    case 'choice': {
      const value = String(raw);
      if (question.choices?.includes(value)) return { ok: true, value };
      return { ok: false, problem: `"${value}" is not one of the choices: ${question.choices?.join(', ')}` };
    }
    case 'multi':
    case 'feelings': {
      const values = listOf(raw).map(String);
      const unknown = values.filter((v) => !question.choices?.includes(v));
      if (unknown.length > 0)
        return {
          ok: false,
          problem: `${unknown.map((v) => `"${v}"`).join(', ')} not among the choices: ${question.choices?.join(', ')}`,
        };
      return { ok: true, value: values.length === 0 ? undefined : [...new Set(values)] };
    }
    case 'review': {
      const count = ctx.previousCommitments.length;
      const values = Array.isArray(raw) ? raw.map(String) : Array.from({ length: count }, () => String(raw));
      const unknown = values.filter((v) => !REVIEW_OUTCOMES.includes(v));
      if (unknown.length > 0)
        return {
          ok: false,
          problem: `must be one of ${REVIEW_OUTCOMES.join(', ')} (for each commitment), not ${unknown.map((v) => `"${v}"`).join(', ')}`,
        };
      if (values.length !== count)
        return { ok: false, problem: `needs ${plural(count, 'outcome')}, one for each commitment from last time` };
      return { ok: true, value: values };
    }
  }
}

export interface WrongAnswer {
  id: string;
  problem: string;
}

/** `answers` holds the good answers even when others are missing or wrong. */
export type Resolved =
  | { ok: true; answers: Answers }
  | { ok: false; missing: string[]; wrong: WrongAnswer[]; answers: Answers };

/**
 * Checks a whole set of answers (e.g. an --answers file) against the template: unknown ids
 * and bad values are wrong, unanswered required questions are missing. Questions whose
 * condition does not hold are left out, whatever was given for them.
 */
export function resolveAnswers(template: Template, raw: unknown, ctx: RunContext): Resolved {
  const wrong: WrongAnswer[] = [];
  const missing: string[] = [];
  const given: Record<string, unknown> =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const ids = template.questions.map((q) => q.id);
  for (const id of Object.keys(given)) {
    if (!ids.includes(id))
      wrong.push({ id, problem: `is not a question of the ${template.name} template (its ids: ${ids.join(', ')})` });
  }
  const answers: Answers = {};
  for (const question of template.questions) {
    if (!isAsked(question, answers, ctx)) continue;
    const checked = checkAnswer(question, given[question.id], ctx);
    if (!checked.ok) wrong.push({ id: question.id, problem: checked.problem });
    else if (checked.value !== undefined) answers[question.id] = checked.value;
    else if (question.required) missing.push(question.id);
  }
  return wrong.length > 0 || missing.length > 0 ? { ok: false, missing, wrong, answers } : { ok: true, answers };
}

/** The commitments an earlier entry of this template recorded. */
export function commitmentsIn(entry: Pick<Entry, 'fields'> | undefined): string[] {
  const value = entry?.fields.commitments;
  return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
}

export function headingOf(question: Question): string {
  return question.heading ?? question.message;
}

/**
 * Structured answers go to the front matter (ratings under `ratings`, commitments under
 * `commitments`, how last time's went under `reviewed`); text answers become `## heading`
 * sections of the body, in template order.
 */
export function answersToEntry(
  template: Template,
  answers: Answers,
  input: { author: string; date: string; tags?: string[]; ctx: RunContext },
): Entry {
  const fields: Record<string, unknown> = { template: template.name };
  const ratings: Record<string, number> = {};
  const commitments: string[] = [];
  const sections: string[] = [];
  for (const question of template.questions) {
    const value = answers[question.id];
    if (value === undefined || !isAsked(question, answers, input.ctx)) continue;
    switch (question.type) {
      case 'text':
      case 'long':
        sections.push(`## ${headingOf(question)}\n\n${String(value)}\n`);
        if (question.commitment) commitments.push(String(value));
        break;
      case 'rating':
        ratings[question.id] = value as number;
        break;
      case 'review':
        fields.reviewed = input.ctx.previousCommitments.map((commitment, i) => ({
          commitment,
          outcome: (value as string[])[i],
        }));
        break;
      default:
        fields[question.id] = value;
    }
  }
  if (Object.keys(ratings).length > 0) fields.ratings = ratings;
  if (commitments.length > 0) fields.commitments = commitments;
  return {
    type: template.type,
    author: input.author,
    date: input.date,
    tags: [...new Set(input.tags ?? [])],
    fields,
    body: sections.join('\n'),
  };
}
