import { Command } from 'commander';
import { joinJournal } from '../app/join-journal.js';
import { partnerOf } from '../journal/partners.js';
import { namesTogether } from '../store/authors.js';
import { lacksKey } from '../store/encryption-state.js';
import { warnKeyNeeded } from '../ui/key-needed.js';
import { print } from '../ui/output.js';
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
      const ctx = await commandContext(cmd, launch, { choosesFolder: true });
      const { journal, startedHere } = await joinJournal(ctx, url, dir);
      const partners = namesTogether(journal.settings.partners) || 'you two';
      // "as NAME" only for one of the partners: a guess that is nobody's was told what to do instead.
      const as = journal.settings.partners.includes(journal.me.name) ? `, as ${journal.me.name}` : '';
      // An empty remote holds no journal to join: this one is new, and says so.
      print(`${startedHere ? 'Started' : 'Joined'} the journal of ${partners} in ${ctx.dir}${as}`);
      // Its entries cannot be read, nor yours committed, until the key is here: said at once.
      if (await lacksKey(journal)) warnKeyNeeded('missing', partnerOf(journal));
    });
}
