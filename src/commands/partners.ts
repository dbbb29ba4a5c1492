import { Command } from 'commander';
import { openJournal } from '../journal/journal.js';
import { type NamesChange, renamePartner, setPartners } from '../journal/partner-names.js';
import { refusedNamesLine } from '../journal/settings.js';
import { shownShellWord } from '../shell-word.js';
import { partnerNamed } from '../store/authors.js';
import { SETTINGS_FILE } from '../store/layout.js';
import { slugify } from '../store/naming.js';
import { info, inline, out, print, printJson, warn } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import { commandContext, examples, type Launch, refuseUnknownSubcommand } from './context.js';

/** `intimacy partners`: the two names the journal knows you by, and the earlier names kept as aliases. */
export function command(launch: Launch): Command {
  // Whoever "I" am: this is where a name that is no partner's gets fixed.
  const journalOf = async (cmd: Command) => openJournal(await commandContext(cmd, launch), { anyone: true });
  const partners = new Command('partners')
    .option('--json', 'print {"partners", "aliases", "me"} as JSON')
    .addHelpText(
      'after',
      examples([
        'intimacy partners',
        'intimacy partners set Alex Jordan         # you first, then your partner',
        'intimacy partners rename root Alex        # entries by root now count as Alex’s',
        'intimacy partners --json',
      ]) +
        '\nA rename never rewrites an entry: the old name is kept under "aliases:" in intimacy.yaml,\n' +
        "so everything written under it counts as the partner's everywhere (log, status, stats, export).\n",
    )
    .allowExcessArguments()
    .action(async (options: { json?: boolean }, cmd: Command) => {
      refuseUnknownSubcommand(cmd);
      const journal = await journalOf(cmd);
      const { partners: names, aliases } = journal.settings;
      const me = partnerNamed(journal.settings, journal.me.name);
      if (options.json) {
        printJson({ partners: names, aliases, me: me ?? null });
        return;
      }
      const left = refusedNamesLine(journal.settings);
      if (left)
        warn(
          `${left}. Edit intimacy.yaml so that the name is spelled plainly, or name the two of you again with intimacy partners set YOU PARTNER.`,
        );
      if (names.length === 0)
        info('No partners are named yet; name the two of you with intimacy partners set YOU PARTNER.');
      // An alias spelled as one of the partners' own names stands for nobody: a name is its
      // partner's first (store/authors.ts), so `Alex: Jordan` never makes Alex's entries Jordan's.
      const isOwnName = (was: string) => names.some((name) => slugify(name) === slugify(was));
      const shadowed = Object.entries(aliases).filter(([was]) => isOwnName(was));
      const counted = Object.entries(aliases).filter(([was]) => !isOwnName(was));
      if (shadowed.length > 0)
        warn(
          `${SETTINGS_FILE} gives ${shadowed.map(([was, now]) => `${inline(was)} as an old name of ${inline(now)}`).join(', ')}, which is ignored: ${shadowed.length === 1 ? 'it is' : 'they are'} a partner's own name. Take ${shadowed.length === 1 ? 'it' : 'them'} out of aliases: in ${SETTINGS_FILE}.`,
        );
      for (const name of names) {
        const old = counted.filter(([, now]) => partnerNamed(journal.settings, now) === name).map(([was]) => was);
        const you = name === me ? out().dim(' (you)') : '';
        print(`${out().bold(name)}${you}${old.length > 0 ? `  also known as ${old.join(', ')}` : ''}`);
      }
      if (names.length === 1)
        info(`Only one partner is named; add yours with intimacy partners set ${shownShellWord(names[0]!)} PARTNER.`);
      if (!me && names.length > 0)
        info(
          `You are ${journal.me.name} here (from ${journal.me.source}), not one of them; say who you are with intimacy whoami --set NAME.`,
        );
    });
  partners
    .command('set')
    .description('name the two of you (you first); a name given up that was yours is kept as your alias')
    .argument('<you>', 'your name')
    .argument('[partner]', "your partner's name")
    .action(async (you: string, partner: string | undefined, _options: unknown, cmd: Command) => {
      const journal = await journalOf(cmd);
      report(await setPartners(journal, you, partner));
    });
  partners
    .command('rename')
    .description('rename a partner; the old name stays as an alias, so their entries keep counting')
    .argument('<old>', 'the name as intimacy.yaml has it now')
    .argument('<new>', 'the new name')
    .action(async (old: string, next: string, _options: unknown, cmd: Command) => {
      const journal = await journalOf(cmd);
      report(await renamePartner(journal, old, next));
    });
  return partners;
}

function report(change: NamesChange): void {
  if (!change.changed) {
    info(change.said);
    if (change.recordedMe) info(`This clone now knows you as ${change.recordedMe}.`);
    return;
  }
  print(`${change.said}.`);
  for (const [old, now] of change.aliased)
    info(`${old} is kept as an alias: entries written as ${old} count as ${now}'s.`);
  if (change.recordedMe) info(`This clone now knows you as ${change.recordedMe}.`);
  if (change.commitProblem) warnNotCommitted(change.commitProblem);
}
