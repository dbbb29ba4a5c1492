import type { Command } from 'commander';

/*
 * Every command as `--help` shows it, read from the commander definitions themselves: the man
 * page and the shell completion are written from this, so nothing about a command is said twice.
 * The build writes it out (dist/commands.json) with every command loaded; `intimacy complete`
 * reads that file instead of loading every command's module on each press of Tab.
 */

export interface OptionSpec {
  /** as `--help` lists it: `-n, --limit <n>` */
  term: string;
  /** `--limit`; `--no-color` for a negated option */
  long?: string;
  /** `-n` */
  short?: string;
  /** with the choices and default `--help` adds */
  description: string;
  /** what follows the flag: `<n>` (required) or `[n]` (optional); absent for a switch */
  value?: string;
  choices?: string[];
}

export interface ArgumentSpec {
  /** `id|last|date` */
  name: string;
  /** `<id|last|date>` or `[dir]`, `[text...]` */
  term: string;
  required: boolean;
  variadic: boolean;
  description: string;
  choices?: string[];
}

export interface CommandSpec {
  name: string;
  /** the words after `intimacy` that run it: `templates show`; '' for the program itself */
  path: string;
  summary: string;
  /** `intimacy templates show [options] <name>` */
  usage: string;
  arguments: ArgumentSpec[];
  options: OptionSpec[];
  commands: CommandSpec[];
  /** the text `--help` prints after the options: examples, notes */
  after: string;
}

/**
 * Describes `command` and every visible command under it (hidden ones, called by git, are left
 * out). `above`: the names of the commands it is under, the program's first.
 */
export function describeCommand(command: Command, above: string[] = []): CommandSpec {
  const help = command.createHelp();
  const names = [...above, command.name()];
  return {
    name: command.name(),
    path: names.slice(1).join(' '),
    summary: command.description(),
    // as the first line of `--help` says it: `intimacy templates show [options] <name>`
    usage: `${names.join(' ')} ${command.usage()}`.trim(),
    // All of them: --help lists arguments only when one has a description, completion needs every one.
    arguments: command.registeredArguments.map((argument) => ({
      name: argument.name(),
      term: argument.required ? `<${argument.name()}${dots(argument)}>` : `[${argument.name()}${dots(argument)}]`,
      required: argument.required,
      variadic: argument.variadic,
      description: help.argumentDescription(argument),
      ...(argument.argChoices ? { choices: [...argument.argChoices] } : {}),
    })),
    options: help.visibleOptions(command).map((option) => ({
      term: help.optionTerm(option),
      ...(option.long ? { long: option.long } : {}),
      ...(option.short ? { short: option.short } : {}),
      description: help.optionDescription(option),
      ...(option.required || option.optional ? { value: placeholderOf(option.flags) } : {}),
      ...(option.argChoices ? { choices: [...option.argChoices] } : {}),
    })),
    commands: help.visibleCommands(command).map((sub) => describeCommand(sub, names)),
    after: textAfterHelp(command),
  };
}

function dots(argument: { variadic: boolean }): string {
  return argument.variadic ? '...' : '';
}

/** `-n, --limit <n>` → `<n>` */
function placeholderOf(flags: string): string {
  return /[<[][^>\]]*[>\]]/.exec(flags)?.[0] ?? '<value>';
}

/**
 * What `addHelpText('after', …)` adds to the help. Commander keeps it as a listener of the
 * `afterHelp` event, so the listener is asked to write it here.
 */
function textAfterHelp(command: Command): string {
  let text = '';
  // Command is an EventEmitter at run time; its typings leave that out.
  const events = command as unknown as NodeJS.EventEmitter;
  events.emit('afterHelp', { error: false, command, write: (part: string) => (text += part) });
  return text.replace(/^\n+/, '').trimEnd();
}
