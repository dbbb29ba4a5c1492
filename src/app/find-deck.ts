import { type DeckSet, type LoadedDeck, loadDecks } from '../decks/load.js';
import { describeDeckProblem } from '../decks/schema.js';
import { UsageError, UserError } from '../errors.js';

/** The deck called `name`: a broken one is named with its problems, an unknown one with the decks there are. */
export function deckNamed(set: DeckSet, name: string): LoadedDeck {
  const problems = set.broken.get(name);
  if (problems)
    throw new UserError(
      `The ${name} deck is broken:\n  ${problems.map(describeDeckProblem).join('\n  ')}\nFix the file; the other decks still work.`,
    );
  const found = set.decks.get(name);
  if (!found)
    throw new UsageError(
      `There is no deck called "${name}".`,
      `Choose one of: ${[...set.decks.keys()].sort().join(', ')} (intimacy decks lists them).`,
    );
  return found;
}

export async function findDeck(journalDir: string, name: string): Promise<LoadedDeck> {
  return deckNamed(await loadDecks(journalDir), name);
}
