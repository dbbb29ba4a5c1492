import { Command } from 'commander';
import { editEntry } from '../app/edit-entry.js';
import { openReading, type ReadingOptions } from '../app/reading.js';
import { UsageError } from '../errors.js';
import { looksLikeId } from '../reading/query.js';
import { findTarget } from '../reading/target.js';
import { commandContext, examples, type Launch } from './context.js';
import { addReadingFilters, ambiguityError } from './reading-options.js';

export function command(launch: Launch): Command {
  const edit = new Command('edit').argument('<id|last>', 'an entry id or a unique prefix of it, or `last`');
  return addReadingFilters(edit)
    .addHelpText(
      'after',
      examples(['intimacy edit last --mine', 'intimacy edit 20261125T1832', 'EDITOR=nano intimacy edit last']) +
        '\nIf the edited front matter no longer reads as an entry, you can edit again, keep the previous\n' +
        'version or throw the edit away (without a terminal: the previous version is kept and the exit\n' +
        'code is 1). A rejected edit you keep stays in .intimacy/edits/: the next edit offers to resume\n' +
        'it or to start again from the entry (without a terminal it resumes it).\n' +
        'An entry your partner wrote holds their words: at a terminal you are asked first; without one,\n' +
        'pass --partner to say you mean it. An author: that is not one of the two partners is refused.\n',
    )
    .action(async (target: string, options: ReadingOptions, cmd: Command) => {
      const reading = await openReading(await commandContext(cmd, launch), options);
      if (target.trim().toLowerCase() !== 'last' && !looksLikeId(target)) {
        throw new UsageError(
          `edit takes an entry id or "last", not "${target}".`,
          'Find the id with intimacy log, e.g. intimacy edit 20261125T1832.',
        );
      }
      const found = await findTarget(reading.journal.dir, reading.walk, reading.filter, target, reading.ctx.now());
      if (found.kind === 'ambiguous') throw ambiguityError(target, found.candidates);
      if (found.kind === 'none') {
        for (const problem of found.problems) reading.report(problem);
        throw await reading.nothingFound(target);
      }
      // A malformed entry can still be opened: editing is how it gets fixed.
      const file = found.kind === 'malformed' ? found.file : found.entries[0]?.file;
      if (!file) throw await reading.nothingFound(target);
      const author = found.kind === 'found' ? found.entries[0]?.entry.author : undefined;
      await editEntry(reading.ctx, reading.journal, file, { author, partnerAllowed: options.partner === true });
    });
}
