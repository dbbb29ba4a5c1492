import { Command } from 'commander';
import { examples } from './context.js';
import { addReadingFilters, openReading, type ReadingOptions } from './reading.js';

export function logCommand(): Command {
  const command = new Command('log')
    .description('list entries, newest first, one line each')
    .option('--json', 'print the entries as a JSON array (see README for the shape)');
  return addReadingFilters(command)
    .addHelpText(
      'after',
      examples([
        'intimacy log',
        'intimacy log -n 20 --mine',
        'intimacy log --type gratitude --since "last month"',
        'intimacy log --partner --tag home --until yesterday',
        'intimacy log --on-this-day',
        'intimacy log --json | jq ".[0].id"',
      ]),
    )
    .action(async (options: ReadingOptions & { json?: boolean }, cmd: Command) => {
      // Loaded while the journal opens.
      const modules = Promise.all([
        import('../reading/select.js'),
        import('../reading/query.js'),
        import('../ui/output.js'),
        import('../ui/entry-view.js'),
        import('../ui/entry-json.js'),
        import('../ui/pager.js'),
      ]);
      const reading = await openReading(cmd, options);
      const [{ selectEntries }, { shortIdAmong }, ui, view, json, { pagedOutput }] = await modules;
      const { entries, problems } = await selectEntries(
        reading.journal.dir,
        reading.files(),
        reading.filter,
        reading.limit,
      );
      problems.forEach(reading.report);
      if (options.json) {
        ui.printJson(entries.map(json.summaryJson));
        return;
      }
      if (entries.length === 0) {
        ui.info((await reading.walk.isEmpty()) ? 'The journal has no entries yet.' : 'No entries match.');
        return;
      }
      // Each id's neighbours decide its length: their folders are listed, not the whole journal.
      const around = await reading.walk.idsAround(entries.map(({ file }) => file));
      // Ids line up at the usual length; a rare longer one pushes its line along.
      const shortId = (id: string) => shortIdAmong(id, around).padEnd(16);
      const width = process.stdout.isTTY ? process.stdout.columns : undefined;
      const output = pagedOutput();
      for (const { file, entry } of entries)
        output.write(view.logLine(ui.out(), { entry, shortId: shortId(file.id) }, width));
      await output.end();
    });
}
