import { Command } from 'commander';
import { writeEntries } from '../app/write-entry.js';
import { UsageError, UserError } from '../errors.js';
import { openJournal } from '../journal/journal.js';
import { readRituals } from '../rituals/definitions.js';
import { noonOf } from '../rituals/periods.js';
import { isoWithOffset } from '../store/entry-date.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('skip')
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
    .action(async (ritualName: string, options: { reason?: string; date?: string }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
        throw new UsageError(`--date takes a day like 2026-12-24, not "${options.date}".`);
      }
      const journal = await openJournal(ctx, { writing: true });
      const { rituals } = readRituals(journal.settings.extra.rituals);
      if (!rituals.some((r) => r.name === ritualName)) {
        throw new UserError(`There is no ritual "${ritualName}".`, `Known: ${rituals.map((r) => r.name).join(', ')}.`);
      }
      // A skip for another day is dated at noon of that day, well inside its period.
      const when = options.date ? noonOf(options.date) : ctx.now();
      if (!when) throw new UsageError(`--date ${options.date} is not a real day.`);
      const reason = options.reason?.trim();
      const skip = {
        type: 'skip',
        author: journal.me.name,
        date: isoWithOffset(when),
        tags: [],
        fields: { ritual: ritualName, ...(reason ? { reason } : {}) },
        body: reason ? `## Why we skipped\n\n${reason}\n` : '',
      };
      await writeEntries(journal, [skip], { when, env: ctx.env });
    });
}
