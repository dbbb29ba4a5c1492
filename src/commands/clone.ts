import { Command } from 'commander';
import { joinJournal } from '../app/join-journal.js';
import { info, print } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('clone')
    .argument('<url>', 'the git URL of the shared journal')
    .argument('[dir]', 'where to put it (default: your default journal location)')
    .addHelpText(
      'after',
      examples([
        'intimacy clone git@github.com:alex/our-journal.git --me Jordan',
        'intimacy clone ssh://jordan@nas.local/srv/git/journal.git ~/our-journal --me Jordan',
      ]),
    )
    .action(async (url: string, dir: string | undefined, _options: unknown, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const journal = await joinJournal(ctx, url, dir);
      print(`Joined the journal of ${journal.settings.partners.join(' and ') || 'you two'} in ${ctx.dir}`);
      if (journal.me.source !== 'this journal' && journal.me.source !== '--me') {
        info(`You are ${journal.me.name} here (from ${journal.me.source}); change it with intimacy whoami --set NAME.`);
      }
    });
}
