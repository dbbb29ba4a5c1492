import { otherAnswer, roundOf } from '../decks/rounds.js';
import type { Journal } from '../journal/journal.js';
import type { Entry } from '../store/entry.js';
import { readEntryFile } from '../store/entry-files.js';
import { describeEntry } from '../ui/render/describe.js';
import type { EntryView, RenderContext } from '../ui/render/view.js';
import { loadRounds } from './question-rounds.js';
import { renderContextFor } from './render-context.js';

/**
 * The render context for showing whole questions: each answer among `entries` is read with the
 * partner's answer to the same question (sealed or open: the describer shows only what may be).
 */
export async function withPartnerAnswers(
  journal: Journal,
  render: RenderContext,
  entries: Array<{ id: string; entry: Entry }>,
): Promise<RenderContext> {
  const answers = entries.filter(({ entry }) => entry.type === 'question');
  if (answers.length === 0) return render;
  const { rounds } = await loadRounds(journal);
  const others = new Map<string, Entry>();
  for (const { id } of answers) {
    const round = roundOf(rounds, id);
    const mine = round && [...round.answers.values()].find((answer) => answer.id === id);
    const other = round && mine ? otherAnswer(round, mine.author) : undefined;
    if (!other) continue;
    try {
      others.set(id, await readEntryFile(journal.dir, other));
    } catch {
      // a damaged partner's answer reads as not there; log and show name the file
    }
  }
  return { ...render, partnerAnswer: (id) => others.get(id) };
}

/** One answer as `show` reads it: the question, both answers and the guesses (what may be read of them). */
export async function questionView(journal: Journal, id: string, relPath: string): Promise<EntryView> {
  const entry = await readEntryFile(journal.dir, { relPath });
  const render = await withPartnerAnswers(journal, await renderContextFor(journal), [{ id, entry }]);
  return describeEntry(entry, id, render);
}
