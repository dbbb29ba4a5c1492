import path from 'node:path';
import { Command } from 'commander';
import { refuseInvalid } from '../errors.js';
import { validatePersonName } from '../journal/identity.js';
import { initJournal } from '../journal/journal.js';
import { rememberDefaultJournal } from '../journal/location-file.js';
import { assertRemoteUrl, setRemoteUrl } from '../sync/remote.js';
import { info, print } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('init')
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
    .action(async (dir: string | undefined, options: { partner?: string; remote?: string }, cmd: Command) => {
      const remoteUrl = options.remote === undefined ? undefined : assertRemoteUrl(options.remote);
      if (options.partner !== undefined)
        refuseInvalid(validatePersonName(options.partner, '--partner'), 'For example: --partner Jordan');
      const ctx = await commandContext(cmd, launch);
      if (dir !== undefined) ctx.dir = path.resolve(ctx.cwd, dir);
      const outcome = await initJournal(ctx, { partner: options.partner, rememberMe: true });
      if (outcome.status === 'exists') {
        if (remoteUrl !== undefined) {
          await setRemoteUrl(outcome.journal.git, remoteUrl);
          print(`${ctx.dir} is already a journal; its remote is now ${remoteUrl}.`);
        } else print(`${ctx.dir} is already a journal; nothing changed.`);
        return;
      }
      if (remoteUrl !== undefined) await setRemoteUrl(outcome.journal.git, remoteUrl);
      // `init DIR` makes DIR the journal later commands use, unless INTIMACY_JOURNAL decides.
      if (dir !== undefined && !ctx.env.INTIMACY_JOURNAL) await rememberDefaultJournal(ctx.dir, ctx.env);
      const partners = outcome.journal.settings.partners.join(' and ');
      print(`Created a journal for ${partners} in ${ctx.dir}`);
      if (remoteUrl !== undefined) info(`Its remote is ${remoteUrl}; run intimacy sync to share it.`);
    });
}
