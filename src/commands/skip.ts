import { Command } from 'commander';
import { skipRitual } from '../app/skip-ritual.js';
import { openJournal } from '../journal/journal.js';
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
    .action(async (ritual: string, options: { reason?: string; date?: string }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const journal = await openJournal(ctx, { writing: true });
      await skipRitual(journal, { ritual, ...options }, ctx.now(), ctx.env);
    });
}
