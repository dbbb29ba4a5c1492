import { KeptAsItWas, UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { askConfirm, askSelect } from '../prompts/index.js';
import { repliesTo } from '../reading/replies.js';
import { shownShellWord } from '../shell-word.js';
import { partnerNamed, slugsOf } from '../store/authors.js';
import { readAllFrontMatter } from '../store/cache.js';
import type { Entry } from '../store/entry.js';
import { checkDraft, discardDraft, renamedStem, saveEdit, startEdit } from '../store/entry-edit.js';
import type { EntryFile } from '../store/entry-folders.js';
import { ENTRIES_DIR, slugify } from '../store/naming.js';
import { loadOwnPrivateSummaries } from '../store/private.js';
import { editorChosen, editorCommand, runEditor } from '../ui/editor.js';
import { info, out, print, warn } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import type { CommandContext } from './context.js';
import { refuseSealed } from './sealed-guard.js';

/**
 * `intimacy edit`: the entry is edited as a copy (store/entry-edit.ts), checked when the editor
 * closes, and committed. An edit that no longer reads as an entry can be edited again (at a
 * terminal) or kept aside while the entry stays as it was; the command then ends with exit 1.
 */
export async function editEntry(
  ctx: CommandContext,
  journal: Journal,
  file: EntryFile,
  options: { author?: string; partnerAllowed?: boolean } = {},
): Promise<void> {
  await refuseSealed(journal, file, 'edited');
  // Without a terminal (or with --no-input) vi would wait for keys that never come.
  if (!ctx.mayPrompt && !editorChosen(ctx.env))
    throw new UsageError(
      `intimacy edit opens your editor, and vi needs a terminal (there is none here, or --no-input was given); ${file.id} was not changed.`,
      'Run it at a terminal, or set $VISUAL or $EDITOR to an editor that runs without one.',
    );
  if (!(await mayEditWords(ctx, journal, file, options))) return;
  let session = await startEdit(journal, file);
  if (session.resumed && ctx.mayPrompt) {
    const start = await askSelect<'resume' | 'fresh'>({
      message: `You have an earlier, unsaved edit of ${file.id}.`,
      choices: [
        { value: 'resume', name: 'Resume it', description: `reopen what you wrote (kept in ${session.draftPath})` },
        { value: 'fresh', name: 'Start again from the entry', description: 'your earlier edit is thrown away' },
      ],
    });
    if (start === 'fresh') {
      await discardDraft(session);
      session = await startEdit(journal, file);
    }
  } else if (session.resumed)
    info(
      `Resuming your earlier, unsaved edit of ${file.id} (kept in ${session.draftPath}; remove that file to start again from the entry).`,
    );
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
    const stranger = check.kind === 'valid' ? notAPartnerAuthor(journal, check.entry.author) : undefined;
    if (check.kind === 'valid' && !stranger) {
      const renameTo = await nameToTake(journal, file, check.entry);
      const { commitProblem, renamed } = await saveEdit(journal, session, check.text, check.entry, { renameTo });
      print(
        renamed
          ? `Saved your edit of ${file.id}; its new type or author gives it a new name: ${out().bold(renamed.id)}.`
          : `Saved your edit of ${out().bold(file.id)}.`,
      );
      if (commitProblem) warnNotCommitted(commitProblem, 'the edit');
      return;
    }
    warn(`your edit does not read as an entry: ${check.kind === 'invalid' ? check.problem : stranger}.`);
    let choice: 'again' | 'keep' | 'discard' = 'keep';
    if (ctx.mayPrompt) {
      choice = await askSelect<'again' | 'keep' | 'discard'>({
        message: 'What now?',
        choices: [
          { value: 'again', name: 'Edit again', description: 'reopen your edit to fix it' },
          {
            value: 'keep',
            name: 'Keep the previous version',
            description: 'the entry stays as it was; your edit is kept aside, and the next edit resumes it',
          },
          {
            value: 'discard',
            name: 'Throw my edit away',
            description: 'the entry stays as it was, and the next edit starts from it',
          },
        ],
      });
    }
    if (choice === 'again') continue;
    if (choice === 'discard') {
      await discardDraft(session);
      info(`Kept ${file.id} as it was; your edit is thrown away.`);
      return;
    }
    const kept = `Kept the previous version of ${file.id}. Your edit is kept in ${session.draftPath}; intimacy edit ${shownShellWord(file.id)} resumes it.`;
    // A name that is no partner's is a usage error, as it is everywhere else (exit 2).
    if (stranger) throw new UsageError(`${capitalised(stranger)}.`, kept);
    throw new KeptAsItWas(kept);
  }
}

/**
 * The new file name an edit that changes the type or author gives the entry, so that the name
 * (which filters read before opening a file) says what the front matter says. The name is kept
 * where a new one would do harm, and filters then find the entry by its front matter instead
 * (store/misnamed.ts):
 * - a file named as your partner's: their sync keeps a file of theirs that another clone deletes,
 *   so a rename would leave them both names (an edit in place reaches them, and they are told);
 * - a private entry given to your partner: private files are found by being named as yours;
 * - an entry something replies to: the reply names it by its id, which is its file name.
 */
async function nameToTake(journal: Journal, file: EntryFile, entry: Entry): Promise<string | undefined> {
  const stem = renamedStem(file, entry);
  if (!stem) return undefined;
  const mine = slugsOf(journal.settings, journal.me.name);
  if (!mine.includes(file.authorSlug)) return undefined;
  if (!file.relPath.startsWith(`${ENTRIES_DIR}/`) && !mine.includes(slugify(entry.author))) return undefined;
  const { entries } = await readAllFrontMatter(journal.git);
  const own = await loadOwnPrivateSummaries(journal, mine);
  if ([...entries, ...own].some((other) => repliesTo(other) === file.id)) return undefined;
  return stem;
}

/** An `author:` that is not one of the journal's two partners: the entry would count for nobody. */
function notAPartnerAuthor(journal: Journal, author: string): string | undefined {
  const { partners } = journal.settings;
  if (partners.length < 2 || partnerNamed(journal.settings, author)) return undefined;
  return `author: ${author} is not one of this journal's partners (${partners.join(', ')})`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An entry your partner wrote holds their words: a terminal asks before opening it, and without
 * one it takes --partner (which also picks their entries) to say you mean it.
 */
async function mayEditWords(
  ctx: CommandContext,
  journal: Journal,
  file: EntryFile,
  options: { author?: string; partnerAllowed?: boolean },
): Promise<boolean> {
  const mine = slugsOf(journal.settings, journal.me.name);
  const writer = options.author ?? file.authorSlug;
  if (mine.includes(slugify(writer)) || options.partnerAllowed) return true;
  const whose = partnerNamed(journal.settings, writer) ?? writer;
  if (!ctx.mayPrompt)
    throw new UsageError(
      `${file.id} is ${whose}'s entry: those are their words.`,
      `To change it anyway, run intimacy edit ${shownShellWord(file.id)} --partner.`,
    );
  if (await askConfirm(`This is ${whose}'s entry, in their words. Edit it anyway?`, false)) return true;
  info(`Left ${file.id} as ${whose} wrote it.`);
  return false;
}
