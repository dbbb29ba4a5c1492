import { Command } from 'commander';
import { gatherWeek } from '../app/week.js';
import { lookAtJournal } from '../store/worktree-check.js';
import { terminalIsUtf8 } from '../ui/charts.js';
import { terminalColumns } from '../ui/layout.js';
import { out, print, printJson, warn } from '../ui/output.js';
import { skippedFilesLine } from '../ui/skipped-files.js';
import { weekJson } from '../ui/week/model.js';
import { renderWeek } from '../ui/week/view.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('week')
    .argument('[date]', 'any day of the week, or a phrase: last week, 2026-11-02, 3 weeks ago…')
    .option('--json', 'print the week as JSON (see README for the shape)')
    .addHelpText(
      'after',
      examples([
        'intimacy week                 # this week, or the last one with a check-in',
        'intimacy week "last week"',
        'intimacy week 2026-11-02',
        'intimacy week --json | jq ".people[].checkin.ratings"',
      ]),
    )
    .action(async (when: string | undefined, options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const { week, skipped } = await gatherWeek(ctx, when, ctx.look ?? lookAtJournal(ctx.git), options.json === true);
      if (options.json) {
        printJson(weekJson(week));
        return;
      }
      if (skipped.length > 0) warn(skippedFilesLine(skipped));
      const view = { columns: terminalColumns(launch.stdout, ctx.env), ascii: !terminalIsUtf8(ctx.env) };
      for (const line of renderWeek(out(), week, view)) print(line);
    });
}
