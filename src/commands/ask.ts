import { Command } from 'commander';
import { askQuestion } from '../app/ask.js';
import { commandContext, examples, type Launch } from './context.js';

interface AskOptions {
  deck?: string;
  question?: string;
  answer?: string;
  guess?: string;
  repeat?: boolean;
}

export function command(launch: Launch): Command {
  return new Command('ask')
    .option('--deck <name>', 'the deck to ask from (intimacy decks lists them; default: the last one used)')
    .option('--question <id>', 'a question by its id (intimacy decks NAME lists them)')
    .option('--answer <text>', 'your answer (else from stdin, or asked at a terminal)')
    .option('--guess <text>', 'on a guess question: what you think your partner will answer')
    .option('--repeat', 'allow a question you have both answered before')
    .addHelpText(
      'after',
      examples([
        'intimacy ask',
        'intimacy ask --deck thirty-six',
        'intimacy ask --deck love-maps --question perfect-saturday --answer "market, then a long lunch" --guess "sleeping in"',
        'echo "the walk by the lake" | intimacy ask --deck year-review --question best-moment',
        'intimacy ask --question first-impression --repeat',
      ]) +
        '\nFirst offers a question your partner has answered and you have not; else draws one neither of\nyou has answered (no repeats until the deck is done). Your answer is sealed: your partner\ncannot read it, in any file or commit, until they have answered too. Then both answers open.\n',
    )
    .action(async (options: AskOptions, cmd: Command) => {
      await askQuestion(await commandContext(cmd, launch), options);
    });
}
