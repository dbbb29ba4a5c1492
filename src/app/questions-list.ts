import type { QuestionRow } from '../decks/news.js';
import { roundState } from '../decks/rounds.js';
import type { CommandContext } from './context.js';
import { openReadyAnswers } from './open-answers.js';
import { openForReading } from './question-open.js';
import { loadRounds } from './question-rounds.js';

/** Every question either of you has answered, where it stands; answers ready to open are opened first. */
export async function listQuestions(
  ctx: CommandContext,
): Promise<{ rows: QuestionRow[]; me: string; partner?: string }> {
  const journal = await openForReading(ctx);
  let seen = await loadRounds(journal);
  if ((await openReadyAnswers(journal, ctx.now(), seen)).length > 0) seen = await loadRounds(journal);
  const rows = seen.rounds.map((round): QuestionRow => {
    const answers = [...round.answers.values()];
    const state = roundState(round, seen.me, seen.partner);
    const openedDates = answers.map((a) => a.opened).filter((d): d is string => d !== undefined);
    return {
      deck: round.deck,
      question: round.question,
      text: round.asked,
      guess: round.guess,
      state,
      answers: answers.map((a) => ({ author: a.author, id: a.id, date: a.date, open: a.open })),
      ...(state === 'open' && openedDates.length > 0 ? { opened: openedDates.sort().at(-1) } : {}),
    };
  });
  return { rows, me: seen.me, ...(seen.partner ? { partner: seen.partner } : {}) };
}
