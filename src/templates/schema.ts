import { parseBoundedYaml, YAML_LIMITS } from '../store/bounded-yaml.js';
import {
  controlProblem,
  listLengthProblem,
  numberBoundProblem,
  ratingRangeProblem,
  TEMPLATE_LIMITS,
  TEXT_LIMITS,
  textLengthProblem,
} from './limits.js';

/*
 * What a template is, and the one validator every template passes before it is used.
 * Pure: text in, a template or a list of problems out (each naming the file and the field).
 */

export const QUESTION_TYPES = [
  'text',
  'long',
  'number',
  'rating',
  'choice',
  'multi',
  'yesno',
  'feelings',
  'review',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A condition on an earlier answer: the question is asked only when it holds. */
export interface Condition {
  question: string;
  equals?: string | number | boolean;
  in?: Array<string | number>;
  /** for numbers and ratings: answer ≤ max / ≥ min */
  max?: number;
  min?: number;
}

export interface Question {
  id: string;
  type: QuestionType;
  message: string;
  hint?: string;
  /** the `## heading` a text answer is filed under (default: the message) */
  heading?: string;
  required: boolean;
  default?: string | number | boolean | string[];
  choices?: string[];
  min?: number;
  max?: number;
  when?: Condition;
  /** a text answer that becomes a commitment the next run of this template reviews */
  commitment?: boolean;
}

export interface Template {
  name: string;
  /** the entry type it writes (default: the name) */
  type: string;
  title: string;
  description: string;
  /** shown before the first question, e.g. "only when you are both calm" */
  intro?: string;
  questions: Question[];
}

export interface TemplateProblem {
  file: string;
  /** e.g. questions[2].type */
  field: string;
  message: string;
}

export function describeProblem(problem: TemplateProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}

/** Feelings to pick from when a feelings question lists none of its own. */
export const FEELINGS = [
  'happy',
  'grateful',
  'loved',
  'close',
  'calm',
  'hopeful',
  'proud',
  'playful',
  'relieved',
  'tired',
  'stressed',
  'anxious',
  'lonely',
  'sad',
  'hurt',
  'frustrated',
  'angry',
  'ashamed',
  'overwhelmed',
  'unheard',
  'disappointed',
  'confused',
  'defensive',
  'scared',
];

/** How a commitment from last time went. */
export const REVIEW_OUTCOMES = ['kept', 'partly', 'not yet'];

export const NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/**
 * Front matter fields that answers must not overwrite: the header, what the template's run
 * records, and what every entry's reader takes a meaning from (`attachments:` is the list
 * --attach writes, and a shared entry's `private:` is dropped on reading), so an answer filed
 * there would be lost or taken for something it is not.
 */
export const RESERVED_IDS = new Set([
  'type',
  'author',
  'date',
  'tags',
  'template',
  'ratings',
  'commitments',
  'reviewed',
  'for',
  'attachments',
  'private',
]);

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function optionalString(
  raw: Raw,
  key: string,
  field: string,
  problems: string[][],
  max: number = TEXT_LIMITS.description,
  oneLine = true,
): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push([field, 'must be a non-empty text']);
    return undefined;
  }
  const wrong = textLengthProblem(value.trim(), max) ?? controlProblem(value.trim(), oneLine);
  if (wrong) {
    problems.push([field, wrong]);
    return undefined;
  }
  return value.trim();
}

export type ValidationResult = { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

/** Parses and validates a template file's text. `name` is the file's name without .yaml. */
export function parseTemplate(text: string, name: string, file: string): ValidationResult {
  const parsed = parseBoundedYaml(text, YAML_LIMITS.template);
  if (!parsed.ok) {
    return {
      ok: false,
      problems: [
        {
          file: parsed.line ? `${file}:${parsed.line}` : file,
          field: '(file)',
          message: parsed.kind === 'syntax' ? `not valid YAML: ${parsed.reason}` : parsed.reason,
        },
      ],
    };
  }
  return validateTemplate(parsed.data, name, file);
}

export function validateTemplate(data: unknown, name: string, file: string): ValidationResult {
  const found: string[][] = [];
  const fail = (): ValidationResult => ({
    ok: false,
    problems: found.map(([field = '', message = '']) => ({ file, field, message })),
  });
  if (!isRecord(data)) {
    found.push(['(file)', 'must be a YAML mapping with name, title, description and questions']);
    return fail();
  }
  if (!NAME_PATTERN.test(name))
    found.push(['(file name)', `"${name}" is not a template name (lower-case letters, digits and _)`]);
  const declared = optionalString(data, 'name', 'name', found);
  if (declared !== undefined && declared !== name)
    found.push(['name', `is "${declared}" but the file is ${name}.yaml; they must match`]);
  const type = optionalString(data, 'type', 'type', found) ?? name;
  if (!NAME_PATTERN.test(type))
    found.push(['type', `"${type}" is not an entry type (lower-case letters, digits and _)`]);
  const title = optionalString(data, 'title', 'title', found, TEXT_LIMITS.title);
  const description = optionalString(data, 'description', 'description', found, TEXT_LIMITS.description, false);
  if (title === undefined && data.title === undefined) found.push(['title', 'is missing']);
  if (description === undefined && data.description === undefined) found.push(['description', 'is missing']);
  const intro = optionalString(data, 'intro', 'intro', found, TEXT_LIMITS.intro, false);
  const known = new Set(['name', 'type', 'title', 'description', 'intro', 'questions']);
  for (const key of Object.keys(data))
    if (!known.has(key)) found.push([key, `is not a template field (known: ${[...known].join(', ')})`]);

  const questions: Question[] = [];
  if (!Array.isArray(data.questions) || data.questions.length === 0) {
    found.push(['questions', 'must be a list of at least one question']);
  } else if (data.questions.length > TEMPLATE_LIMITS.questions) {
    found.push(['questions', listLengthProblem(data.questions, TEMPLATE_LIMITS.questions, 'questions') ?? '']);
  } else {
    const seen = new Set<string>();
    data.questions.forEach((raw: unknown, index: number) => {
      const question = validateQuestion(raw, `questions[${index}]`, seen, questions, found);
      if (question) {
        questions.push(question);
        seen.add(question.id);
      }
    });
  }
  if (found.length > 0) return fail();
  return { ok: true, template: { name, type, title: title ?? name, description: description ?? '', intro, questions } };
}

const QUESTION_KEYS = new Set([
  'id',
  'type',
  'message',
  'hint',
  'heading',
  'required',
  'default',
  'choices',
  'min',
  'max',
  'when',
  'commitment',
]);

function validateQuestion(
  raw: unknown,
  at: string,
  seen: Set<string>,
  earlier: Question[],
  found: string[][],
): Question | undefined {
  if (!isRecord(raw)) {
    found.push([at, 'must be a mapping with id, type and message']);
    return undefined;
  }
  const before = found.length;
  for (const key of Object.keys(raw))
    if (!QUESTION_KEYS.has(key))
      found.push([`${at}.${key}`, `is not a question field (known: ${[...QUESTION_KEYS].join(', ')})`]);
  const id = typeof raw.id === 'string' ? raw.id : '';
  if (!ID_PATTERN.test(id))
    found.push([
      `${at}.id`,
      raw.id === undefined ? 'is missing' : `"${String(raw.id)}" is not an id (lower-case letters, digits and _)`,
    ]);
  else if (RESERVED_IDS.has(id))
    found.push([`${at}.id`, `"${id}" is reserved for the entry header; choose another id`]);
  // Answers and fields are read by id from plain mappings, which all have a `constructor`.
  else if (id in Object.prototype) found.push([`${at}.id`, `"${id}" cannot be a question id; choose another id`]);
  else if (seen.has(id)) found.push([`${at}.id`, `"${id}" is used by an earlier question; ids must be unique`]);
  const type = raw.type as QuestionType;
  if (!QUESTION_TYPES.includes(type)) {
    found.push([
      `${at}.type`,
      `${raw.type === undefined ? 'is missing' : `unknown type "${String(raw.type)}"`} (allowed: ${QUESTION_TYPES.join(', ')})`,
    ]);
  }
  const message = optionalString(raw, 'message', `${at}.message`, found, TEXT_LIMITS.message);
  if (raw.message === undefined) found.push([`${at}.message`, 'is missing']);
  const hint = optionalString(raw, 'hint', `${at}.hint`, found, TEXT_LIMITS.hint);
  const heading = optionalString(raw, 'heading', `${at}.heading`, found, TEXT_LIMITS.heading);
  if (raw.required !== undefined && typeof raw.required !== 'boolean')
    found.push([`${at}.required`, 'must be true or false']);
  if (raw.commitment !== undefined && raw.commitment !== true && raw.commitment !== false)
    found.push([`${at}.commitment`, 'must be true or false']);
  if (raw.commitment === true && type !== 'text' && type !== 'long')
    found.push([`${at}.commitment`, 'only a text or long question can be a commitment']);

  let choices: string[] | undefined;
  if (type === 'choice' || type === 'multi') {
    if (
      !Array.isArray(raw.choices) ||
      raw.choices.length < 2 ||
      !raw.choices.every((c) => typeof c === 'string' && c.trim() !== '')
    ) {
      found.push([`${at}.choices`, `a ${type} question needs a list of at least two choices`]);
    } else choices = checkedChoices(raw.choices as string[], `${at}.choices`, found);
  } else if (type === 'feelings') {
    if (
      raw.choices !== undefined &&
      (!Array.isArray(raw.choices) || !raw.choices.every((c) => typeof c === 'string'))
    ) {
      found.push([`${at}.choices`, 'must be a list of feelings']);
    } else if (raw.choices === undefined) choices = FEELINGS;
    else choices = checkedChoices(raw.choices as string[], `${at}.choices`, found);
  } else if (raw.choices !== undefined) found.push([`${at}.choices`, `a ${String(raw.type)} question has no choices`]);

  let min: number | undefined;
  let max: number | undefined;
  if (type === 'rating' || type === 'number') {
    for (const key of ['min', 'max'] as const) {
      if (raw[key] !== undefined && !Number.isInteger(raw[key])) found.push([`${at}.${key}`, 'must be a whole number']);
    }
    min = typeof raw.min === 'number' ? raw.min : type === 'rating' ? 1 : undefined;
    max = typeof raw.max === 'number' ? raw.max : type === 'rating' ? 5 : undefined;
    for (const [key, value] of [
      ['min', min],
      ['max', max],
    ] as const) {
      const problem = value === undefined ? undefined : numberBoundProblem(value);
      if (problem && Number.isInteger(raw[key])) found.push([`${at}.${key}`, problem]);
    }
    if (min !== undefined && max !== undefined && min >= max)
      found.push([`${at}.max`, `must be greater than min (${min})`]);
    else if (type === 'rating' && min !== undefined && max !== undefined) {
      const problem = ratingRangeProblem(min, max);
      if (problem) found.push([`${at}.max`, problem]);
    }
  } else if (raw.min !== undefined || raw.max !== undefined)
    found.push([`${at}.min`, `a ${String(raw.type)} question has no range`]);

  const when = validateCondition(raw.when, `${at}.when`, earlier, found);
  if (found.length > before) return undefined;
  const question: Question = { id, type, message: message ?? '', required: raw.required === true };
  if (hint) question.hint = hint;
  if (heading) question.heading = heading;
  if (choices) question.choices = choices;
  if (min !== undefined) question.min = min;
  if (max !== undefined) question.max = max;
  if (when) question.when = when;
  if (raw.commitment === true) question.commitment = true;
  if (raw.default !== undefined) {
    const problem = defaultProblem(question, raw.default);
    if (problem) {
      found.push([`${at}.default`, problem]);
      return undefined;
    }
    question.default = raw.default as Question['default'];
  }
  return question;
}

function defaultProblem(question: Question, value: unknown): string | undefined {
  switch (question.type) {
    case 'text':
    case 'long':
      return typeof value === 'string'
        ? (textLengthProblem(value, TEXT_LIMITS.default) ?? controlProblem(value, question.type === 'text'))
        : 'must be a text';
    case 'number':
    case 'rating':
      if (typeof value !== 'number') return 'must be a number';
      if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max))
        return `must be within ${question.min}–${question.max}`;
      return undefined;
    case 'yesno':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && question.choices?.includes(value)
        ? undefined
        : `must be one of the choices: ${question.choices?.join(', ')}`;
    case 'multi':
    case 'feelings':
      return Array.isArray(value) && value.every((v) => question.choices?.includes(v))
        ? undefined
        : 'must be a list of the choices';
    case 'review':
      return 'a review question has no default';
  }
}

function validateCondition(raw: unknown, at: string, earlier: Question[], found: string[][]): Condition | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || typeof raw.question !== 'string') {
    found.push([at, 'must name an earlier question, e.g. when: { question: has_concern, equals: true }']);
    return undefined;
  }
  const target = earlier.find((q) => q.id === raw.question);
  if (!target) {
    found.push([`${at}.question`, `"${raw.question}" is not an earlier question in this template`]);
    return undefined;
  }
  const tests = ['equals', 'in', 'max', 'min'].filter((key) => raw[key] !== undefined);
  for (const key of Object.keys(raw))
    if (key !== 'question' && !['equals', 'in', 'max', 'min'].includes(key))
      found.push([`${at}.${key}`, 'is not a condition (use equals, in, min or max)']);
  if (tests.length === 0) found.push([at, 'needs one of equals, in, min or max']);
  if ((raw.min !== undefined || raw.max !== undefined) && target.type !== 'number' && target.type !== 'rating') {
    found.push([
      at,
      `min and max apply only to number or rating questions, and "${target.id}" is a ${target.type} question`,
    ]);
  }
  if (raw.in !== undefined && !Array.isArray(raw.in)) found.push([`${at}.in`, 'must be a list']);
  else if (Array.isArray(raw.in) && raw.in.length > TEMPLATE_LIMITS.choices)
    found.push([`${at}.in`, listLengthProblem(raw.in, TEMPLATE_LIMITS.choices, 'values') ?? '']);
  const condition: Condition = { question: target.id };
  if (raw.equals !== undefined) condition.equals = raw.equals as Condition['equals'];
  if (Array.isArray(raw.in)) condition.in = raw.in as Condition['in'];
  if (typeof raw.max === 'number') condition.max = raw.max;
  if (typeof raw.min === 'number') condition.min = raw.min;
  return condition;
}

/** A question's own choices, within the limits: at most 50, each a short text, none twice. */
function checkedChoices(list: string[], at: string, found: string[][]): string[] | undefined {
  const before = found.length;
  const tooMany = listLengthProblem(list, TEMPLATE_LIMITS.choices, 'choices');
  if (tooMany) found.push([at, tooMany]);
  else
    list.forEach((choice, i) => {
      const wrong = textLengthProblem(choice.trim(), TEXT_LIMITS.choice) ?? controlProblem(choice, true);
      if (wrong) found.push([`${at}[${i}]`, wrong]);
      else if (list.indexOf(choice) !== i) found.push([`${at}[${i}]`, `"${choice}" is listed twice`]);
    });
  return found.length > before ? undefined : list;
}
