import { Command } from 'commander';
import { deckNamed } from '../app/find-deck.js';
import { answeredTogether, loadRounds } from '../app/question-rounds.js';
import { loadDecks } from '../decks/load.js';
import { describeDeckProblem } from '../decks/schema.js';
import { openJournal } from '../journal/journal.js';
import { assertReadable } from '../store/encryption-state.js';
import { deckLines, deckListLines } from '../ui/decks-view.js';
import { inline, print, printJson, warn } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('decks')
    .argument('[name]', 'a deck: list its questions and which you have both answered')
    .option('--json', 'print the decks (or the one deck and its questions) as JSON')
    .addHelpText(
      'after',
      examples(['intimacy decks', 'intimacy decks thirty-six', 'intimacy decks --json | jq ".[].name"']) +
        "\nA journal's own decks live in decks/NAME.yaml (committed, so both of you get them); one\nnamed like a built-in replaces it. Ask from one with intimacy ask --deck NAME.\n",
    )
    .action(async (name: string | undefined, options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const journal = await openJournal(ctx);
      await assertReadable(journal);
      const [set, seen] = await Promise.all([loadDecks(journal.dir), loadRounds(journal)]);
      if (name !== undefined) {
        const { deck, source } = deckNamed(set, name);
        const both = answeredTogether(seen, deck.name);
        if (options.json) {
          printJson({
            ...deck,
            source,
            questions: deck.questions.map((q) => ({ ...q, answeredTogether: both.has(q.id) })),
          });
          return;
        }
        for (const line of deckLines(deck, both)) print(line);
        return;
      }
      for (const problems of set.broken.values())
        for (const problem of problems) warn(`broken deck, skipped: ${inline(describeDeckProblem(problem))}`);
      const rows = [...set.decks.values()]
        .sort((a, b) => a.deck.name.localeCompare(b.deck.name))
        .map((loaded) => ({ ...loaded, answered: answeredTogether(seen, loaded.deck.name).size }));
      if (options.json) {
        printJson(
          rows.map(({ deck, source, overrides, answered }) => ({
            name: deck.name,
            title: deck.title,
            description: deck.description,
            source,
            overrides,
            order: deck.order,
            questions: deck.questions.length,
            answeredTogether: answered,
          })),
        );
        return;
      }
      for (const line of deckListLines(rows)) print(line);
    });
}
