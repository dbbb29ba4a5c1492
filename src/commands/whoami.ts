import { Command } from 'commander';
import { refuseInvalid } from '../errors.js';
import { Git } from '../git/git.js';
import { validatePersonName } from '../journal/identity.js';
import { identityFor, isJournal, openJournal } from '../journal/journal.js';
import { info, print, printJson } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('whoami')
    .option('--set <name>', 'remember NAME as you in this clone of the journal')
    .option('--json', 'print {"name", "source"} as JSON')
    .addHelpText('after', examples(['intimacy whoami', 'intimacy whoami --set Alex', 'intimacy --me Jordan whoami']))
    .action(async (options: { set?: string; json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      if (options.set !== undefined) {
        refuseInvalid(validatePersonName(options.set, '--set'), 'For example: intimacy whoami --set Alex');
        const journal = await openJournal(ctx);
        await journal.git.setConfig('intimacy.me', options.set.trim());
        info(`You are ${options.set.trim()} in ${ctx.dir}.`);
        return;
      }
      // Outside a journal git still knows the global user.name.
      const git = (await isJournal(ctx.dir)) ? ctx.git : new Git(ctx.cwd, ctx.env);
      const gitConfig = await git.config().catch(() => ({}));
      const me = identityFor(ctx, gitConfig);
      if (options.json) printJson(me);
      else print(`${me.name} (from ${me.source})`);
    });
}
