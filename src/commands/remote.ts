import { Command } from 'commander';
import { openJournal } from '../journal/journal.js';
import { assertRemoteUrl, journalRemoteUrl, setRemoteUrl } from '../sync/remote.js';
import { remoteFrom } from '../sync/remote-url.js';
import { info, print, printJson } from '../ui/output.js';
import { commandContext, examples, type Launch, refuseUnknownSubcommand } from './context.js';

export function command(launch: Launch): Command {
  const remote = new Command('remote')
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
    .allowExcessArguments()
    .action(async (options: { json?: boolean }, cmd: Command) => {
      refuseUnknownSubcommand(cmd);
      const journal = await openJournal(await commandContext(cmd, launch), { anyone: true });
      const url = await journalRemoteUrl(journal);
      if (options.json) printJson({ url: url ?? null });
      else if (url) print(url);
      else info('No remote yet. Add one with intimacy remote set URL, then intimacy sync.');
    });

  remote
    .command('set')
    .description('use URL as the remote (a private git repository both of you can reach)')
    .argument('<url>', 'git URL: ssh://…, user@host:path, https://… or a folder')
    .addHelpText('after', examples(['intimacy remote set git@github.com:alex/our-journal.git']))
    .action(async (url: string, _options: unknown, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const checked = assertRemoteUrl(remoteFrom(ctx.cwd, url)); // before the journal, so a bad URL changes nothing
      const journal = await openJournal(ctx, { anyone: true });
      const previous = await setRemoteUrl(journal.git, checked);
      info(
        previous && previous !== checked
          ? `The remote is now ${checked} (was ${previous}).`
          : `The remote is ${checked}.`,
      );
      info('Run intimacy sync to share the journal through it.');
    });
  return remote;
}
