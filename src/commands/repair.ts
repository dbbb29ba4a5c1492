import { Command } from 'commander';
import { type RunOptions, runTemplate, withRunOptions } from './run-template.js';

export function repairCommand(): Command {
  return withRunOptions(
    new Command('repair').description('work through a fight or a regrettable moment, once you are both calm'),
    ['intimacy repair', 'intimacy repair --together', 'intimacy repair --answers - < answers.json'],
  ).action((options: RunOptions, command: Command) => runTemplate('repair', options, command));
}
