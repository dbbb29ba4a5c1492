import { Command } from 'commander';
import { openReading, type ReadingOptions } from '../app/reading.js';
import { replyCounts } from '../app/replies.js';
import { shortIdsInSorted } from '../reading/query.js';
import { isConflictCopy } from '../store/summaries.js';
import { summaryJson } from '../ui/entry-json.js';
import { logColumns, logLine } from '../ui/entry-view.js';
import { info, out, printJsonArray } from '../ui/output.js';
import { pagedOutput } from '../ui/pager.js';
import { commandContext, examples, type Launch } from './context.js';
import { addReadingFilters } from './reading-options.js';

export function command(launch: Launch): Command {
  const log = new Command('log').option('--json', 'print the entries as a JSON array (see README for the shape)');
  return addReadingFilters(log)
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
      const reading = await openReading(await commandContext(cmd, launch), { ...options, forData: options.json });
      const entries = await reading.select();
      if (options.json) {
        printJsonArray(entries, summaryJson);
        return;
      }
      if (entries.length === 0) {
        info((await reading.walk.isEmpty()) ? 'The journal has no entries yet.' : 'No entries match.');
        return;
      }
      // Each id's neighbours decide its length: their folders are listed, not the whole journal.
      const [around, replies] = await Promise.all([
        reading.walk.idsAround(entries.map(({ file }) => file)),
        replyCounts(
          reading.walk,
          reading.journal,
          entries.map(({ file }) => file),
        ),
      ]);
      // Sorted once, each id's neighbours are found from one map: the whole log is 10,000 lines or more.
      const shortId = shortIdsInSorted(around.sort());
      const lines = entries.map(({ file, entry }) => ({
        entry,
        shortId: shortId(file.id),
        // the partner's version of an entry you both changed, until intimacy conflicts resolve settles it
        conflictCopy: isConflictCopy(file.relPath),
        replies: replies.get(file.id),
      }));
      // One width per column for the whole listing: a long id, type or name widens it for every line.
      const columns = logColumns(lines);
      const width = launch.stdout.isTTY ? launch.stdout.columns : undefined;
      const output = pagedOutput({ env: launch.env, stream: launch.stdout });
      for (const line of lines) output.write(logLine(out(), line, width, columns));
      await output.end();
    });
}
