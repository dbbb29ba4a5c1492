import { Command, Option } from 'commander';
import {
  installReminder,
  notifyDue,
  reminderState,
  reminderTime,
  removeReminder,
  SCHEDULERS,
  type Scheduler,
} from '../app/remind.js';
import { openJournal } from '../journal/journal.js';
import { info, print, printJson } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';

/** `intimacy remind install|remove|status|notify`: a reminder of what is due, run by the user's own scheduler. */
export function command(launch: Launch): Command {
  const remind = new Command('remind').addHelpText(
    'after',
    examples([
      'intimacy remind install                    # every day at 19:00',
      'intimacy remind install --at "sun 19:00"   # Sundays, before the check-in',
      'intimacy remind install --at "mon,thu 08:30" --with cron',
      'intimacy remind status',
      'intimacy remind remove',
    ]) +
      '\nThe reminder shows what is due (intimacy status --quiet) through your desktop notifier\n' +
      '(notify-send), and nothing at all when nothing is due or there is no notifier.\n',
  );

  remind
    .command('install')
    .description('set up the reminder: a systemd user timer where systemd runs, else a line in your crontab')
    .option('--at <when>', 'when: "19:00" (every day), "sun 19:00", "mon,thu 08:30", "weekdays 18:00"', 'daily 19:00')
    .addOption(new Option('--with <scheduler>', 'use this scheduler instead of the one found').choices(SCHEDULERS))
    .action(async (options: { at: string; with?: Scheduler }, cmd: Command) => {
      reminderTime(options.at); // a time it cannot read is a usage error, journal or not
      const ctx = await commandContext(cmd, launch);
      const journal = await openJournal(ctx);
      const installed = await installReminder({
        env: launch.env,
        journalDir: journal.dir,
        at: options.at,
        ...(options.with ? { with: options.with } : {}),
      });
      const through = installed.scheduler === 'systemd' ? 'a systemd user timer' : 'your crontab';
      print(`Reminder set ${installed.when}, through ${through}.`);
      for (const file of installed.where) info(`  ${file}`);
      info('intimacy remind remove takes it out.');
    });

  remind
    .command('remove')
    .description('take the reminder out (the timer units, or the lines in your crontab)')
    .action(async () => {
      const removed = await removeReminder(launch.env);
      if (removed.files.length === 0 && !removed.crontab) {
        print('No reminder was installed; nothing changed.');
        return;
      }
      print('Reminder removed.');
      for (const file of removed.files) info(`  deleted ${file}`);
      if (removed.crontab) info('  taken out of your crontab');
    });

  remind
    .command('status')
    .description('show what is installed, and when it runs')
    .option('--json', 'print {systemd, cron, stale} as JSON')
    .action(async (options: { json?: boolean }) => {
      const state = await reminderState(launch.env);
      if (options.json) {
        printJson(state);
        return;
      }
      if (!state.systemd && !state.cron) {
        print('No reminder is installed (intimacy remind install sets one up).');
        return;
      }
      if (state.systemd)
        print(`systemd user timer: ${state.systemd.calendar ?? 'no schedule'} (${state.systemd.files.join(', ')})`);
      if (state.cron) print(`crontab: ${state.cron.line.split(' ').slice(0, 5).join(' ')}`);
      if (state.stale)
        print('The reminder runs an intimacy that is no longer there: run intimacy remind install again.');
    });

  remind
    .command('notify')
    .description('what the reminder runs: shows what is due through notify-send (prints nothing itself)')
    .action(async (_options: unknown, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const result = await notifyDue(await openJournal(ctx), ctx.now(), launch.env);
      // Run by a scheduler it says nothing; by a person at a terminal, what happened.
      if (!launch.stderr.isTTY) return;
      if (result.due.length === 0) info('Nothing is due; no notification.');
      else if (result.shown) info(`Shown: ${result.due.length} due.`);
      else info('There is no desktop notifier here (notify-send); nothing was shown.');
    });
  return remind;
}
