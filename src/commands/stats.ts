import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { commandContext, examples } from './context.js';

export function statsCommand(): Command {
  return new Command('stats')
    .description('trends: check-in ratings, gratitude per week, a calendar of rituals, warmth vs repair')
    .option('--since <when>', 'first day: a date or a phrase such as "3 months ago" (default: 12 weeks ago)')
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
    .action(async (options: { since?: string; until?: string; json?: boolean }, command: Command) => {
      const ctx = await commandContext(command);
      // git's look at entries/ starts first: it runs on the other core while the modules load.
      const worktree = (await import('../store/worktree-check.js')).checkEntries(ctx.git);
      const [
        { openJournal },
        { assertReadable },
        { loadSummaries },
        trends,
        { weekStartsOn },
        { toDay },
        ui,
        { renderStats },
        { terminalIsUtf8 },
      ] = await Promise.all([
        import('../journal/journal.js'),
        import('../store/encryption-state.js'),
        import('../store/summaries.js'),
        import('../rituals/trends.js'),
        import('../rituals/definitions.js'),
        import('../rituals/periods.js'),
        import('../ui/output.js'),
        import('../ui/stats-view.js'),
        import('../ui/charts.js'),
      ]);
      const journal = await openJournal(ctx);
      await assertReadable(journal);
      const start = weekStartsOn(journal.settings.extra.weekStart);
      const range = trends.defaultRange(toDay(ctx.now()), start);
      // The same dates and phrases as the reading commands: 2026-01-31, last month, 3 months ago…
      const { parseDateSpan, DATE_EXAMPLES } = await import('../reading/dates.js');
      const day = (flag: string, text: string | undefined, edge: 'start' | 'end'): string | undefined => {
        if (text === undefined) return undefined;
        const span = parseDateSpan(text, ctx.now());
        if (!span)
          throw new UsageError(
            `${flag} does not understand "${text}".`,
            `Use a date or a phrase, e.g. ${DATE_EXAMPLES}.`,
          );
        return toDay(span[edge]);
      };
      const from = day('--since', options.since, 'start') ?? range.from;
      const to = day('--until', options.until, 'end') ?? range.to;
      if (from > to) throw new UsageError(`--since ${from} is after --until ${to}.`, 'Swap them.');
      const { entries: shared, skipped } = await loadSummaries(journal.git, worktree);
      const { loadOwnPrivateSummaries } = await import('../store/private.js');
      const entries = [...shared, ...(await loadOwnPrivateSummaries(journal))];
      const stats = trends.computeStats({
        entries,
        partners: journal.settings.partners,
        from,
        to,
        weekStartsOn: start,
      });
      if (options.json) {
        ui.printJson({ ...stats, skipped });
        return;
      }
      if (skipped.length > 0)
        ui.warn(`${skipped.length} entry file(s) could not be read and were left out (first: ${skipped[0]!.relPath}).`);
      const columns = process.stdout.isTTY ? process.stdout.columns || 80 : 80;
      for (const line of renderStats(stats, { ascii: !terminalIsUtf8(ctx.env), columns, weekStartsOn: start }))
        ui.print(line);
    });
}
