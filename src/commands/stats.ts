import { Command } from 'commander';
import { explainSkipped } from '../app/encrypted-entries.js';
import { gatherStats } from '../app/gather-stats.js';
import { UsageError } from '../errors.js';
import { openJournal } from '../journal/journal.js';
import { typedDateSpan } from '../reading/dates.js';
import { readRituals, weekStartsOn } from '../rituals/definitions.js';
import { toDay } from '../rituals/periods.js';
import { defaultRange } from '../rituals/trends.js';
import { assertReadable } from '../store/encryption-state.js';
import { lookAtJournal } from '../store/worktree-check.js';
import { terminalIsUtf8 } from '../ui/charts.js';
import { terminalColumns } from '../ui/layout.js';
import { print, printJson, warn } from '../ui/output.js';
import { questionTallyLines } from '../ui/questions-view.js';
import { ritualProblemLine } from '../ui/ritual-problems.js';
import { skippedFilesLine } from '../ui/skipped-files.js';
import { renderStats } from '../ui/stats-view.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('stats')
    .option(
      '--since <when>',
      'first day: a date or a phrase such as "3 months ago" (default: 12 weeks ago, or the first entry if later)',
    )
    .option('--until <when>', 'last day: a date or a phrase such as "last month" (default: today)')
    .option('--json', 'print every figure as JSON')
    .addHelpText(
      'after',
      examples([
        'intimacy stats',
        'intimacy stats --since 2026-01-01',
        'intimacy stats --since "6 months ago"',
        'intimacy stats --json | jq .balance',
      ]),
    )
    .action(async (options: { since?: string; until?: string; json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const worktree = (ctx.look ?? lookAtJournal(ctx.git)).then((look) => look.worktree);
      const journal = await openJournal(ctx);
      await assertReadable(journal);
      const start = weekStartsOn(journal.settings.extra.weekStart);
      const range = defaultRange(toDay(ctx.now()), start);
      // The same dates and phrases as the reading commands: 2026-01-31, last month, 3 months ago…
      const day = (flag: string, text: string | undefined, edge: 'start' | 'end'): string | undefined =>
        text === undefined ? undefined : toDay(typedDateSpan(flag, text, ctx.now())[edge]);
      const asked = day('--since', options.since, 'start') ?? range.from;
      const to = day('--until', options.until, 'end') ?? range.to;
      if (asked > to)
        throw options.until === undefined
          ? new UsageError(
              `--since ${asked} is after today (${to}), where stats ends without --until.`,
              `Give a --since on or before today, or an --until after it, e.g. --until ${asked.slice(0, 4)}-12-31.`,
            )
          : new UsageError(`--since ${asked} is after --until ${to}.`, 'Swap them.');
      const {
        stats,
        journalStart,
        skipped: read,
        questions,
      } = await gatherStats(journal, { asked, to }, ctx.now(), worktree, options.json === true);
      const skipped = read.length > 0 ? read.map(await explainSkipped(journal)) : read;
      // The rituals intimacy.yaml describes but that cannot be read: left out of the calendar, and said.
      const ritualProblems = readRituals(journal.settings.extra.rituals).problems;
      if (options.json) {
        printJson({ ...stats, journalStart, skipped, questions, ritualProblems });
        return;
      }
      for (const problem of ritualProblems) warn(ritualProblemLine(problem));
      if (skipped.length > 0) warn(skippedFilesLine(skipped));
      const columns = terminalColumns(launch.stdout, ctx.env);
      const view = { ascii: !terminalIsUtf8(ctx.env), columns, weekStartsOn: start, journalStart };
      for (const line of renderStats(stats, view)) print(line);
      for (const line of questionTallyLines(questions, columns)) print(line);
    });
}
