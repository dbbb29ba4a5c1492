import type { Command } from 'commander';
import { collect, examples } from './context.js';

/** The options every template command (checkin, repair, date, new) takes, declared once. */
export function withRunOptions(command: Command, exampleLines: string[]): Command {
  return command
    .option('--together', 'both partners answer in turn at this terminal; two entries, one commit')
    .option('-a, --answers <file>', 'answers as YAML or JSON (question id → answer); "-" reads stdin')
    .option('-t, --tag <tag>', 'tag the entry (repeatable)', collect)
    .option('--private', 'keep the entry on this computer only: never committed or shared')
    .addHelpText('after', examples(exampleLines))
    .option(...ATTACH_OPTION);
}

/** --attach, on every command that writes an entry (declared once). */
export const ATTACH_OPTION = [
  '--attach <file>',
  'keep a photo or file with the entry (repeatable); the location is taken out of photos',
  collect,
] as const;
