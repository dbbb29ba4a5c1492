import type { Entry } from '../store/entry.js';
import { isoWithOffset } from '../store/entry-date.js';
import { type Answers, answersToEntry, type RunContext } from '../templates/answers.js';
import type { Template } from '../templates/schema.js';

/** A person's answers to a template, waiting to become their entry. */
export interface Turn {
  author: string;
  ctx: RunContext;
  answers: Answers;
}

/** The entries the turns make, dated `when`: what a preview shows is what is saved. */
export function entriesOf(template: Template, turns: Turn[], tags: string[], when: Date): Entry[] {
  return turns.map((turn) =>
    answersToEntry(template, turn.answers, { author: turn.author, date: isoWithOffset(when), tags, ctx: turn.ctx }),
  );
}
