import { KeptAsItWas, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { askSelect } from '../prompts/index.js';
import { checkDraft, discardDraft, saveEdit, startEdit } from '../store/entry-edit.js';
import type { EntryFile } from '../store/entry-folders.js';
import { editorCommand, runEditor } from '../ui/editor.js';
import { info, out, print, warn } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import type { CommandContext } from './context.js';

/**
 * `intimacy edit`: the entry is edited as a copy (store/entry-edit.ts), checked when the editor
 * closes, and committed. An edit that no longer reads as an entry can be edited again (at a
 * terminal) or kept aside while the entry stays as it was; the command then ends with exit 1.
 */
export async function editEntry(ctx: CommandContext, journal: Journal, file: EntryFile): Promise<void> {
  const session = await startEdit(journal, file);
  if (session.resumed) info(`Resuming your earlier, unsaved edit of ${file.id} (kept in ${session.draftPath}).`);
  for (;;) {
    const code = await runEditor(session.draftPath, ctx.env);
    if (code !== 0) {
      throw new UserError(
        `The editor (${editorCommand(ctx.env)}) stopped with exit code ${code}; the entry was not changed.`,
        `Whatever you wrote is kept in ${session.draftPath}. Set $VISUAL or $EDITOR to your editor.`,
      );
    }
    const check = await checkDraft(session);
    if (check.kind === 'unchanged') {
      await discardDraft(session);
      info(`No change to ${file.id}; nothing was committed.`);
      return;
    }
    if (check.kind === 'valid') {
      const { commitProblem } = await saveEdit(journal, session, check.text, check.entry);
      print(`Saved your edit of ${out().bold(file.id)}.`);
      if (commitProblem) warnNotCommitted(commitProblem, 'the edit');
      return;
    }
    warn(`your edit does not read as an entry: ${check.problem}.`);
    let choice: 'again' | 'keep' = 'keep';
    if (ctx.mayPrompt) {
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
    throw new KeptAsItWas(
      `Kept the previous version of ${file.id}. Your edit is kept in ${session.draftPath}; intimacy edit ${file.id} resumes it.`,
    );
  }
}
