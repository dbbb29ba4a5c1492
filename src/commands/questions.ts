import { Command } from 'commander';
import { listQuestions } from '../app/questions-list.js';
import { print, printJson } from '../ui/output.js';
import { questionLines } from '../ui/questions-view.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('questions')
    .option('--json', 'print every question answered so far, with its state and answers, as JSON')
    .addHelpText(
      'after',
      examples(['intimacy questions', 'intimacy questions --json | jq \'.[] | select(.state == "your-turn")\'']) +
        '\nStates: your-turn (your partner answered), waiting (for your partner), opening (both answered;\nthe next sync brings the last key), open (both can read both answers: intimacy show ID).\n',
    )
    .action(async (options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const { rows, partner, me } = await listQuestions(ctx);
      if (options.json) {
        printJson(rows);
        return;
      }
      for (const line of questionLines(rows, me, partner)) print(line);
    });
}
