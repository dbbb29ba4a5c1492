import type { EntrySummary } from '../store/summaries.js';

/*
 * Which answers belong together. An answer is an entry of type `question` naming its deck and
 * question; each partner's answers to one question, in the order they were written, are paired
 * one by one: the first answers of both make the first round, the next ones (asked again with
 * --repeat, years later) the second. No id has to be agreed on, so two partners answering the
 * same question at the same moment, offline, still end up in one round.
 */

export const QUESTION_TYPE = 'question';

export interface Answer {
  id: string;
  relPath: string;
  author: string;
  date: string;
  deck: string;
  question: string;
  /** the question as it was asked (its words then) */
  asked: string;
  guess: boolean;
  /** the answer's key is in the journal: it can be read by both */
  open: boolean;
  /** when its key was released */
  opened?: string;
  /** the sealed words (base64) and, once open, their key, as the entry holds them */
  sealed?: string;
  key?: string;
}

export interface Round {
  deck: string;
  question: string;
  asked: string;
  guess: boolean;
  /** 0 for the first time this question was answered, 1 for the second… */
  index: number;
  /** by author name (as the journal knows it now) */
  answers: Map<string, Answer>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An entry as an answer, when it is one. */
export function answerOf(
  summary: Pick<EntrySummary, 'id' | 'relPath' | 'type' | 'author' | 'date' | 'fields'>,
): Answer | undefined {
  if (summary.type !== QUESTION_TYPE) return undefined;
  const deck = text(summary.fields.deck);
  const question = text(summary.fields.question);
  if (!deck || !question) return undefined;
  const opened = text(summary.fields.opened);
  return {
    id: summary.id,
    relPath: summary.relPath,
    author: summary.author,
    date: summary.date,
    deck,
    question,
    asked: text(summary.fields.asked) ?? question,
    guess: summary.fields.mode === 'guess',
    open: text(summary.fields.key) !== undefined,
    ...(opened ? { opened } : {}),
    ...(typeof summary.fields.sealed === 'string' ? { sealed: summary.fields.sealed } : {}),
    ...(typeof summary.fields.key === 'string' ? { key: summary.fields.key } : {}),
  };
}

/** Every round of questions, oldest first (entries come oldest first). */
export function questionRounds(entries: Array<Parameters<typeof answerOf>[0]>): Round[] {
  const rounds: Round[] = [];
  const byQuestion = new Map<string, Round[]>();
  for (const entry of entries) {
    const answer = answerOf(entry);
    if (!answer) continue;
    const key = `${answer.deck}\u0000${answer.question}`;
    let list = byQuestion.get(key);
    if (!list) byQuestion.set(key, (list = []));
    // The first round this author has not answered yet takes it.
    let round = list.find((r) => !r.answers.has(answer.author));
    if (!round) {
      round = {
        deck: answer.deck,
        question: answer.question,
        asked: answer.asked,
        guess: answer.guess,
        index: list.length,
        answers: new Map(),
      };
      list.push(round);
      rounds.push(round);
    }
    round.answers.set(answer.author, answer);
  }
  return rounds;
}

export type RoundState = 'your-turn' | 'waiting' | 'opening' | 'open';

/**
 * Where a round stands for `me`: the partner answered and it is your turn; you answered and wait
 * for them; both answered but a key is still on its way (the next sync brings it); or open.
 */
export function roundState(round: Round, me: string, partner: string | undefined): RoundState {
  const mine = round.answers.get(me);
  const theirs = partner === undefined ? undefined : round.answers.get(partner);
  if (!mine) return 'your-turn';
  if (!theirs) return 'waiting';
  return mine.open && theirs.open ? 'open' : 'opening';
}

/** The round's answer by the other partner. */
export function otherAnswer(round: Round, author: string): Answer | undefined {
  for (const [who, answer] of round.answers) if (who !== author) return answer;
  return undefined;
}

/** The round an answer belongs to. */
export function roundOf(rounds: Round[], id: string): Round | undefined {
  return rounds.find((round) => [...round.answers.values()].some((answer) => answer.id === id));
}
