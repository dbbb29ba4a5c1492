import { questionRounds, type Round } from '../decks/rounds.js';
import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { authorName, withAuthorsNamed } from '../store/authors.js';
import { loadSummaries } from '../store/summaries.js';

export interface QuestionsSeen {
  rounds: Round[];
  /** who I am, as the journal names me now */
  me: string;
  partner?: string;
}

/** Every round of questions in the journal, from the front matter cache (no answer is read). */
export async function loadRounds(journal: Journal): Promise<QuestionsSeen> {
  const { entries } = await loadSummaries(journal.git);
  const partner = partnerOf(journal);
  return {
    rounds: questionRounds(withAuthorsNamed(journal.settings, entries)),
    me: authorName(journal.settings, journal.me.name),
    ...(partner ? { partner: authorName(journal.settings, partner) } : {}),
  };
}

/** The questions of a deck that both partners have answered at least once. */
export function answeredTogether(seen: QuestionsSeen, deck: string): Set<string> {
  const both = new Set<string>();
  for (const round of seen.rounds)
    if (round.deck === deck && round.answers.has(seen.me) && seen.partner && round.answers.has(seen.partner))
      both.add(round.question);
  return both;
}
