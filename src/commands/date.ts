import { Command } from 'commander';
import { type RunOptions, runTemplate, withRunOptions } from './run-template.js';

export function dateCommand(): Command {
  return withRunOptions(new Command('date').description('log a date night or time together, and plan the next one'), [
    'intimacy date',
    'intimacy date --together',
    "echo 'what: picnic by the lake' | intimacy date --answers -",
  ]).action((options: RunOptions, command: Command) => runTemplate('date', options, command));
}
