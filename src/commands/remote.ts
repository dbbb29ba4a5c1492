import { Command } from 'commander';
import { commandContext, examples } from './context.js';

export function remoteCommand(): Command {
  const remote = new Command('remote')
    .description('show or set the private git remote the journal syncs with')
    .option('--json', 'print {"url"} as JSON (url is null when none is set)')
    .addHelpText(
      'after',
      examples([
        'intimacy remote                                        # show it',
        'intimacy remote set git@github.com:alex/our-journal.git',
        'intimacy remote set ssh://alex@nas.local/srv/git/journal.git',
        'intimacy remote set /media/usb/journal.git             # a folder works too',
      ]),
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const [{ openJournal }, { journalRemoteUrl }, ui] = await Promise.all([
        import('../journal/journal.js'),
        import('../sync/remote.js'),
        import('../ui/output.js'),
      ]);
      const journal = await openJournal(await commandContext(command));
      const url = await journalRemoteUrl(journal);
      if (options.json) ui.printJson({ url: url ?? null });
      else if (url) ui.print(url);
      else ui.info('No remote yet. Add one with intimacy remote set URL, then intimacy sync.');
    });

  remote
    .command('set')
    .description('use URL as the remote (a private git repository both of you can reach)')
    .argument('<url>', 'git URL: ssh://…, user@host:path, https://… or a folder')
    .addHelpText('after', examples(['intimacy remote set git@github.com:alex/our-journal.git']))
    .action(async (url: string, _options: unknown, command: Command) => {
      const [{ openJournal }, { assertRemoteUrl, setRemoteUrl }, ui] = await Promise.all([
        import('../journal/journal.js'),
        import('../sync/remote.js'),
        import('../ui/output.js'),
      ]);
      const checked = assertRemoteUrl(url); // before anything else, so a bad URL changes nothing
      const journal = await openJournal(await commandContext(command));
      const previous = await setRemoteUrl(journal.git, checked);
      ui.info(
        previous && previous !== checked
          ? `The remote is now ${checked} (was ${previous}).`
          : `The remote is ${checked}.`,
      );
      ui.info('Run intimacy sync to share the journal through it.');
    });
  return remote;
}
