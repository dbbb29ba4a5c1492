import { Command } from 'commander';
import { openReading, type ReadingOptions } from '../app/reading.js';
import { writeReply } from '../app/reply.js';
import { isStillSealed } from '../app/sealed-guard.js';
import { UsageError, UserError } from '../errors.js';
import { partnerOf } from '../journal/partners.js';
import { filterFor } from '../reading/query.js';
import { findTarget } from '../reading/target.js';
import { shownShellWord } from '../shell-word.js';
import type { Entry } from '../store/entry.js';
import { commandContext, examples, type Launch } from './context.js';
import { addReadingFilters, ambiguityError } from './reading-options.js';

export function command(launch: Launch): Command {
  const reply = new Command('reply')
    .argument(
      '<id|last>',
      "the entry to answer: an id (or a unique prefix), or `last` (your partner's newest you can answer)",
    )
    .argument('[text...]', 'your reply (else from stdin, or asked at a terminal)');
  return addReadingFilters(reply)
    .addHelpText(
      'after',
      examples([
        'intimacy reply last "that made my whole day"',
        'intimacy reply last --type gratitude "you are welcome, always"',
        'intimacy reply 20261125T1832 "let us talk about this on Sunday"',
        'intimacy reply last                  # asks for the reply',
      ]) +
        '\nA reply is an entry of its own (two replies never conflict) naming the entry it answers:\nshow lists the replies under it, log marks it, export puts them right after it.\n',
    )
    .action(async (target: string, words: string[], options: ReadingOptions, cmd: Command) => {
      const reading = await openReading(await commandContext(cmd, launch), options);
      const { journal } = reading;
      // `last` is what your partner wrote last, unless the filters name whose, that a reply can
      // answer: not an answer still sealed (nor a private entry, with --mine).
      const partner = partnerOf(journal);
      const last = target.trim().toLowerCase() === 'last';
      const whose =
        last && reading.filter.authors.length === 0 && partner
          ? filterFor({ ...reading.filter, authorNames: [partner] })
          : reading.filter;
      const filter = last ? { ...whose, accept: answerable } : whose;
      const found = await findTarget(journal.dir, reading.walk, filter, target, reading.ctx.now());
      if (found.kind === 'ambiguous') throw ambiguityError(target, found.candidates);
      if (found.kind === 'malformed')
        throw new UserError(
          `${found.problem.relPath} is not a well-formed entry: ${found.problem.reason}; nothing was written.`,
          `See it with intimacy show ${shownShellWord(found.file.id)} --raw.`,
        );
      if (found.kind === 'none')
        throw new UserError(`No entry matches "${target}"; nothing was written.`, 'List entries with intimacy log.');
      if (found.entries.length > 1)
        throw new UsageError(
          `${found.entries.length} entries match "${target}"; a reply answers one.`,
          'Name it by its id (intimacy log lists them).',
        );
      await writeReply(reading.ctx, journal, found.entries[0]!, words);
    });
}

function answerable(entry: Entry): boolean {
  return !isStillSealed(entry) && entry.fields.private !== true;
}
