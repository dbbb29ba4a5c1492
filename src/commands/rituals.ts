import { Command, Option } from 'commander';
import { addRitual, removeRitual, setCadence } from '../app/edit-rituals.js';
import { openJournal } from '../journal/journal.js';
import { describeCadence } from '../rituals/cadence.js';
import { readRituals, type Who } from '../rituals/definitions.js';
import { fitWidth } from '../ui/layout.js';
import { print, printJson, warn } from '../ui/output.js';
import { ritualProblemLine } from '../ui/ritual-problems.js';
import { ritualLines } from '../ui/rituals-view.js';
import { warnNotCommitted } from '../ui/saved.js';
import { commandContext, examples, type Launch, refuseUnknownSubcommand } from './context.js';

const WHO_HELP = 'together (both write one), each (tracked per partner), either (one entry by either counts)';

export function command(launch: Launch): Command {
  const journalOf = async (cmd: Command) => {
    const ctx = await commandContext(cmd, launch);
    return { ctx, journal: await openJournal(ctx) };
  };
  const rituals = new Command('rituals')
    .option('--json', 'print the rituals as JSON')
    .addHelpText(
      'after',
      examples([
        'intimacy rituals',
        'intimacy rituals set checkin "weekly on sunday"',
        'intimacy rituals add affection --cadence daily --who each',
        'intimacy rituals remove date',
      ]) +
        `\nCadences: daily, weekly, monthly, "every N days|weeks", "N/week", "N/month", "as needed", with "on WEEKDAY".\n`,
    )
    .allowExcessArguments()
    .action(async (options: { json?: boolean }, cmd: Command) => {
      refuseUnknownSubcommand(cmd);
      const { ctx, journal } = await journalOf(cmd);
      const { rituals: list, problems } = readRituals(journal.settings.extra.rituals);
      if (options.json) {
        printJson({
          rituals: list.map((r) => ({
            name: r.name,
            counts: r.counts,
            cadence: describeCadence(r.cadence),
            who: r.who,
            since: r.since,
          })),
          problems,
        });
        return;
      }
      for (const problem of problems) warn(ritualProblemLine(problem));
      for (const line of ritualLines(list, fitWidth(launch.stdout, ctx.env))) print(line);
    });

  rituals
    .command('set')
    .description('change how often a ritual is kept')
    .argument('<name>', 'the ritual, e.g. checkin')
    .argument('<cadence>', 'e.g. weekly, "3/week", "every 2 weeks on friday"')
    .action(async (name: string, cadenceText: string, _options: unknown, cmd: Command) => {
      const { journal } = await journalOf(cmd);
      const change = await setCadence(journal, name, cadenceText);
      print(`${name} is now ${change.cadence}.`);
      if (change.commitProblem) warnNotCommitted(change.commitProblem);
    });

  rituals
    .command('add')
    .description('track a new ritual (from today on)')
    .argument('<name>', 'the ritual, e.g. affection')
    .requiredOption('--cadence <cadence>', 'how often, e.g. daily or "2/week"')
    .addOption(new Option('--who <who>', WHO_HELP).choices(['together', 'each', 'either']).default('either'))
    .option('--counts <types>', 'entry types or templates that count, comma-separated (default: NAME)')
    .action(async (name: string, options: { cadence: string; who: Who; counts?: string }, cmd: Command) => {
      const { ctx, journal } = await journalOf(cmd);
      const added = await addRitual(journal, name, { ...options, today: ctx.now() });
      print(`Now keeping ${name}: ${added.cadence}, ${options.who}, from ${added.since}.`);
      if (added.commitProblem) warnNotCommitted(added.commitProblem);
    });

  rituals
    .command('remove')
    .description('stop tracking a ritual (its entries stay)')
    .argument('<name>', 'the ritual')
    .action(async (name: string, _options: unknown, cmd: Command) => {
      const { journal } = await journalOf(cmd);
      const { commitProblem } = await removeRitual(journal, name);
      print(`No longer tracking ${name}; its entries stay in the journal.`);
      if (commitProblem) warnNotCommitted(commitProblem);
    });
  return rituals;
}
