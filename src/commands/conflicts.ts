import { Command, Option } from 'commander';
import { openJournal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { findConflict, type Keep, openConflicts, settleConflict } from '../sync/conflicts.js';
import { compareVersions, conflictLines, versionsOf } from '../ui/conflicts-view.js';
import { info, out, print, printJson } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import { commandContext, examples, type Launch, refuseUnknownSubcommand } from './context.js';

/** `intimacy conflicts`: the files you both changed, side by side, and settling one. */
export function command(launch: Launch): Command {
  const conflicts = new Command('conflicts')
    .option('--json', 'print [{id, path, copy, kind, copyFrom, mineIn, lines}] as JSON')
    .addHelpText(
      'after',
      examples([
        'intimacy conflicts',
        'intimacy conflicts resolve 20261125T1830 --keep mine',
        'intimacy conflicts resolve 20261125T1830 --keep both   # two entries from now on',
      ]) +
        '\nWhen you both changed the same file, sync keeps your partner\'s version beside yours as a\n"-conflict_<name>" copy. Until you settle it, status, stats and the rituals count the entry once.\n',
    )
    .allowExcessArguments()
    .action(async (options: { json?: boolean }, cmd: Command) => {
      refuseUnknownSubcommand(cmd);
      const journal = await openJournal(await commandContext(cmd, launch), { anyone: true });
      const open = await openConflicts(journal);
      const partner = partnerOf(journal) ?? 'your partner';
      if (options.json) {
        printJson(
          open.map(({ pathText: _a, copyText: _b, ...conflict }) => ({
            ...conflict,
            lines: compareVersions({ ...conflict, pathText: _a, copyText: _b }),
          })),
        );
        return;
      }
      if (open.length === 0) {
        info('No conflicts: nothing you both changed is waiting to be settled.');
        return;
      }
      for (const [i, conflict] of open.entries()) {
        if (i > 0) print();
        for (const line of conflictLines(out(), conflict, partner)) print(line);
      }
    });

  conflicts
    .command('resolve')
    .description('settle one conflict in a commit: keep your version, theirs, or both (entries only)')
    .argument('<id>', 'the conflict copy’s id (or the entry’s), or a unique beginning of it')
    .addOption(
      new Option('--keep <which>', 'which version stays').choices(['mine', 'theirs', 'both']).makeOptionMandatory(),
    )
    .addHelpText(
      'after',
      examples([
        'intimacy conflicts resolve 20261125T1830 --keep mine',
        'intimacy conflicts resolve intimacy-conflict_jordan.yaml --keep theirs',
      ]),
    )
    .action(async (id: string, options: { keep: Keep }, cmd: Command) => {
      const journal = await openJournal(await commandContext(cmd, launch), { anyone: true });
      const conflict = findConflict(await openConflicts(journal), id);
      const settled = await settleConflict(journal, conflict, options.keep);
      const partner = partnerOf(journal) ?? 'your partner';
      const whose = versionsOf(conflict, partner);
      const kept =
        options.keep === 'both'
          ? `both versions: ${settled.kept.join(' and ')}`
          : options.keep === 'mine'
            ? `your version in ${conflict.path}`
            : `${conflict.mineIn === 'path' ? whose.copy : whose.path} version in ${conflict.path}`;
      print(`Settled ${conflict.id}: kept ${kept}.`);
      if (settled.commitProblem) warnNotCommitted(settled.commitProblem, 'the entry');
      else info('intimacy sync shares it.');
    });
  return conflicts;
}
