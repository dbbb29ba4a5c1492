import { parseBoundedYaml, YAML_LIMITS } from '../store/bounded-yaml.js';
import { controlProblem, DECK_LIMITS, listLengthProblem, textLengthProblem } from '../templates/limits.js';

/*
 * What a deck of questions is, and the one validator every deck passes before it is used.
 * Pure: text in, a deck or a list of problems out (each naming the file and the field), the
 * way templates are checked: a deck arrives through git, so every text and list is bounded.
 */

/** Deck names and question ids: lower-case words joined by `-` (love-maps, perfect-saturday). */
export const DECK_NAME = /^[a-z][a-z0-9-]{0,39}$/;
export const QUESTION_ID = /^[a-z][a-z0-9-]{0,59}$/;

export type QuestionMode = 'open' | 'guess';

export interface DeckQuestion {
  id: string;
  text: string;
  hint?: string;
  /** `guess`: you answer for yourself and also guess what your partner will say */
  mode: QuestionMode;
  /** the id of the set it belongs to, in a deck with sets */
  set?: string;
}

export interface DeckSet {
  id: string;
  title: string;
}

export interface Deck {
  name: string;
  title: string;
  description: string;
  /** `in-order`: questions are offered in the file's order (a deck that goes gradually deeper) */
  order: 'random' | 'in-order';
  sets: DeckSet[];
  questions: DeckQuestion[];
}

export interface DeckProblem {
  file: string;
  /** e.g. questions[2].text */
  field: string;
  message: string;
}

export function describeDeckProblem(problem: DeckProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}

export type DeckResult = { ok: true; deck: Deck } | { ok: false; problems: DeckProblem[] };

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const DECK_FIELDS = ['name', 'title', 'description', 'order', 'sets', 'questions'];
const QUESTION_FIELDS = ['id', 'text', 'hint', 'mode', 'set'];
const SET_FIELDS = ['id', 'title'];

/** Parses and validates a deck file's text. `name` is the file's name without .yaml. */
export function parseDeck(text: string, name: string, file: string): DeckResult {
  const parsed = parseBoundedYaml(text, YAML_LIMITS.deck);
  if (!parsed.ok) {
    const message = parsed.kind === 'syntax' ? `not valid YAML: ${parsed.reason}` : parsed.reason;
    return { ok: false, problems: [{ file: parsed.line ? `${file}:${parsed.line}` : file, field: '(file)', message }] };
  }
  return validateDeck(parsed.data, name, file);
}

/** Collects problems as [field, message]; each check returns what it could read. */
class Checker {
  readonly found: Array<[string, string]> = [];

  add(field: string, message: string): void {
    this.found.push([field, message]);
  }

  text(raw: Raw, key: string, field: string, max: number, required: boolean): string | undefined {
    const value = raw[key];
    if (value === undefined || value === null) {
      if (required) this.add(field, 'is missing');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') return void this.add(field, 'must be a non-empty text');
    // A text shown on one line (all but a description) holds no newline; none holds an escape sequence.
    const wrong = textLengthProblem(value.trim(), max) ?? controlProblem(value.trim(), key !== 'description');
    if (wrong) return void this.add(field, wrong);
    return value.trim();
  }

  unknownKeys(raw: Raw, known: string[], prefix: string, what: string): void {
    for (const key of Object.keys(raw))
      if (!known.includes(key)) this.add(`${prefix}${key}`, `is not a ${what} field (known: ${known.join(', ')})`);
  }

  list(raw: Raw, key: string, max: number, items: string, required: boolean): unknown[] {
    const value = raw[key];
    if (value === undefined || value === null) {
      if (required) this.add(key, `must be a list of at least one of the ${items}`);
      return [];
    }
    if (!Array.isArray(value) || (required && value.length === 0)) {
      this.add(key, `must be a list${required ? ` of at least one of the ${items}` : ''}`);
      return [];
    }
    const tooMany = listLengthProblem(value, max, items);
    if (tooMany) {
      this.add(key, tooMany);
      return [];
    }
    return value;
  }
}

export function validateDeck(data: unknown, name: string, file: string): DeckResult {
  const check = new Checker();
  const fail = (): DeckResult => ({
    ok: false,
    problems: check.found.map(([field, message]) => ({ file, field, message })),
  });
  if (!isRecord(data)) {
    check.add('(file)', 'must be a YAML mapping with name, title, description and questions');
    return fail();
  }
  if (!DECK_NAME.test(name))
    check.add('(file name)', `"${name}" is not a deck name (lower-case letters, digits and -)`);
  const declared = check.text(data, 'name', 'name', DECK_LIMITS.title, false);
  if (declared !== undefined && declared !== name)
    check.add('name', `is "${declared}" but the file is ${name}.yaml; they must match`);
  const title = check.text(data, 'title', 'title', DECK_LIMITS.title, true);
  const description = check.text(data, 'description', 'description', DECK_LIMITS.description, true);
  const order = data.order ?? 'random';
  if (order !== 'random' && order !== 'in-order') check.add('order', 'must be random or in-order');
  check.unknownKeys(data, DECK_FIELDS, '', 'deck');

  const sets: DeckSet[] = [];
  for (const [i, raw] of check.list(data, 'sets', DECK_LIMITS.sets, 'sets', false).entries()) {
    const field = `sets[${i}]`;
    if (!isRecord(raw)) {
      check.add(field, 'must be a mapping with id and title');
      continue;
    }
    check.unknownKeys(raw, SET_FIELDS, `${field}.`, 'set');
    const id = check.text(raw, 'id', `${field}.id`, DECK_LIMITS.title, true);
    const setTitle = check.text(raw, 'title', `${field}.title`, DECK_LIMITS.title, true);
    if (id !== undefined && !QUESTION_ID.test(id)) check.add(`${field}.id`, `"${id}" is not an id (a-z, 0-9 and -)`);
    else if (id !== undefined && sets.some((s) => s.id === id)) check.add(`${field}.id`, `"${id}" is used twice`);
    else if (id !== undefined && setTitle !== undefined) sets.push({ id, title: setTitle });
  }

  const questions: DeckQuestion[] = [];
  for (const [i, raw] of check.list(data, 'questions', DECK_LIMITS.questions, 'questions', true).entries()) {
    const question = validateQuestion(raw, `questions[${i}]`, check, sets);
    if (!question) continue;
    if (questions.some((q) => q.id === question.id)) check.add(`questions[${i}].id`, `"${question.id}" is used twice`);
    else questions.push(question);
  }
  if (check.found.length > 0 || title === undefined || description === undefined) return fail();
  return { ok: true, deck: { name, title, description, order: order as Deck['order'], sets, questions } };
}

function validateQuestion(raw: unknown, field: string, check: Checker, sets: DeckSet[]): DeckQuestion | undefined {
  if (!isRecord(raw)) return void check.add(field, 'must be a mapping with id and text');
  check.unknownKeys(raw, QUESTION_FIELDS, `${field}.`, 'question');
  const id = check.text(raw, 'id', `${field}.id`, DECK_LIMITS.title, true);
  if (id !== undefined && !QUESTION_ID.test(id))
    check.add(`${field}.id`, `"${id}" is not a question id (lower-case letters, digits and -)`);
  const text = check.text(raw, 'text', `${field}.text`, DECK_LIMITS.text, true);
  const hint = check.text(raw, 'hint', `${field}.hint`, DECK_LIMITS.hint, false);
  const mode = raw.mode ?? 'open';
  if (mode !== 'open' && mode !== 'guess') check.add(`${field}.mode`, 'must be open or guess');
  const set = check.text(raw, 'set', `${field}.set`, DECK_LIMITS.title, false);
  if (set !== undefined && !sets.some((s) => s.id === set))
    check.add(`${field}.set`, `"${set}" is not one of the deck's sets`);
  if (id === undefined || !QUESTION_ID.test(id) || text === undefined) return undefined;
  return {
    id,
    text,
    mode: mode === 'guess' ? 'guess' : 'open',
    ...(hint ? { hint } : {}),
    ...(set ? { set } : {}),
  };
}
