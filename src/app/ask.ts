import { sealedAnswerEntry } from '../decks/answer-entry.js';
import { drawQuestion, yourTurns } from '../decks/draw.js';
import { type DeckSet, loadDecks } from '../decks/load.js';
import { type Round, roundState } from '../decks/rounds.js';
import type { Deck, DeckQuestion } from '../decks/schema.js';
import { seal, sealName } from '../decks/seal.js';
import { UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { askAnswer } from '../prompts/answer.js';
import { readStdin } from '../prompts/stdin.js';
import { draftsFolder } from '../store/drafts.js';
import { isoWithOffset } from '../store/entry-date.js';
import { MAX_ENTRY_BYTES } from '../store/entry-files.js';
import { nodeCrypto } from '../store/node-crypto.js';
import { keepSealedKey } from '../store/sealed-keys.js';
import { type AskedQuestion, reportAnswered, showAsked, showQuestion } from '../ui/ask-view.js';
import { info } from '../ui/output.js';
import type { CommandContext } from './context.js';
import { deckNamed } from './find-deck.js';
import { type OpenedAnswer, openReadyAnswers } from './open-answers.js';
import { openForWriting } from './open-for-writing.js';
import { questionView } from './question-reading.js';
import { loadRounds, type QuestionsSeen } from './question-rounds.js';
import { writeEntries } from './write-entry.js';

export interface AskInput {
  deck?: string;
  question?: string;
  answer?: string;
  guess?: string;
  repeat?: boolean;
}

/** The deck asked from when none is named and none was asked from before. */
export const FIRST_DECK = 'love-maps';

/** An answer holds at most this much text: sealed, it is a third longer in the entry. */
const MAX_ANSWER_BYTES = Math.floor(MAX_ENTRY_BYTES / 3);

interface Chosen {
  deck: Deck;
  question: DeckQuestion;
  /** the partner answered this one first */
  yourTurn: boolean;
}

/**
 * `intimacy ask`: a question your partner has answered and you have not, else a new one from the
 * deck; your answer (and guess) sealed so your partner cannot read it until they have answered;
 * then any answers of yours whose partner has answered are opened.
 */
export async function askQuestion(ctx: CommandContext, input: AskInput): Promise<void> {
  if (input.answer !== undefined && input.answer.trim() === '')
    throw new UsageError(
      'The answer is empty; nothing was saved.',
      'Say a few words, e.g. --answer "a slow breakfast".',
    );
  const { journal } = await openForWriting(ctx);
  const [decks, seen] = await Promise.all([loadDecks(journal.dir), loadRounds(journal)]);
  const chosen = chooseQuestion(decks, seen, input);
  const asked: AskedQuestion = {
    deckTitle: chosen.deck.title,
    text: chosen.question.text,
    hint: chosen.question.hint,
    guess: chosen.question.mode === 'guess',
    partner: seen.partner,
    yourTurn: chosen.yourTurn,
  };
  if (input.guess !== undefined && !asked.guess)
    throw new UsageError(
      `"${chosen.question.id}" is not a guess question; nothing was saved.`,
      'Leave out --guess, or pick a question marked (guess) in intimacy decks NAME.',
    );
  showAsked(asked);
  const words = await answerWords(ctx, journal, asked, input);
  const when = ctx.now();
  const sealed = seal(words);
  // The key is on this computer before the answer is in the journal: nothing can lose it between.
  await keepSealedKey(journal.dir, sealName(sealed.sealed), sealed.key);
  const entry = sealedAnswerEntry({
    deck: chosen.deck.name,
    question: chosen.question,
    author: seen.me,
    date: isoWithOffset(when),
    tags: [],
    sealed: sealed.sealed,
  });
  let opened: OpenedAnswer[] = [];
  await writeEntries(journal, [entry], {
    when,
    env: ctx.env,
    // Opened before autosync, so one sync sends both the sealed answer and its key.
    beforeSync: async () => {
      opened = await openReadyAnswers(journal, when);
    },
  });
  reportAnswered(asked, opened);
  // The second answer: the question is open on this side at once, read it right away.
  const now = opened.find((answer) => answer.asked === asked.text);
  if (now) showQuestion(await questionView(journal, now.id, now.relPath));
}

/** The answer (and the guess) from the flags, stdin or the prompts; refused when empty. */
async function answerWords(
  ctx: CommandContext,
  journal: Journal,
  asked: AskedQuestion,
  input: AskInput,
): Promise<{ answer: string; guess?: string }> {
  let answer = input.answer;
  let guess = input.guess;
  const editorDir = async () => draftsFolder(journal.dir);
  if (answer === undefined) {
    if (!ctx.stdin.isTTY)
      answer = await readStdin(ctx.stdin, { maxBytes: MAX_ANSWER_BYTES, what: 'The answer on stdin' });
    else if (ctx.mayPrompt)
      answer = await askAnswer({ message: 'Your answer', env: ctx.env, editorDir: await editorDir() });
    else
      throw new UsageError(
        'No answer given and prompting is off; nothing was saved.',
        'Pass it with --answer "…", or pipe it on stdin.',
      );
  }
  if (answer.trim() === '')
    throw new UsageError(
      'The answer is empty; nothing was saved.',
      'Say a few words, e.g. --answer "a slow breakfast".',
    );
  if (asked.guess && guess === undefined) {
    // Without a terminal the answer goes alone (a script may not know it drew a guess question).
    if (!ctx.mayPrompt || input.answer !== undefined || !ctx.stdin.isTTY) {
      info(`This is a guess question; no guess was given (--guess "…"), so your answer is saved without one.`);
      return { answer };
    }
    guess = await askAnswer({
      message: `And what do you think ${asked.partner ?? 'your partner'} will answer?`,
      env: ctx.env,
      editorDir: await editorDir(),
    });
  }
  if (guess !== undefined && guess.trim() === '')
    throw new UsageError('The guess is empty; nothing was saved.', 'Say what you think, e.g. --guess "pancakes".');
  if (Buffer.byteLength(answer) + Buffer.byteLength(guess ?? '') > MAX_ANSWER_BYTES)
    throw new UsageError('The answer is too long to seal; nothing was saved.', 'Keep it under 300 KiB.');
  return guess === undefined ? { answer } : { answer, guess };
}

/** --question, else the oldest question your partner answered first, else a new one from the deck. */
export function chooseQuestion(decks: DeckSet, seen: QuestionsSeen, input: AskInput): Chosen {
  const { rounds, me, partner } = seen;
  if (input.deck !== undefined) deckNamed(decks, input.deck);
  if (input.question !== undefined) return namedQuestion(decks, seen, input);
  for (const round of yourTurns(rounds, me, partner, input.deck)) {
    const found = questionOf(decks, round);
    if (found) return { ...found, yourTurn: true };
  }
  const deckName = input.deck ?? lastDeck(rounds, decks) ?? FIRST_DECK;
  const { deck } = deckNamed(decks, deckName);
  const question = drawQuestion(deck, rounds, me, {
    repeat: Boolean(input.repeat),
    random: (n) => nodeCrypto().randomInt(n),
  });
  if (!question)
    throw new UserError(
      input.repeat
        ? `Every question of ${deck.name} is waiting for ${partner ?? 'your partner'}'s answer.`
        : `You have answered every question of ${deck.name}.`,
      `Pass --repeat to answer them again (answers change over the years), or choose another deck: intimacy decks.`,
    );
  return { deck, question, yourTurn: false };
}

/** The deck of the last question either of you answered, while it still exists. */
function lastDeck(rounds: Round[], decks: DeckSet): string | undefined {
  const answers = rounds.flatMap((round) => [...round.answers.values()]);
  answers.sort((a, b) => a.id.localeCompare(b.id));
  const last = answers.at(-1);
  return last && decks.decks.has(last.deck) ? last.deck : undefined;
}

function questionOf(decks: DeckSet, round: Round): { deck: Deck; question: DeckQuestion } | undefined {
  const deck = decks.decks.get(round.deck)?.deck;
  const question = deck?.questions.find((q) => q.id === round.question);
  return deck && question ? { deck, question } : undefined;
}

function namedQuestion(decks: DeckSet, seen: QuestionsSeen, input: AskInput): Chosen {
  const id = input.question ?? '';
  const holding = [...decks.decks.values()].filter(
    ({ deck }) => (input.deck === undefined || deck.name === input.deck) && deck.questions.some((q) => q.id === id),
  );
  if (holding.length === 0) {
    if (input.deck !== undefined) {
      const deck = deckNamed(decks, input.deck).deck;
      throw new UsageError(
        `The ${deck.name} deck has no question "${id}".`,
        `Its questions: ${deck.questions.map((q) => q.id).join(', ')}.`,
      );
    }
    throw new UsageError(
      `No deck has a question "${id}".`,
      `Name its deck with --deck (one of: ${[...decks.decks.keys()].sort().join(', ')}); intimacy decks NAME lists its questions.`,
    );
  }
  if (holding.length > 1)
    throw new UsageError(
      `Several decks have a question "${id}": ${holding.map(({ deck }) => deck.name).join(', ')}.`,
      'Name one with --deck.',
    );
  const deck = holding[0]!.deck;
  const question = deck.questions.find((q) => q.id === id)!;
  const ofQuestion = seen.rounds.filter((round) => round.deck === deck.name && round.question === id);
  const states = ofQuestion.map((round) => roundState(round, seen.me, seen.partner));
  if (states.includes('your-turn')) return { deck, question, yourTurn: true };
  if (states.includes('waiting'))
    throw new UserError(
      `You have answered "${id}" already; it opens when ${seen.partner ?? 'your partner'} has answered too.`,
      'See where each question stands with intimacy questions.',
    );
  if (ofQuestion.length > 0 && !input.repeat)
    throw new UserError(
      `You have both answered "${id}" before.`,
      'Pass --repeat to answer it again, and see how your answers change.',
    );
  return { deck, question, yourTurn: false };
}
