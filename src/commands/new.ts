import { Command } from 'commander';
import { type RunOptions, runTemplate, withRunOptions } from './run-template.js';

export function newCommand(): Command {
  return withRunOptions(
    new Command('new')
      .description('write an entry from any template, built-in or your own')
      .argument('<template>', 'the template name (intimacy templates lists them)'),
    [
      'intimacy new appreciation',
      'intimacy new reflection --tag work',
      'intimacy new our_budget --answers budget.yaml   # your own templates/our_budget.yaml',
    ],
  ).action((name: string, options: RunOptions, command: Command) => runTemplate(name, options, command));
}
