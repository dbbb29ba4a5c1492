import { Command } from 'commander';
import { writeGratitude } from '../app/write-gratitude.js';
import { collect, commandContext, examples, type Launch } from './context.js';
import { ATTACH_OPTION } from './run-options.js';

interface GratitudeOptions {
  tag?: string[];
  for?: string;
  private?: boolean;
  attach?: string[];
}

export function command(launch: Launch): Command {
  return new Command('gratitude')
    .argument('[text...]', 'what you are grateful for')
    .option('-t, --tag <tag>', 'tag the note (repeatable)', collect)
    .option('--for <name>', 'whom it thanks (default: your partner)')
    .option('--private', 'keep it on this computer only: never committed or shared')
    .option(...ATTACH_OPTION)
    .addHelpText(
      'after',
      examples([
        'intimacy gratitude "the coffee you brought me this morning"',
        'intimacy gratitude -t home --for Jordan "fixing the sink without being asked"',
        'echo "our walk by the river" | intimacy gratitude',
        'intimacy gratitude                    # asks for the note',
        'intimacy gratitude --attach flowers.jpg "the flowers on my desk"',
      ]),
    )
    .action(async (words: string[], options: GratitudeOptions, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      await writeGratitude(ctx, {
        words,
        tags: options.tag ?? [],
        thanked: options.for,
        private: options.private,
        attach: options.attach,
      });
    });
}
