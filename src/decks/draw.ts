import { type Round, roundState } from './rounds.js';
import type { Deck, DeckQuestion } from './schema.js';

/*
 * Which question to ask next. Pure: the rounds so far and a source of randomness in, a question
 * (or why there is none) out.
 */

export interface Turn {
  deck: string;
  question: DeckQuestion | undefined;
  /** the words as asked, from the round when the deck no longer has the question */
  asked: string;
}

/** Rounds your partner has answered and you have not, oldest first (optionally of one deck). */
export function yourTurns(rounds: Round[], me: string, partner: string | undefined, deck?: string): Round[] {
  return rounds.filter(
    (round) => (deck === undefined || round.deck === deck) && roundState(round, me, partner) === 'your-turn',
  );
}

/**
 * A question of the deck neither of you has answered: the first in the file's order for an
 * in-order deck, else one at random. With `repeat`, questions answered before may come again
 * (never one still waiting for your partner). Undefined when the deck is done.
 */
export function drawQuestion(
  deck: Deck,
  rounds: Round[],
  me: string,
  options: { repeat: boolean; random: (n: number) => number },
): DeckQuestion | undefined {
  const ofDeck = rounds.filter((round) => round.deck === deck.name);
  const waiting = new Set(
    ofDeck.filter((round) => round.answers.has(me) && round.answers.size === 1).map((r) => r.question),
  );
  const answered = new Set(ofDeck.map((round) => round.question));
  const fresh = deck.questions.filter((q) => !answered.has(q.id));
  const candidates = fresh.length > 0 || !options.repeat ? fresh : deck.questions.filter((q) => !waiting.has(q.id));
  if (candidates.length === 0) return undefined;
  if (deck.order === 'in-order') return candidates[0];
  return candidates[options.random(candidates.length)];
}
