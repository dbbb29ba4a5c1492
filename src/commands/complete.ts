import { Command } from 'commander';
import { completeWords } from '../app/complete-words.js';
import type { Launch } from './context.js';

/**
 * `intimacy complete -- WORDS…`: what the completion scripts ask at each Tab (hidden: people
 * never type it). It must answer fast and never complain (app/complete-words.ts). The scripts'
 * own call, `complete --` first, is answered by the launcher without the program
 * (shell-complete.ts); this is the command for any other spelling of it.
 */
export function command(launch: Launch): Command {
  return new Command('complete')
    .argument('[words...]')
    .helpOption(false)
    .allowUnknownOption()
    .action(async (words: string[]) => {
      launch.stdout.write((await completeWords(words, launch)).join('\n') + '\n');
    });
}
