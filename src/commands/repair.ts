import { Command } from 'commander';
import { runTemplate, type TemplateRunOptions } from '../app/run-template.js';
import { commandContext, type Launch } from './context.js';
import { withRunOptions } from './run-options.js';

export function command(launch: Launch): Command {
  return withRunOptions(new Command('repair'), [
    'intimacy repair',
    'intimacy repair --together',
    'intimacy repair --attach letter.pdf',
    'intimacy repair --answers - < answers.json',
  ]).action(async (options: TemplateRunOptions, cmd: Command) =>
    runTemplate(await commandContext(cmd, launch), 'repair', options),
  );
}
