import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { commandContext, examples } from './context.js';

export function whoamiCommand(): Command {
  return new Command('whoami')
    .description('show who you are in this journal (and where that comes from)')
    .option('--set <name>', 'remember NAME as you in this clone of the journal')
    .option('--json', 'print {"name", "source"} as JSON')
    .addHelpText('after', examples(['intimacy whoami', 'intimacy whoami --set Alex', 'intimacy --me Jordan whoami']))
    .action(async (options: { set?: string; json?: boolean }, command: Command) => {
      const [{ identityFor, isJournal, openJournal }, { Git }, { validatePersonName }, ui] = await Promise.all([
        import('../journal/journal.js'),
        import('../git/git.js'),
        import('../journal/identity.js'),
        import('../ui/output.js'),
      ]);
      const ctx = await commandContext(command);
      if (options.set !== undefined) {
        const problem = validatePersonName(options.set, '--set');
        if (problem) throw new UsageError(problem + '.', 'For example: intimacy whoami --set Alex');
        const journal = await openJournal(ctx);
        await journal.git.setConfig('intimacy.me', options.set.trim());
        ui.info(`You are ${options.set.trim()} in ${ctx.dir}.`);
        return;
      }
      // Outside a journal git still knows the global user.name.
      const haveJournal = await isJournal(ctx.dir);
      const git = haveJournal ? ctx.git : new Git(process.cwd(), ctx.env);
      const gitConfig = await git.config().catch(() => ({}));
      const me = identityFor(ctx, gitConfig);
      if (options.json) ui.printJson(me);
      else ui.print(`${me.name} (from ${me.source})`);
    });
}
