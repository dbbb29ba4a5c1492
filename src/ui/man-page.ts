import { pushAll } from '../many.js';
import type { ArgumentSpec, CommandSpec, OptionSpec } from './command-spec.js';

/*
 * intimacy(1), in roff (man(7) macros), written at build time from the same definitions as
 * `--help` (command-spec.ts): every command with its arguments, options and examples. The
 * sections `--help` has no place for (where files live, the environment, exit codes) are here.
 */

export interface ManPageFacts {
  version: string;
}

export function manPage(program: CommandSpec, facts: ManPageFacts): string {
  const lines: string[] = [
    `.TH INTIMACY 1 "" "intimacy ${roff(facts.version)}" "User Commands"`,
    '.SH NAME',
    `intimacy \\- ${roff(lowerFirst(program.summary).replace(/\.$/, ''))}`,
    '.SH SYNOPSIS',
    '.B intimacy',
    '[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]',
    '.SH DESCRIPTION',
    paragraph(
      'Two partners keep one plain-text journal (Markdown files with YAML front matter) in a git ' +
        'repository, write to it through guided prompts, and share it through a private git remote. ' +
        'Every command has --help with examples; intimacy help COMMAND shows the same.',
    ),
    '.SH GLOBAL OPTIONS',
    'These go before or after the command.',
    ...options(program.options),
    '.SH COMMANDS',
  ];
  for (const command of program.commands) pushAll(lines, commandSection(command));
  pushAll(lines, FIXED_SECTIONS);
  return lines.join('\n') + '\n';
}

function commandSection(command: CommandSpec): string[] {
  const lines = ['.SS ' + quoted(command.usage), paragraph(command.summary)];
  if (command.arguments.length > 0) pushAll(lines, argumentsOf(command.arguments));
  const own = command.options.filter((option) => option.long !== '--help');
  if (own.length > 0) lines.push('.PP', 'Options:', ...options(own));
  // A command's own commands (templates list, encrypt init…), each with what it takes.
  for (const sub of command.commands.filter((sub) => sub.name !== 'help')) {
    lines.push('.PP', `.B ${roff(sub.usage)}`, '.RS 4', paragraph(sub.summary));
    if (sub.arguments.length > 0) pushAll(lines, argumentsOf(sub.arguments));
    const subOptions = sub.options.filter((option) => option.long !== '--help');
    if (subOptions.length > 0) pushAll(lines, options(subOptions));
    if (sub.after) pushAll(lines, preformatted(sub.after));
    lines.push('.RE');
  }
  if (command.after) pushAll(lines, preformatted(command.after));
  return lines;
}

function argumentsOf(list: ArgumentSpec[]): string[] {
  return list
    .filter((argument) => argument.description !== '')
    .flatMap((argument) => ['.TP', `.I ${quoted(argument.term)}`, roff(argument.description)]);
}

function options(list: OptionSpec[]): string[] {
  return list.flatMap((option) => ['.TP', `.B ${quoted(option.term)}`, roff(option.description)]);
}

/** Examples and notes keep their lines and spacing, as in `--help`. */
function preformatted(text: string): string[] {
  return [
    '.PP',
    '.nf',
    '.RS 4',
    ...text.split('\n').map((line) => (line.trim() === '' ? '' : roff(line))),
    '.RE',
    '.fi',
  ];
}

function paragraph(text: string): string {
  return roff(text);
}

/**
 * Text as roff reads it literally: backslashes doubled, a line that would start with `.` or `'`
 * (a request) led by `\&`, and hyphens in options kept as ASCII minus signs so they can be searched.
 */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

/** An argument to a macro: in double quotes when it has spaces (a quote inside is doubled). */
function quoted(text: string): string {
  const escaped = roff(text);
  return /\s/.test(text) ? `"${escaped.replace(/"/g, '""')}"` : escaped;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const FIXED_SECTIONS = [
  '.SH FILES',
  '.TP',
  '.I ~/.local/share/intimacy/journal',
  'The journal made by the first command that writes ($XDG_DATA_HOME/intimacy/journal).',
  '.TP',
  '.I ~/.config/intimacy/config.yaml',
  'Which journal is the default one (written by intimacy init DIR and intimacy clone).',
  '.TP',
  '.I JOURNAL/entries/YYYY/MM/',
  'One Markdown file per entry, named by its UTC time, type and author.',
  '.TP',
  '.I JOURNAL/intimacy.yaml',
  'The shared settings: partners, rituals and how often they are kept.',
  '.TP',
  '.I JOURNAL/.intimacy/',
  'This computer only, never committed: drafts, private entries, caches.',
  '.SH ENVIRONMENT',
  '.TP',
  '.B INTIMACY_JOURNAL',
  'The journal to use when \\-\\-journal is not given.',
  '.TP',
  '.B INTIMACY_ME',
  'Who you are, when \\-\\-me is not given.',
  '.TP',
  '.B INTIMACY_NETWORK_TIMEOUT',
  'Seconds each network step may take (default 60).',
  '.TP',
  '.B NO_COLOR',
  'When set, nothing is coloured.',
  '.TP',
  '.BR VISUAL ", " EDITOR',
  'The editor for long answers and intimacy edit.',
  '.TP',
  '.B PAGER',
  'The pager for long output (default less \\-R).',
  '.SH EXIT STATUS',
  '0 on success, 1 on failure, 2 for a usage error (a wrong option or argument).',
  '.SH SEE ALSO',
  '.BR git (1)',
];
