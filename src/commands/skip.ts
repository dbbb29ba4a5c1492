import { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { commandContext, examples } from './context.js';

export function skipCommand(): Command {
  return new Command('skip')
    .description('mark this period of a ritual as skipped (a holiday, illness) so the streak holds')
    .argument('<ritual>', 'the ritual, e.g. checkin')
    .option('--reason <text>', 'why, in a few words')
    .option('--date <YYYY-MM-DD>', 'skip the period containing this day instead of today')
    .addHelpText(
      'after',
      examples([
        'intimacy skip checkin --reason "visiting my parents"',
        'intimacy skip date --date 2026-12-24 --reason "holidays"',
      ]),
    )
    .action(async (ritualName: string, options: { reason?: string; date?: string }, command: Command) => {
      const ctx = await commandContext(command);
      if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
        throw new UsageError(`--date takes a day like 2026-12-24, not "${options.date}".`);
      }
      const [
        { openJournal },
        { readRituals },
        { saveEntry },
        { isoWithOffset },
        { autosyncAfterSave, reportSaved },
        { noonOf },
      ] = await Promise.all([
        import('../journal/journal.js'),
        import('../rituals/definitions.js'),
        import('../store/save.js'),
        import('../store/entry-date.js'),
        import('./report.js'),
        // date-fns through a domain module: a whole-package import() would put all of it in one chunk.
        import('../rituals/periods.js'),
      ]);
      const journal = await openJournal(ctx);
      const { rituals } = readRituals(journal.settings.extra.rituals);
      if (!rituals.some((r) => r.name === ritualName)) {
        throw new UserError(`There is no ritual "${ritualName}".`, `Known: ${rituals.map((r) => r.name).join(', ')}.`);
      }
      // A skip for another day is dated at noon of that day, well inside its period.
      const when = options.date ? noonOf(options.date) : ctx.now();
      if (!when) throw new UsageError(`--date ${options.date} is not a real day.`);
      const reason = options.reason?.trim();
      const saved = await saveEntry(
        journal,
        {
          type: 'skip',
          author: journal.me.name,
          date: isoWithOffset(when),
          tags: [],
          fields: { ritual: ritualName, ...(reason ? { reason } : {}) },
          body: reason ? `## Why we skipped\n\n${reason}\n` : '',
        },
        when,
      );
      reportSaved(saved, 'skip');
      await autosyncAfterSave(journal);
    });
}
