import { Command, Option } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { commandContext, examples } from './context.js';

const WHO_HELP = 'together (both write one), each (tracked per partner), either (one entry by either counts)';

async function load(command: Command) {
  const ctx = await commandContext(command);
  const [{ openJournal }, definitions, cadence, { editSettings }, ui] = await Promise.all([
    import('../journal/journal.js'),
    import('../rituals/definitions.js'),
    import('../rituals/cadence.js'),
    import('../journal/settings-edit.js'),
    import('../ui/output.js'),
  ]);
  const journal = await openJournal(ctx);
  return { ctx, journal, definitions, cadence, editSettings, ui };
}

function checkName(name: string): string {
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(name))
    throw new UsageError(`"${name}" is not a ritual name.`, 'Use lowercase letters, digits, - or _, e.g. affection.');
  return name;
}

export function ritualsCommand(): Command {
  const rituals = new Command('rituals')
    .description('list the rituals you keep, and change how often')
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
    .action(async (options: { json?: boolean }, command: Command) => {
      const { journal, definitions, cadence, ui } = await load(command);
      const { rituals: list, problems } = definitions.readRituals(journal.settings.extra.rituals);
      if (options.json) {
        ui.printJson({
          rituals: list.map((r) => ({
            name: r.name,
            counts: r.counts,
            cadence: cadence.describeCadence(r.cadence),
            who: r.who,
            since: r.since,
          })),
          problems,
        });
        return;
      }
      for (const problem of problems) ui.warn(`ritual "${problem.ritual}" ${problem.message}; it is left out.`);
      const width = Math.max(8, ...list.map((r) => r.name.length));
      for (const r of list)
        ui.print(
          `${r.name.padEnd(width)}  ${cadence.describeCadence(r.cadence).padEnd(16)}  ${r.who.padEnd(8)}  counts: ${r.counts.join(', ')}${r.since ? `  since ${r.since}` : ''}`,
        );
    });

  rituals
    .command('set')
    .description('change how often a ritual is kept')
    .argument('<name>', 'the ritual, e.g. checkin')
    .argument('<cadence>', 'e.g. weekly, "3/week", "every 2 weeks on friday"')
    .action(async (name: string, cadenceText: string, _options: unknown, command: Command) => {
      const { journal, definitions, cadence, editSettings, ui } = await load(command);
      const parsed = cadence.parseCadence(cadenceText);
      if ('error' in parsed) throw new UsageError(parsed.error + '.');
      const current = definitions.readRituals(journal.settings.extra.rituals).rituals;
      if (!current.some((r) => r.name === name))
        throw new UserError(
          `There is no ritual "${name}".`,
          `See intimacy rituals, or add it with intimacy rituals add ${name} --cadence "${cadenceText}".`,
        );
      const result = await editSettings(
        journal,
        `Keep the ${name} ritual ${cadence.describeCadence(parsed)}`,
        (doc) => {
          materialize(doc, definitions.DEFAULT_RITUALS);
          doc.setIn(['rituals', name, 'cadence'], cadence.describeCadence(parsed));
        },
      );
      ui.print(`${name} is now ${cadence.describeCadence(parsed)}.`);
      if (result.commitProblem) ui.warn(`saved but not committed (git: ${result.commitProblem}).`);
    });

  rituals
    .command('add')
    .description('track a new ritual (from today on)')
    .argument('<name>', 'the ritual, e.g. affection')
    .requiredOption('--cadence <cadence>', 'how often, e.g. daily or "2/week"')
    .addOption(new Option('--who <who>', WHO_HELP).choices(['together', 'each', 'either']).default('either'))
    .option('--counts <types>', 'entry types or templates that count, comma-separated (default: NAME)')
    .action(async (name: string, options: { cadence: string; who: string; counts?: string }, command: Command) => {
      const { ctx, journal, definitions, cadence, editSettings, ui } = await load(command);
      checkName(name);
      const parsed = cadence.parseCadence(options.cadence);
      if ('error' in parsed) throw new UsageError(parsed.error + '.');
      const counts = (options.counts ?? name)
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      if (counts.length === 0)
        throw new UsageError('--counts needs at least one entry type.', 'For example: --counts gratitude,appreciation');
      if (definitions.readRituals(journal.settings.extra.rituals).rituals.some((r) => r.name === name)) {
        throw new UserError(
          `The ritual "${name}" exists already.`,
          `Change it with intimacy rituals set ${name} CADENCE.`,
        );
      }
      const { toDay } = await import('../rituals/periods.js');
      const since = toDay(ctx.now());
      const result = await editSettings(
        journal,
        `Add the ${name} ritual, ${cadence.describeCadence(parsed)}`,
        (doc) => {
          materialize(doc, definitions.DEFAULT_RITUALS);
          doc.setIn(
            ['rituals', name],
            doc.createNode({ counts, cadence: cadence.describeCadence(parsed), who: options.who, since }),
          );
        },
      );
      ui.print(`Now keeping ${name}: ${cadence.describeCadence(parsed)}, ${options.who}, from ${since}.`);
      if (result.commitProblem) ui.warn(`saved but not committed (git: ${result.commitProblem}).`);
    });

  rituals
    .command('remove')
    .description('stop tracking a ritual (its entries stay)')
    .argument('<name>', 'the ritual')
    .action(async (name: string, _options: unknown, command: Command) => {
      const { journal, definitions, editSettings, ui } = await load(command);
      if (!definitions.readRituals(journal.settings.extra.rituals).rituals.some((r) => r.name === name)) {
        throw new UserError(`There is no ritual "${name}".`, 'See intimacy rituals for the list.');
      }
      const result = await editSettings(journal, `Stop tracking the ${name} ritual`, (doc) => {
        materialize(doc, definitions.DEFAULT_RITUALS);
        doc.deleteIn(['rituals', name]);
      });
      ui.print(`No longer tracking ${name}; its entries stay in the journal.`);
      if (result.commitProblem) ui.warn(`saved but not committed (git: ${result.commitProblem}).`);
    });
  return rituals;
}

/** A journal without a rituals list uses the defaults; write them out before changing one. */
function materialize(doc: import('yaml').Document, defaults: Record<string, unknown>): void {
  if (!doc.has('rituals')) doc.set('rituals', doc.createNode(defaults));
}
