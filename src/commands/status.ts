import { Command } from 'commander';
import { commandContext, examples } from './context.js';

export function statusCommand(): Command {
  return new Command('status')
    .description("what is due, streaks, your partner's new entries, and whether there is anything to sync")
    .option('--json', 'print every figure as JSON')
    .option('-q, --quiet', 'print only what is due (nothing when nothing is); for a shell start-up file')
    .addHelpText(
      'after',
      examples([
        'intimacy status',
        'intimacy status --quiet     # e.g. in ~/.bashrc',
        'intimacy status --json | jq .due',
      ]),
    )
    .action(async (options: { json?: boolean; quiet?: boolean }, command: Command) => {
      const ctx = await commandContext(command);
      // git's look at the journal starts first: it runs on the other core while the modules load.
      const { lookAtJournal } = await import('../store/worktree-check.js');
      const look = lookAtJournal(ctx.git);
      const [{ openJournal }, { assertReadable }, { loadStatus }, { updateLocalState }, ui, view] = await Promise.all([
        import('../journal/journal.js'),
        import('../store/encryption-state.js'),
        import('../app/gather-status.js'),
        import('../store/local-state.js'),
        import('../ui/output.js'),
        import('../ui/status-view.js'),
      ]);
      const journal = await openJournal(ctx);
      await assertReadable(journal);
      const now = ctx.now();
      const data = await loadStatus(journal, now, look);
      if (options.json) {
        ui.printJson({ ...data.report, sync: data.sync, skipped: data.skipped, ritualProblems: data.ritualProblems });
        return;
      }
      if (options.quiet) {
        for (const line of view.renderQuiet(data.report)) ui.print(line);
        return;
      }
      for (const problem of data.ritualProblems)
        ui.warn(`intimacy.yaml: ritual "${problem.ritual}" ${problem.message}; it is left out.`);
      if (data.skipped.length > 0)
        ui.warn(
          `${data.skipped.length} entry file(s) could not be read and were left out (first: ${data.skipped[0]!.relPath}: ${data.skipped[0]!.reason}).`,
        );
      for (const line of view.renderStatus(data.report, data.sync, now)) ui.print(line);
      // Only a full, human status counts as having looked at the partner's news.
      // Entry dates have whole seconds; keep the look at the same precision so nothing slips between.
      await updateLocalState(journal.dir, {
        lastLooked: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
      });
    });
}
