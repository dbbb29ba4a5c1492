import { Command } from 'commander';
import { refuseInvalid, UsageError } from '../errors.js';
import { Git } from '../git/git.js';
import { recordMe } from '../journal/clone-copy.js';
import { type inJournal, validatePersonName } from '../journal/identity.js';
import { configFor, identityFor, isJournal, openJournal } from '../journal/journal.js';
import { shownShellWord } from '../shell-word.js';
import { namesTogether, partnerNamed } from '../store/authors.js';
import { info, print, printJson } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('whoami')
    .option('--set <name>', 'remember NAME as you in this clone of the journal (one of its partners)')
    .option('--json', 'print {"name", "source"} as JSON (and "partner": whether the journal names you)')
    .addHelpText('after', examples(['intimacy whoami', 'intimacy whoami --set Alex', 'intimacy --me Jordan whoami']))
    .action(async (options: { set?: string; json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      if (options.set !== undefined) {
        refuseInvalid(validatePersonName(options.set, '--set'), 'For example: intimacy whoami --set Alex');
        const journal = await openJournal(ctx, { anyone: true });
        const name = whoCanBe(journal.settings, options.set.trim());
        await recordMe(journal.git, name);
        print(`You are ${name} in ${ctx.dir}.`);
        return;
      }
      // Outside a journal git still knows the global user.name.
      const inside = await isJournal(ctx.dir);
      if (inside) {
        const journal = await openJournal(ctx, { anyone: true });
        const partner = partnerNamed(journal.settings, journal.me.name) !== undefined;
        if (options.json) printJson({ ...journal.me, partner });
        else print(`${journal.me.name} (from ${journal.me.source})`);
        if (!partner && !options.json && journal.settings.partners.length > 0)
          info(
            `${journal.me.name} is not one of this journal's partners (${journal.settings.partners.join(', ')}); say who you are with intimacy whoami --set NAME.`,
          );
        return;
      }
      const gitConfig = await configFor(ctx, new Git(ctx.cwd, ctx.env, { discover: true }));
      const me = identityFor(ctx, gitConfig);
      if (options.json) printJson(me);
      else print(`${me.name} (from ${me.source})`);
    });
}

/**
 * The name `whoami --set` records: a partner's own spelling. With two partners anyone else is
 * refused; with one, a new name is refused too, with the command that names the two of you.
 */
function whoCanBe(settings: Parameters<typeof inJournal>[1], given: string): string {
  const partner = partnerNamed(settings, given);
  if (partner) return partner;
  const { partners } = settings;
  if (partners.length === 0) return given;
  if (partners.length === 1)
    throw new UsageError(
      `${given} is not a partner in this journal yet (it names only ${partners[0]}).`,
      `If ${partners[0]} is you under another name: intimacy partners rename ${shownShellWord(partners[0]!)} ${shownShellWord(given)}; if ${given} is ${partners[0]}'s partner: intimacy partners set ${shownShellWord(partners[0]!)} ${shownShellWord(given)}.`,
    );
  throw new UsageError(
    `${given} is not one of this journal's partners (${partners.join(', ')}).`,
    `Choose ${namesTogether(partners).replace(' and ', ' or ')}, e.g. intimacy whoami --set ${shownShellWord(partners[0]!)}.`,
  );
}
