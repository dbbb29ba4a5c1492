import { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { examples } from './context.js';
import { addReadingFilters, openReading, type ReadingOptions } from './reading.js';
import { ambiguityError } from './target.js';

export function showCommand(): Command {
  const command = new Command('show')
    .description('show an entry for reading (by id or unique prefix, `last`, or a date)')
    .argument(
      '<id|last|date>',
      'an entry id or a unique prefix of it, `last`, or a date such as 2026-11-25 or yesterday',
    )
    .option('--raw', 'print the file exactly as it is on disk')
    .option('--json', 'print the entries as a JSON array (see README for the shape)');
  return addReadingFilters(command)
    .addHelpText(
      'after',
      examples([
        'intimacy show last',
        'intimacy show last --partner --type gratitude',
        'intimacy show 20261125T1832',
        'intimacy show yesterday',
        'intimacy show 2026-11-25 --raw',
      ]),
    )
    .action(async (target: string, options: ReadingOptions & { raw?: boolean; json?: boolean }, cmd: Command) => {
      if (options.raw && options.json) throw new UsageError('--raw and --json cannot be used together.', 'Choose one.');
      // Loaded while the journal opens.
      const modules = Promise.all([
        import('../reading/target.js'),
        import('../store/entry-files.js'),
        import('../ui/output.js'),
        import('../ui/entry-page.js'),
        import('../ui/entry-json.js'),
        import('../ui/pager.js'),
      ]);
      const reading = await openReading(cmd, options);
      const [{ findTarget }, { readEntryText }, ui, view, json, { pagedOutput }] = await modules;
      const found = await findTarget(reading.journal.dir, reading.walk, reading.filter, target, reading.ctx.now());
      if (found.kind === 'ambiguous') throw ambiguityError(target, found.candidates);
      if (found.kind === 'malformed') {
        if (!options.raw) {
          throw new UserError(
            `${found.problem.relPath} is not a well-formed entry: ${found.problem.reason}.`,
            `See it with intimacy show ${found.file.id} --raw, or fix it with intimacy edit ${found.file.id}.`,
          );
        }
        const { promises: fs } = await import('node:fs');
        const path = await import('node:path');
        process.stdout.write(await fs.readFile(path.join(reading.journal.dir, found.file.relPath)));
        return;
      }
      found.problems.forEach(reading.report);
      if (found.kind === 'none') throw await reading.nothingFound(target);
      // A day reads oldest first; -n keeps its newest N.
      const entries = reading.limit === undefined ? found.entries : found.entries.slice(-reading.limit);
      if (options.json) {
        ui.printJson(entries.map(json.entryJson));
        return;
      }
      const output = pagedOutput({ enabled: true });
      for (const [index, { file, entry }] of entries.entries()) {
        if (index > 0) output.write(['', ui.out().dim('─'.repeat(40)), '']);
        if (options.raw) output.write((await readEntryText(reading.journal.dir, file)).replace(/\n$/, ''));
        else output.write(view.entryPage(ui.out(), { entry, id: file.id }));
      }
      await output.end();
    });
}
