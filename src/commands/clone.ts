import { Command } from 'commander';
import { commandContext, examples } from './context.js';

export function cloneCommand(): Command {
  return new Command('clone')
    .description("join your partner's journal: clone it from the remote and make it your default journal")
    .argument('<url>', 'the git URL of the shared journal')
    .argument('[dir]', 'where to put it (default: your default journal location)')
    .addHelpText(
      'after',
      examples([
        'intimacy clone git@github.com:alex/our-journal.git --me Jordan',
        'intimacy clone ssh://jordan@nas.local/srv/git/journal.git ~/our-journal --me Jordan',
      ]),
    )
    .action(async (url: string, dir: string | undefined, _options: unknown, command: Command) => {
      const ctx = await commandContext(command);
      const [
        path,
        { assertRemoteUrl, networkTimeoutMs, setRemoteUrl },
        { cloneJournal },
        { initJournal, openJournal },
        { defaultJournalDir },
        { rememberDefaultJournal },
        { Git },
        ui,
      ] = await Promise.all([
        import('node:path'),
        import('../sync/remote.js'),
        import('../sync/clone.js'),
        import('../journal/journal.js'),
        import('../journal/location.js'),
        import('../journal/location-file.js'),
        import('../git/git.js'),
        import('../ui/output.js'),
      ]);
      const checked = assertRemoteUrl(url);
      // --journal and INTIMACY_JOURNAL choose the place; otherwise DIR or the default location
      // (not a journal remembered earlier, which is most likely the user's own).
      const chosen = ctx.journalSource === '--journal' || ctx.journalSource === 'INTIMACY_JOURNAL';
      ctx.dir = dir !== undefined ? path.resolve(dir) : chosen ? ctx.dir : defaultJournalDir(ctx.env);
      const outcome = await cloneJournal(checked, ctx.dir, { timeoutMs: networkTimeoutMs(ctx.env), env: ctx.env });
      ctx.git = new Git(ctx.dir, ctx.env);
      if (outcome.status === 'empty-remote') {
        await initJournal(ctx, { rememberMe: true });
        await setRemoteUrl(ctx.git, checked);
        ui.info('The remote is empty, so a new journal was started here; intimacy sync shares it.');
      } else if (ctx.meFlag) {
        await ctx.git.setConfig('intimacy.me', ctx.meFlag);
      }
      if (!chosen) await rememberDefaultJournal(ctx.dir, ctx.env);
      const journal = await openJournal(ctx);
      ui.print(`Joined the journal of ${journal.settings.partners.join(' and ') || 'you two'} in ${ctx.dir}`);
      if (journal.me.source !== 'this journal' && journal.me.source !== '--me') {
        ui.info(
          `You are ${journal.me.name} here (from ${journal.me.source}); change it with intimacy whoami --set NAME.`,
        );
      }
    });
}
