import { Command } from 'commander';
import { runTemplate, type TemplateRunOptions } from '../app/run-template.js';
import { commandContext, type Launch } from './context.js';
import { withRunOptions } from './run-options.js';

export function command(launch: Launch): Command {
  return withRunOptions(new Command('date'), [
    'intimacy date',
    'intimacy date --together',
    'intimacy date --attach picnic.jpg --attach ticket.pdf',
    "echo 'what: picnic by the lake' | intimacy date --answers -",
  ]).action(async (options: TemplateRunOptions, cmd: Command) =>
    runTemplate(await commandContext(cmd, launch), 'date', options),
  );
}
