import { Command } from 'commander';
import { writePulse } from '../app/write-pulse.js';
import { collect, commandContext, examples, type Launch } from './context.js';
import { ATTACH_OPTION } from './run-options.js';

export function command(launch: Launch): Command {
  return new Command('pulse')
    .argument('[n]', 'how are we today, from 1 (a hard day for us) to 5 (wonderful)')
    .argument('[note...]', 'a word about it, if you like')
    .option('-t, --tag <tag>', 'tag the entry (repeatable)', collect)
    .option('--private', 'keep it on this computer only: never committed or shared')
    .option(...ATTACH_OPTION)
    .addHelpText(
      'after',
      examples([
        'intimacy pulse 4',
        'intimacy pulse 2 "a tense morning, better tonight"',
        'intimacy pulse                          # asks, at a terminal',
        'intimacy pulse 5 "sunset walk" --attach sunset.jpg',
        'intimacy rituals add pulse --cadence daily --who each   # make it a ritual',
      ]),
    )
    .action(
      async (
        value: string | undefined,
        words: string[],
        options: { tag?: string[]; private?: boolean; attach?: string[] },
        cmd,
      ) => {
        const ctx = await commandContext(cmd, launch);
        await writePulse(ctx, {
          value,
          words,
          tags: options.tag ?? [],
          private: options.private,
          attach: options.attach,
        });
      },
    );
}
