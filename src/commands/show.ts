import { Command } from 'commander';
import { withPartnerAnswers } from '../app/question-reading.js';
import { openReading, type ReadingOptions } from '../app/reading.js';
import { renderContextFor } from '../app/render-context.js';
import { repliesFor } from '../app/replies.js';
import { UsageError, UserError } from '../errors.js';
import type { ReadEntry } from '../reading/select.js';
import { findTarget } from '../reading/target.js';
import { shownShellWord } from '../shell-word.js';
import { readEntryText } from '../store/entry-files.js';
import { terminalIsUtf8 } from '../ui/charts.js';
import { entryJson } from '../ui/entry-json.js';
import { inline, out, print, printJson } from '../ui/output.js';
import { pagedOutput } from '../ui/pager.js';
import { describeEntry } from '../ui/render/describe.js';
import { entryLines, replyLines } from '../ui/render/terminal.js';
import { commandContext, examples, type Launch } from './context.js';
import { addReadingFilters, ambiguityError } from './reading-options.js';

export function command(launch: Launch): Command {
  const show = new Command('show')
    .argument(
      '<id|last|date>',
      'an entry id or a unique prefix of it, `last`, or a date such as 2026-11-25 or yesterday',
    )
    .option('--raw', 'print the file exactly as it is on disk')
    .option('--json', 'print the entries as a JSON array (see README for the shape)');
  return addReadingFilters(show)
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
      const reading = await openReading(await commandContext(cmd, launch), { ...options, forData: options.json });
      const found = await findTarget(reading.journal.dir, reading.walk, reading.filter, target, reading.ctx.now());
      if (found.kind === 'ambiguous') throw ambiguityError(target, found.candidates);
      if (found.kind === 'malformed') {
        if (!options.raw) {
          const problem = reading.explain(found.problem);
          throw new UserError(
            `${inline(problem.relPath)} is not a well-formed entry: ${inline(problem.reason)}.`,
            `See it with intimacy show ${shownShellWord(found.file.id)} --raw, or fix it with intimacy edit ${shownShellWord(found.file.id)}.`,
          );
        }
        // Opened the safe way, as any entry is: a link or a pipe is refused by name, never followed.
        print((await readEntryText(reading.journal.dir, found.file)).replace(/\n$/, ''));
        return;
      }
      for (const problem of found.problems) reading.report(problem);
      if (found.kind === 'none') throw await reading.nothingFound(target);
      // A day reads oldest first; -n keeps its newest N.
      const entries = reading.limit === undefined ? found.entries : found.entries.slice(-reading.limit);
      if (options.json) {
        printJson(entries.map(entryJson));
        return;
      }
      const output = pagedOutput({ enabled: true, env: launch.env, stream: launch.stdout });
      const style = { ascii: !terminalIsUtf8(launch.env) };
      const replies = options.raw
        ? new Map<string, ReadEntry[]>()
        : await repliesFor(
            reading.walk,
            reading.journal,
            entries.map(({ file }) => file),
          );
      // Only the templates of the entries and replies shown are read.
      const shown = [...entries, ...[...replies.values()].flat()].map(({ entry }) => entry);
      const render = options.raw
        ? undefined
        : await withPartnerAnswers(
            reading.journal,
            await renderContextFor(reading.journal, shown),
            entries.map(({ file, entry }) => ({ id: file.id, entry })),
          );
      for (const [index, { file, entry }] of entries.entries()) {
        if (index > 0) output.write(['', out().dim('─'.repeat(40)), '']);
        if (!render) output.write((await readEntryText(reading.journal.dir, file)).replace(/\n$/, ''));
        else {
          output.write(entryLines(out(), describeEntry(entry, file.id, render), style));
          // Replies under the entry they answer, oldest first.
          for (const reply of replies.get(file.id) ?? [])
            output.write(['', ...replyLines(out(), describeEntry(reply.entry, reply.file.id, render), style)]);
        }
      }
      await output.end();
    });
}
