import { GUESS_HEADING } from '../../decks/answer-entry.js';
import { type SealedWords, unseal } from '../../decks/seal.js';
import { pushAll } from '../../many.js';
import type { Entry } from '../../store/entry.js';
import { viewHead } from './loose.js';
import { bodySections } from './values.js';
import type { EntryView, Part, RenderContext } from './view.js';

/*
 * An answer to a deck's question. Opened, it reads as the answer and the guess; with the
 * partner's answer at hand (show), as the whole question: both answers, each guess beside the
 * answer it guessed. Sealed, it says so and shows nothing of the words, except to its author on
 * the computer that holds the key. An answer whose words differ from what was sealed is marked
 * as edited after opening.
 */

export interface AnswerWords {
  words?: SealedWords;
  state: 'open' | 'sealed' | 'yours-sealed';
  edited: boolean;
}

function field(entry: Entry, key: string): string | undefined {
  const value = entry.fields[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function answerWords(entry: Entry, ctx: RenderContext): AnswerWords {
  const sealed = field(entry, 'sealed');
  const key = field(entry, 'key');
  if (!key) {
    const own = ctx.ownSealed?.(entry);
    return own ? { words: own, state: 'yours-sealed', edited: false } : { state: 'sealed', edited: false };
  }
  const sections = bodySections(entry.body);
  const guess = sections.find((s) => s.heading === GUESS_HEADING)?.text;
  const answer = sections
    .filter((s) => s.heading !== GUESS_HEADING)
    .map((s) => s.text)
    .join('\n\n');
  const words: SealedWords = guess === undefined ? { answer } : { answer, guess };
  const original = sealed ? unseal(sealed, key) : undefined;
  const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim() === (b ?? '').trim();
  const edited = !original || !same(original.answer, words.answer) || !same(original.guess, words.guess);
  return { words, state: 'open', edited };
}

export function describeQuestion(entry: Entry, id: string, ctx: RenderContext): EntryView {
  const view = viewHead(entry, id, ctx, field(entry, 'asked') ?? 'A question');
  const nameOf = ctx.nameOf ?? ((name: string) => name);
  const author = nameOf(entry.author);
  const other = ctx.partnerAnswer?.(id);
  const mine = answerWords(entry, ctx);
  const theirs = other ? answerWords(other, ctx) : undefined;
  const partner = other ? nameOf(other.author) : undefined;
  const parts: Part[] = [];
  const deck = field(entry, 'deck');
  if (deck) parts.push({ kind: 'fact', id: 'deck', label: 'Deck', text: deck });
  const both = other !== undefined;
  pushAll(parts, answerParts(author, partner, mine, both, theirs));
  if (other && partner && theirs) pushAll(parts, answerParts(partner, author, theirs, both, mine));
  if (!other && mine.words?.guess !== undefined)
    parts.push({ kind: 'text', id: 'guess', label: `${author}'s guess`, text: mine.words.guess });
  view.parts = parts;
  return view;
}

/** One partner's answer, then the other's guess of it. */
function answerParts(
  author: string,
  partner: string | undefined,
  answer: AnswerWords,
  both: boolean,
  guesser?: AnswerWords,
): Part[] {
  const parts: Part[] = [];
  const label = `${author}'s answer`;
  // Both answered: its key comes with the next sync of its author's computer.
  const sealedText = both ? `sealed until ${author}'s next sync opens it` : 'sealed until you have both answered';
  if (answer.state === 'sealed') parts.push({ kind: 'fact', id: 'answer', label, text: sealedText });
  else if (answer.words) {
    const note = answer.state === 'yours-sealed' ? ' (sealed: only you can read it yet)' : '';
    parts.push({ kind: 'text', id: 'answer', label: `${label}${note}`, text: answer.words.answer });
    if (answer.edited) parts.push({ kind: 'fact', id: 'edited', label: 'Edited', text: 'changed after it was opened' });
  }
  const guess = guesser?.words?.guess;
  if (guess !== undefined && partner)
    parts.push({ kind: 'text', id: 'guess', label: `${partner}'s guess`, text: guess });
  return parts;
}
