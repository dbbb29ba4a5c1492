import { shownShellWord } from '../shell-word.js';
import { info, out, print } from './output.js';
import { entryLines } from './render/terminal.js';
import type { EntryView } from './render/view.js';

/* What `intimacy ask` says: the question before the answer, and where the answer stands after. */

export interface AskedQuestion {
  deckTitle: string;
  text: string;
  hint?: string;
  guess: boolean;
  partner?: string;
  /** the partner answered it first */
  yourTurn: boolean;
}

export function showAsked(asked: AskedQuestion): void {
  const c = out();
  if (asked.yourTurn) info(c.magenta(`${asked.partner ?? 'Your partner'} answered this — your turn.`));
  info(c.dim(asked.deckTitle));
  info(c.bold(asked.text));
  if (asked.hint) info(c.dim(asked.hint));
  if (asked.guess) info(c.dim(`Answer for yourself, then guess what ${asked.partner ?? 'your partner'} will say.`));
}

export function reportAnswered(asked: AskedQuestion, opened: Array<{ id: string; asked: string }>): void {
  const partner = asked.partner ?? 'your partner';
  const thisOne = opened.find((answer) => answer.asked === asked.text);
  if (thisOne)
    print(
      `You have both answered: read both answers with ${out().bold(`intimacy show ${shownShellWord(thisOne.id)}`)}.`,
    );
  else print(`Sealed: ${partner} can read your answer once they have answered too.`);
  const others = opened.filter((answer) => answer !== thisOne);
  if (others.length > 0)
    print(
      `Opened ${others.length === 1 ? 'an earlier answer' : `${others.length} earlier answers`} of yours that ${partner} has answered too.`,
    );
}

/** After a sync or a status: which of your answers opened because your partner answered too. */
export function reportOpened(opened: Array<{ id: string; asked: string }>, partner: string | undefined): void {
  for (const answer of opened)
    info(
      `${partner ?? 'Your partner'} has answered "${answer.asked}" too: read both with intimacy show ${shownShellWord(answer.id)}`,
    );
}

/** The question just opened, as show reads it. */
export function showQuestion(view: EntryView): void {
  for (const line of ['', ...entryLines(out(), view)]) print(line);
}
