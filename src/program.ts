import path from 'node:path';
import { Command, CommanderError, Help } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import type { Launch } from './commands/context.js';
import { COMMANDS, type CommandEntry } from './commands/manifest.js';
import { planOf } from './commands/plan.js';
import { type CommandSpec, describeCommand } from './ui/command-spec.js';
import { withOutput } from './ui/screen.js';

export { planOf };

/**
 * The program: global options, the commands, and the one error handler. Only the command that
 * runs is built (its module loaded, with everything it imports); the others are listed from
 * the manifest, so `--help`, unknown commands and their suggestions read as if all were there.
 */
export async function run(argv: string[], launch: Launch): Promise<number> {
  return withOutput(launch, () => runHere(argv, launch));
}

async function runHere(argv: string[], launch: Launch): Promise<number> {
  try {
    const plan = planOf(argv.slice(2));
    const entry = COMMANDS.find((command) => command.name === plan.command);
    // The journal is looked for, and git started, before the command's module loads.
    if (entry && !plan.help && !entry.withoutJournal) {
      // Loaded only now: --help and --version need neither it nor git.
      const { findJournalEarly } = await import('./commands/context.js');
      launch.early = findJournalEarly(launch, plan.journal, {
        look: entry.look === true && !(entry.lookSparedBy !== undefined && argv.includes(entry.lookSparedBy)),
        leftovers: entry.leftovers === true,
      });
      await launch.early.started;
    }
    const program = await buildProgram(launch, entry);
    // Bare `intimacy` is a request for help: on stdout, exit 0, like `intimacy --help`.
    if (plan.command === undefined && !plan.help && !plan.options) {
      program.outputHelp();
      return 0;
    }
    // `help nosuch` is the unknown command it names: the same error, suggestion and exit 2.
    await program.parseAsync(plan.help && plan.command !== undefined && !entry ? helpless(argv) : argv);
    await showHeldErrors(launch);
    return 0;
  } catch (error) {
    return handleError(error, argv.includes('--debug'), launch);
  }
}

/**
 * Builds the program with `running` defined in full and every other command as a line of the
 * listing; with 'every', every command in full (for the man page and the completion, at build time).
 */
export async function buildProgram(launch: Launch, running?: CommandEntry | 'every'): Promise<Command> {
  const program = new Command('intimacy')
    .description('A shared journal and ritual tracker for couples, kept as plain text in git.')
    .version(pkg.version, '-V, --version', 'print the version')
    .option('-j, --journal <dir>', 'the journal to use (default: $INTIMACY_JOURNAL, then your default journal)')
    .option(
      '--me <name>',
      'who you are, for this one command (default: $INTIMACY_ME, then this clone, then git user.name)',
    )
    .option('--no-color', 'print without colour (also NO_COLOR=1 or TERM=dumb)')
    .option('--no-input', 'never prompt; a missing answer is an error that names the flag to pass')
    .option('--debug', 'show the full details of unexpected errors')
    .configureHelp({ subcommandTerm: listedTerm })
    .addHelpText(
      'after',
      `
Examples:
  intimacy gratitude "the way you laughed at dinner"
  intimacy init ~/our-journal --me Alex --partner Jordan
  intimacy whoami
  intimacy help gratitude

The journal is plain Markdown in a git repository: grep, git log and any editor work on it.`,
    );
  const built = new Map<CommandEntry, Command>();
  for (const entry of running === 'every' ? COMMANDS : running ? [running] : []) {
    built.set(entry, (await entry.load()).command(launch).description(entry.summary));
  }
  for (const entry of COMMANDS) {
    program.addCommand(built.get(entry) ?? listed(entry), { hidden: entry.hidden });
  }
  // The output module (and chalk) loads when a command runs, not for --help or --version.
  program.hook('preAction', async (_root, action) => {
    const { setColorPolicy } = await import('./ui/output.js');
    setColorPolicy({ noColorFlag: action.optsWithGlobals<{ color?: boolean }>().color === false, env: launch.env });
  });
  configureAll(program, launch);
  return program;
}

/** Every command as `--help` shows it (see ui/command-spec.ts): what the man page and the completion are made of. */
export async function describeProgram(launch: Launch): Promise<CommandSpec> {
  return describeCommand(await buildProgram(launch, 'every'));
}

const TERMS = new Map(COMMANDS.map((entry) => [entry.name, entry.term]));

/** How the root help lists a command: from the manifest, the same for a listed and a built one. */
function listedTerm(this: Help, command: Command): string {
  return TERMS.get(command.name()) ?? Help.prototype.subcommandTerm.call(this, command);
}

/** A command that is not running: its name and summary, for the listing and for "Did you mean…?". */
function listed(entry: CommandEntry): Command {
  return new Command(entry.name)
    .description(entry.summary)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new Error(`the ${entry.name} command was not loaded before it ran`);
    });
}

/** Commander copies settings only to commands made with .command(); ours are added whole. */
function configureAll(command: Command, launch: Launch): void {
  command
    .exitOverride()
    .showHelpAfterError('(add --help for usage and examples)')
    // Help and commander's own errors go where the launch says, as everything else does.
    .configureOutput({
      writeOut: (text) => launch.stdout.write(text),
      // Held, then shown through the output module by the error handler (loaded only then).
      writeErr: (text) => heldErrors(launch).push(text),
    });
  for (const sub of command.commands) configureAll(sub, launch);
}

/** The arguments without the word `help`, so commander meets the command it names. */
function helpless(argv: string[]): string[] {
  const at = argv.indexOf('help', 2);
  return at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
}

/** What commander wrote to stderr (its errors quote what was typed), until it is shown. */
const held = new WeakMap<Launch, string[]>();

function heldErrors(launch: Launch): string[] {
  let texts = held.get(launch);
  if (!texts) held.set(launch, (texts = []));
  return texts;
}

/** commander's errors, shown as every message is (controls escaped, very long words cut). */
async function showHeldErrors(launch: Launch): Promise<void> {
  const texts = held.get(launch);
  if (!texts || texts.length === 0) return;
  held.delete(launch);
  const { printCommandLineError } = await import('./ui/output.js');
  printCommandLineError(texts.join(''));
}

/** The one error handler: a line on stderr (a note, or "error: … suggestion") and the exit code. */
async function handleError(error: unknown, debug: boolean, launch: Launch): Promise<number> {
  await showHeldErrors(launch);
  if (error instanceof CommanderError) {
    // Commander has printed the message already; help and --version are not failures.
    const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    return done.includes(error.code) ? 0 : 2;
  }
  // Loaded here, so --help and --version load neither the errors nor the output module (and chalk).
  const [{ IntimacyError }, { errorLine, info, inline, printError }] = await Promise.all([
    import('./errors.js'),
    import('./ui/output.js'),
  ]);
  if (error instanceof IntimacyError) {
    // A file's problem names the file, whose name came from git: shown on one line, escaped.
    const message = errorLine(error);
    if (error.shown === 'error') printError(message, error.suggestion);
    else if (error.shown === 'note') info(message);
    if (debug && error.stack) launch.stderr.write(error.stack + '\n');
    return error.exitCode;
  }
  const code = errnoCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    printError('The disk is full; nothing was written.', 'Free some space and try again.');
    return 1;
  }
  const fix = code === undefined ? undefined : CANNOT_WRITE[code];
  if (error instanceof Error && fix !== undefined) {
    // node's message ends with the call and the path ("EACCES: permission denied, mkdir '/x'"): the path is said apart.
    const refused = 'path' in error && typeof error.path === 'string' ? error.path : undefined;
    // A temp file of a save is named for no one: the folder it was to be made in is what the user knows.
    const { tempFileWriter } = await import('./store/files.js');
    const where =
      refused === undefined
        ? ' there'
        : tempFileWriter(path.basename(refused)) !== undefined
          ? ` in ${inline(path.dirname(refused))}`
          : ` ${inline(refused)}`;
    printError(`Cannot write${where} (${inline(error.message.split(',')[0] ?? '')}).`, fix);
    return 1;
  }
  const message = inline(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  printError(
    `unexpected problem: ${message}.`,
    debug ? 'Please report this.' : 'Please report this (run again with --debug for details).',
  );
  if (debug && error instanceof Error && error.stack) launch.stderr.write(error.stack + '\n');
  return 1;
}

/** What to do when the system refuses a write, by its code. */
const CANNOT_WRITE: Record<string, string> = {
  EACCES: 'Check the folder and its permissions, or choose another with --journal.',
  EPERM: 'Check the folder and its permissions, or choose another with --journal.',
  EROFS: 'That disk is read-only: choose another place, or make it writable.',
  ENOTDIR: 'A part of that path is a file, not a folder: choose another place, or move the file.',
};

/** The code of a system error (ENOSPC, EACCES…), if it is one. */
function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
