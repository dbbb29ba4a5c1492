import { Command } from 'commander';
import { runTemplate, type TemplateRunOptions } from '../app/run-template.js';
import { commandContext, type Launch } from './context.js';
import { withRunOptions } from './run-options.js';

export function command(launch: Launch): Command {
  return withRunOptions(
    new Command('new').argument('<template>', 'the template name (intimacy templates lists them)'),
    [
      'intimacy new appreciation',
      'intimacy new reflection --tag work',
      'intimacy new appreciation --attach us.jpg',
      'intimacy new our_budget --answers budget.yaml   # your own templates/our_budget.yaml',
    ],
  ).action(async (name: string, options: TemplateRunOptions, cmd: Command) =>
    runTemplate(await commandContext(cmd, launch), name, options),
  );
}
