import { openForPrompt } from './app/prompt-count.js';
import { clockFrom, FIXED_NOW_VARIABLE } from './clock.js';
import { Git } from './git/git.js';
import { resolveJournalDir } from './journal/location.js';
import { terminalIsUtf8 } from './ui/charts.js';
import { print } from './ui/output.js';
import { renderPrompt } from './ui/status-view.js';

/**
 * `intimacy status --prompt` started on its own (dist/shell-prompt.js, which the launcher runs
 * for just those arguments, commands/plan.ts promptPlan). A shell runs it before every prompt,
 * and most often the count the last status left still holds (app/prompt-memo.ts): that count is
 * printed without building the program (no commander, no status command, no views).
 * Whenever it cannot answer that way (the count no longer holds, no journal, any failure at
 * all) it prints nothing and answers false, and the launcher runs the status command, which
 * asks git, or prints nothing and exits 1, as it would have anyway.
 * An edge, like cli.ts: it reads the process itself.
 */
export async function answerPrompt(journalFlag: string | undefined): Promise<boolean> {
  try {
    const env = process.env;
    const now = clockFrom(env[FIXED_NOW_VARIABLE]);
    const { dir } = await resolveJournalDir({ flag: journalFlag, env, cwd: process.cwd() });
    // git reads the config from now on, while the count's files are checked.
    const git = Git.startedAt(dir, env);
    const { due } = await openForPrompt({ dir, env, now, git }, now());
    if (due === undefined) return false;
    const line = renderPrompt(due, terminalIsUtf8(env));
    if (line) print(line);
    return true;
  } catch {
    return false;
  }
}
