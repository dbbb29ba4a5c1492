import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { commandContext, examples } from './context.js';

export function statsCommand(): Command {
  return new Command('stats')
    .description('trends: check-in ratings, gratitude per week, a calendar of rituals, warmth vs repair')
    .option('--since <date>', 'first day, YYYY-MM-DD (default: 12 weeks ago)')
    .option('--until <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--json', 'print every figure as JSON')
    .addHelpText('after', examples(['intimacy stats', 'intimacy stats --since 2026-01-01', 'intimacy stats --json | jq .balance']))
    .action(async (options: { since?: string; until?: string; json?: boolean }, command: Command) => {
      const ctx = await commandContext(command);
      for (const [flag, value] of [['--since', options.since], ['--until', options.until]] as const) {
        if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${flag} takes a day like 2026-01-31, not "${value}".`);
      }
      const [{ openJournal, assertReadable }, { loadSummaries }, trends, { weekStartsOn }, { toDay }, ui, { renderStats }, { terminalIsUtf8 }] = await Promise.all([
        import('../journal/journal.js'),
        import('../journal/summaries.js'),
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
      const from = options.since ?? range.from;
      const to = options.until ?? range.to;
      if (from > to) throw new UsageError(`--since ${from} is after --until ${to}.`);
      const { entries: shared, skipped } = await loadSummaries(journal.dir);
      const { loadOwnPrivateSummaries } = await import('../journal/private.js');
      const entries = [...shared, ...(await loadOwnPrivateSummaries(journal))];
      const stats = trends.computeStats({ entries, partners: journal.settings.partners, from, to, weekStartsOn: start });
      if (options.json) {
        ui.printJson({ ...stats, skipped });
        return;
      }
      if (skipped.length > 0) ui.warn(`${skipped.length} entry file(s) could not be read and were left out (first: ${skipped[0]!.relPath}).`);
      const columns = process.stdout.isTTY ? process.stdout.columns || 80 : 80;
      for (const line of renderStats(stats, { ascii: !terminalIsUtf8(ctx.env), columns, weekStartsOn: start })) ui.print(line);
    });
}
