import { Command } from 'commander';
import { type RunOptions, runTemplate, withRunOptions } from './run-template.js';

export function checkinCommand(): Command {
  return withRunOptions(
    new Command('checkin').description(
      'the weekly check-in: appreciations, what went well, one concern, a promise for the week',
    ),
    [
      'intimacy checkin',
      'intimacy checkin --together                 # both of you, in turn, at one terminal',
      'intimacy checkin --answers answers.yaml',
      'intimacy templates show checkin --json      # every id, to write an answers file',
    ],
  ).action((options: RunOptions, command: Command) => runTemplate('checkin', options, command));
}
