import { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { examples } from './context.js';
import { addReadingFilters, openReading, type ReadingOptions } from './reading.js';
import { ambiguityError } from './target.js';

export function editCommand(): Command {
  const command = new Command('edit')
    .description('correct an entry in $VISUAL/$EDITOR; the change is checked, then committed')
    .argument('<id|last>', 'an entry id or a unique prefix of it, or `last`');
  return addReadingFilters(command)
    .addHelpText(
      'after',
      examples(['intimacy edit last --mine', 'intimacy edit 20261125T1832', 'EDITOR=nano intimacy edit last']) +
        '\nIf the edited front matter no longer reads as an entry, you can edit again or keep the\n' +
        'previous version (without a terminal: the previous version is kept and the exit code is 1).\n' +
        'A rejected edit is never thrown away: it stays in .intimacy/edits/ and the next edit resumes it.\n',
    )
    .action(async (target: string, options: ReadingOptions, cmd: Command) => {
      const reading = await openReading(cmd, options);
      const { findTarget } = await import('../reading/target.js');
      const { looksLikeId } = await import('../reading/query.js');
      if (target.trim().toLowerCase() !== 'last' && !looksLikeId(target)) {
        throw new UsageError(
          `edit takes an entry id or "last", not "${target}".`,
          'Find the id with intimacy log, e.g. intimacy edit 20261125T1832.',
        );
      }
      const found = await findTarget(reading.journal.dir, reading.walk, reading.filter, target, reading.ctx.now());
      if (found.kind === 'ambiguous') throw ambiguityError(target, found.candidates);
      if (found.kind === 'none') {
        found.problems.forEach(reading.report);
        throw await reading.nothingFound(target);
      }
      // A malformed entry can still be opened: editing is how it gets fixed.
      const file = found.kind === 'malformed' ? found.file : found.entries[0]?.file;
      if (!file) throw await reading.nothingFound(target);

      const [edit, { runEditor, editorCommand }, ui] = await Promise.all([
        import('../store/entry-edit.js'),
        import('../ui/editor.js'),
        import('../ui/output.js'),
      ]);
      const session = await edit.startEdit(reading.journal, file);
      if (session.resumed) ui.info(`Resuming your earlier, unsaved edit of ${file.id} (kept in ${session.draftPath}).`);
      for (;;) {
        const code = await runEditor(session.draftPath, reading.ctx.env);
        if (code !== 0) {
          throw new UserError(
            `The editor (${editorCommand(reading.ctx.env)}) stopped with exit code ${code}; the entry was not changed.`,
            `Whatever you wrote is kept in ${session.draftPath}. Set $VISUAL or $EDITOR to your editor.`,
          );
        }
        const check = await edit.checkDraft(session);
        if (check.kind === 'unchanged') {
          await edit.discardDraft(session);
          ui.info(`No change to ${file.id}; nothing was committed.`);
          return;
        }
        if (check.kind === 'valid') {
          const { commitProblem } = await edit.saveEdit(reading.journal, session, check.text, check.entry);
          ui.print(`Saved your edit of ${ui.out().bold(file.id)}.`);
          if (commitProblem)
            ui.warn(
              `the edit is saved but not committed (git: ${commitProblem}); the next intimacy command will commit it.`,
            );
          return;
        }
        ui.warn(`the edited entry does not read as an entry: ${check.problem}`);
        let choice: 'again' | 'keep' = 'keep';
        if (reading.ctx.mayPrompt) {
          const { askSelect } = await import('../prompts/index.js');
          choice = await askSelect<'again' | 'keep'>({
            message: 'What now?',
            choices: [
              { value: 'again', name: 'Edit again', description: 'reopen your edit to fix it' },
              {
                value: 'keep',
                name: 'Keep the previous version',
                description: 'the entry stays as it was; your edit is kept aside',
              },
            ],
          });
        }
        if (choice === 'again') continue;
        ui.info(
          `Kept the previous version of ${file.id}. Your edit is kept in ${session.draftPath}; intimacy edit ${file.id} resumes it.`,
        );
        process.exitCode = 1;
        return;
      }
    });
}
