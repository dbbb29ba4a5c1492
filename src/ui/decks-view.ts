import type { LoadedDeck } from '../decks/load.js';
import type { Deck } from '../decks/schema.js';
import { largest } from '../many.js';
import { padVisible, visibleWidth } from './layout.js';
import { out } from './output.js';

/* The decks as `intimacy decks` lists them, and one deck's questions. */

export function deckListLines(rows: Array<LoadedDeck & { answered: number }>): string[] {
  const c = out();
  const width = Math.max(0, largest(rows.map((r) => visibleWidth(r.deck.name))));
  const counts = rows.map((r) => `${r.answered}/${r.deck.questions.length} answered`);
  const countWidth = Math.max(0, largest(counts.map((s) => s.length)));
  return rows.map((row, i) => {
    const source = row.source === 'journal' ? c.dim(row.overrides ? '  (yours, replaces built-in)' : '  (yours)') : '';
    return `${c.bold(padVisible(row.deck.name, width))}  ${counts[i]!.padEnd(countWidth)}  ${row.deck.title}${source}`;
  });
}

/** A deck's questions, grouped by set, each marked when you have both answered it. */
export function deckLines(deck: Deck, answered: Set<string>): string[] {
  const c = out();
  const lines = [c.bold(deck.title) + c.dim(` (${deck.name})`), deck.description];
  const groups =
    deck.sets.length > 0 ? deck.sets.map((set) => ({ title: set.title, id: set.id })) : [{ title: '', id: undefined }];
  const idWidth = largest(deck.questions.map((q) => visibleWidth(q.id)));
  for (const group of groups) {
    const questions = deck.questions.filter((q) => group.id === undefined || q.set === group.id);
    if (questions.length === 0) continue;
    lines.push('');
    if (group.title) lines.push(c.underline(group.title));
    for (const q of questions) {
      const mark = answered.has(q.id) ? c.green('✓') : ' ';
      const guess = q.mode === 'guess' ? c.dim(' (guess)') : '';
      lines.push(`${mark} ${c.dim(padVisible(q.id, idWidth))}  ${q.text}${guess}`);
    }
  }
  const loose = deck.sets.length > 0 ? deck.questions.filter((q) => q.set === undefined) : [];
  if (loose.length > 0) {
    lines.push('');
    for (const q of loose)
      lines.push(`${answered.has(q.id) ? c.green('✓') : ' '} ${c.dim(padVisible(q.id, idWidth))}  ${q.text}`);
  }
  lines.push(
    '',
    c.dim(`${answered.size} of ${deck.questions.length} answered by you both · intimacy ask --deck ${deck.name}`),
  );
  return lines;
}
