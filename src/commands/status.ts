import { Command } from 'commander';
import { explainSkipped } from '../app/encrypted-entries.js';
import { gatherStatus } from '../app/gather-status.js';
import { openReadyAnswers } from '../app/open-answers.js';
import { openForPrompt } from '../app/prompt-count.js';
import { SilentFailure, UsageError } from '../errors.js';
import { openJournal } from '../journal/journal.js';
import { toDay } from '../rituals/periods.js';
import { assertReadable } from '../store/encryption-state.js';
import { updateLocalState } from '../store/local-state.js';
import { lookAtJournal } from '../store/worktree-check.js';
import { terminalIsUtf8 } from '../ui/charts.js';
import { counselOnce } from '../ui/counselling.js';
import { fitWidth, terminalColumns, wrap } from '../ui/layout.js';
import { print, printJson, warn } from '../ui/output.js';
import { questionStatusLines, replyStatusLines } from '../ui/questions-view.js';
import { ritualProblemLine } from '../ui/ritual-problems.js';
import { skippedFilesLine } from '../ui/skipped-files.js';
import { renderPrompt, renderQuiet, renderStatus } from '../ui/status-view.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('status')
    .option('--json', 'print every figure as JSON')
    .option('-q, --quiet', 'print only what is due (nothing when nothing is); for a shell start-up file')
    .option('--prompt', 'print a few characters for a shell prompt ("♥ 2 due"; nothing when nothing is)')
    .addHelpText(
      'after',
      examples([
        'intimacy status',
        'intimacy status --quiet     # e.g. in ~/.bashrc',
        'PS1=\'$(intimacy status --prompt) \'"$PS1"   # what is due, in the prompt',
        'intimacy status --json | jq .due',
      ]),
    )
    .action(async (options: { json?: boolean; quiet?: boolean; prompt?: boolean }, cmd: Command) => {
      if (options.prompt && (options.json || options.quiet))
        throw new UsageError('--prompt goes alone: not with --json or --quiet.', 'Choose one.');
      if (options.prompt) return promptStatus(cmd, launch);
      const ctx = await commandContext(cmd, launch);
      const look = ctx.look ?? lookAtJournal(ctx.git);
      const journal = await openJournal(ctx);
      await assertReadable(journal);
      const now = ctx.now();
      // Status may be the first command to see that your partner has answered too.
      if (!options.quiet) await openReadyAnswers(journal, now);
      const data = await gatherStatus(journal, now, look);
      // A file left encrypted is said as what it is here (damaged, or for another key): see encrypted-entries.ts.
      const skipped = data.skipped.length > 0 ? data.skipped.map(await explainSkipped(journal)) : data.skipped;
      if (options.json) {
        printJson({
          ...data.report,
          sync: data.sync,
          skipped,
          ritualProblems: data.ritualProblems,
          lowConnection: data.lowConnection,
          questions: data.questions,
          replies: data.replies,
        });
        return;
      }
      if (options.quiet) {
        for (const line of renderQuiet(data.report)) print(line);
        return;
      }
      for (const problem of data.ritualProblems) warn(ritualProblemLine(problem));
      if (skipped.length > 0) warn(skippedFilesLine(skipped, true));
      const width = fitWidth(launch.stdout, ctx.env);
      for (const line of renderStatus(data.report, data.sync, now, data.ritualProblems.length > 0, width)) print(line);
      for (const line of questionStatusLines(data.questions, width)) print(line);
      for (const line of replyStatusLines(data.replies, width)) print(line);
      // The counselling line is said once for each stretch of low connection; stats always says it.
      const counsel = counselOnce(data.lowConnection, data.counselShown, toDay(now));
      if (counsel) for (const line of ['', ...wrap(counsel.line, terminalColumns(launch.stdout, ctx.env))]) print(line);
      // Only a full, human status counts as having looked at the partner's news.
      // Entry dates have whole seconds; keep the look at the same precision so nothing slips between.
      await updateLocalState(journal.dir, {
        lastLooked: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
        ...(counsel ? { counselShown: counsel.key } : {}),
      });
    });
}

/**
 * `status --prompt`, run before every prompt: what is due in a few characters, from this computer
 * only (no network). A prompt is no place for an error: whatever goes wrong (no journal yet, a
 * broken file), it prints nothing and exits 1; `intimacy status` says what it is.
 */
async function promptStatus(cmd: Command, launch: Launch): Promise<void> {
  try {
    const ctx = await commandContext(cmd, launch);
    const now = ctx.now();
    // The count the last status left, while nothing it saw has changed; else git looks.
    const { journal, due: held } = await openForPrompt(ctx, now);
    const due = held ?? (await gatherStatus(journal, now, ctx.look ?? lookAtJournal(ctx.git))).report.due.length;
    const line = renderPrompt(due, terminalIsUtf8(launch.env));
    if (line) print(line);
  } catch {
    throw new SilentFailure();
  }
}
