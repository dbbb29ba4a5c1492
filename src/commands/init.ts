import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { commandContext, examples } from './context.js';

export function initCommand(): Command {
  return new Command('init')
    .description('create a new journal (a git repository) for the two of you')
    .argument('[dir]', 'where to create it (default: your default journal location)')
    .option('--partner <name>', "your partner's name, recorded in the shared settings")
    .option('--remote <url>', 'the private git remote to share it through (see intimacy remote)')
    .addHelpText(
      'after',
      examples([
        'intimacy init                                  # in ~/.local/share/intimacy/journal',
        'intimacy init ~/our-journal --me Alex --partner Jordan',
        'intimacy init --me Alex --partner Jordan --remote git@github.com:alex/our-journal.git',
      ]),
    )
    .action(async (dir: string | undefined, options: { partner?: string; remote?: string }, command: Command) => {
      const [{ initJournal }, { validatePersonName }, { rememberDefaultJournal }, remote, ui] = await Promise.all([
        import('../journal/journal.js'),
        import('../journal/identity.js'),
        import('../journal/location-file.js'),
        import('../sync/remote.js'),
        import('../ui/output.js'),
      ]);
      const remoteUrl = options.remote === undefined ? undefined : remote.assertRemoteUrl(options.remote);
      if (options.partner !== undefined) {
        const problem = validatePersonName(options.partner, '--partner');
        if (problem) throw new UsageError(problem + '.', 'For example: --partner Jordan');
      }
      const ctx = await commandContext(command);
      const path = await import('node:path');
      if (dir !== undefined) ctx.dir = path.resolve(dir);
      const outcome = await initJournal(ctx, { partner: options.partner, rememberMe: true });
      if (outcome.status === 'exists') {
        if (remoteUrl !== undefined) {
          await remote.setRemoteUrl(outcome.journal.git, remoteUrl);
          ui.print(`${ctx.dir} is already a journal; its remote is now ${remoteUrl}.`);
        } else ui.print(`${ctx.dir} is already a journal; nothing changed.`);
        return;
      }
      if (remoteUrl !== undefined) await remote.setRemoteUrl(outcome.journal.git, remoteUrl);
      // `init DIR` makes DIR the journal later commands use, unless INTIMACY_JOURNAL decides.
      if (dir !== undefined && !ctx.env.INTIMACY_JOURNAL) await rememberDefaultJournal(ctx.dir, ctx.env);
      const partners = outcome.journal.settings.partners.join(' and ');
      ui.print(`Created a journal for ${partners} in ${ctx.dir}`);
      if (remoteUrl !== undefined) ui.info(`Its remote is ${remoteUrl}; run intimacy sync to share it.`);
    });
}
