import { questionRounds, type Round, type RoundState, roundState } from './rounds.js';

/* What status, stats and `questions` say about questions: whose turn it is, what has opened. */

/** One question as `questions` lists it. */
export interface QuestionRow {
  deck: string;
  question: string;
  text: string;
  guess: boolean;
  state: RoundState;
  /** the answers' ids and dates, by author */
  answers: Array<{ author: string; id: string; date: string; open: boolean }>;
  /** when the last of the two answers opened */
  opened?: string;
}

export interface QuestionNews {
  /** your partner answered these and you have not */
  yourTurn: Array<{ deck: string; question: string; text: string; by: string; date: string }>;
  /** opened since you last looked: both answers readable */
  opened: Array<{ deck: string; question: string; text: string; id: string; opened: string }>;
}

export function questionNews(
  entries: Parameters<typeof questionRounds>[0],
  me: string,
  partner: string | undefined,
  lastLooked: string | undefined,
): QuestionNews {
  const { yourTurn, opened } = questionsWaiting(entries, me, partner);
  return { yourTurn, opened: openedSince(opened, lastLooked) };
}

/**
 * questionNews before the last look is applied: every question whose turn is mine, and every
 * opened one (the status memo keeps these, app/status-memo.ts).
 */
export function questionsWaiting(
  entries: Parameters<typeof questionRounds>[0],
  me: string,
  partner: string | undefined,
): QuestionNews {
  const news: QuestionNews = { yourTurn: [], opened: [] };
  if (!partner) return news;
  for (const round of questionRounds(entries)) {
    const state = roundState(round, me, partner);
    const theirs = round.answers.get(partner);
    if (state === 'your-turn' && theirs)
      news.yourTurn.push({
        deck: round.deck,
        question: round.question,
        text: round.asked,
        by: partner,
        date: theirs.date,
      });
    if (state === 'open') {
      const opened = lastOpened(round);
      const mine = round.answers.get(me);
      if (opened && mine)
        news.opened.push({
          deck: round.deck,
          question: round.question,
          text: round.asked,
          id: mine.id,
          opened,
        });
    }
  }
  return news;
}

/** The questions opened after `lastLooked` (all of them on a first look). */
export function openedSince(opened: QuestionNews['opened'], lastLooked: string | undefined): QuestionNews['opened'] {
  if (lastLooked === undefined) return opened;
  const after = Date.parse(lastLooked);
  return opened.filter((item) => Date.parse(item.opened) > after);
}

function lastOpened(round: Round): string | undefined {
  const dates = [...round.answers.values()].map((a) => a.opened).filter((d): d is string => d !== undefined);
  return dates.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
}

export interface QuestionTally {
  /** questions both answered, the second answer within the range */
  answeredTogether: number;
  /** answers written in the range, by author */
  answers: Record<string, number>;
  /** questions one of you answered (in the range) that wait for the other */
  waiting: number;
}

/** What stats says of questions between `from` and `to` (calendar days, inclusive). */
export function questionTally(entries: Parameters<typeof questionRounds>[0], from: string, to: string): QuestionTally {
  const tally: QuestionTally = { answeredTogether: 0, answers: {}, waiting: 0 };
  const inRange = (date: string) => {
    const day = date.slice(0, 10);
    return day >= from && day <= to;
  };
  for (const round of questionRounds(entries)) {
    const answers = [...round.answers.values()];
    for (const answer of answers)
      if (inRange(answer.date)) tally.answers[answer.author] = (tally.answers[answer.author] ?? 0) + 1;
    const last = answers
      .map((a) => a.date)
      .sort((a, b) => Date.parse(a) - Date.parse(b))
      .at(-1);
    if (!last || !inRange(last)) continue;
    if (answers.length >= 2) tally.answeredTogether++;
    else tally.waiting++;
  }
  return tally;
}
