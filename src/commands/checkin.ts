import { Command } from 'commander';
import { runTemplate, type TemplateRunOptions } from '../app/run-template.js';
import { commandContext, type Launch } from './context.js';
import { withRunOptions } from './run-options.js';

export function command(launch: Launch): Command {
  return withRunOptions(new Command('checkin'), [
    'intimacy checkin',
    'intimacy checkin --together                 # both of you, in turn, at one terminal',
    'intimacy checkin --answers answers.yaml',
    'intimacy checkin --attach our-week.jpg',
    'intimacy templates show checkin --json      # every id, to write an answers file',
  ]).action(async (options: TemplateRunOptions, cmd: Command) =>
    runTemplate(await commandContext(cmd, launch), 'checkin', options),
  );
}
