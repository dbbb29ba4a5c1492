import type { Entry } from '../store/entry.js';
import { QUESTION_TYPE } from './rounds.js';
import type { DeckQuestion } from './schema.js';
import type { SealedWords } from './seal.js';

/*
 * What an answer looks like as an entry. Sealed: the question in the front matter (deck, id and
 * its words, which are no secret), the answer only as `sealed` ciphertext, and no body. Opened:
 * the same, plus the released `key` and when it was `opened`, and the answer (and the guess)
 * under their headings in the body like any entry's, so grep, export and an editor read them.
 * The ciphertext stays, so an answer changed after opening shows as edited.
 */

/** The heading a guess is filed under. */
export const GUESS_HEADING = "My guess of my partner's answer";

export interface AnswerInput {
  deck: string;
  question: DeckQuestion;
  author: string;
  /** ISO 8601 with the writer's offset */
  date: string;
  tags: string[];
  sealed: string;
}

export function sealedAnswerEntry(input: AnswerInput): Entry {
  return {
    type: QUESTION_TYPE,
    author: input.author,
    date: input.date,
    tags: input.tags,
    fields: {
      deck: input.deck,
      question: input.question.id,
      asked: input.question.text,
      ...(input.question.mode === 'guess' ? { mode: 'guess' } : {}),
      sealed: input.sealed,
    },
    body: '',
  };
}

/** The sealed entry with its key released and its words written out. */
export function openedAnswerEntry(entry: Entry, words: SealedWords, key: string, opened: string): Entry {
  const asked = typeof entry.fields.asked === 'string' ? entry.fields.asked : 'Answer';
  const sections = [`## ${oneLine(asked)}\n\n${words.answer.replace(/\s+$/, '')}\n`];
  if (words.guess !== undefined) sections.push(`## ${GUESS_HEADING}\n\n${words.guess.replace(/\s+$/, '')}\n`);
  return { ...entry, fields: { ...entry.fields, key, opened }, body: sections.join('\n') };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
