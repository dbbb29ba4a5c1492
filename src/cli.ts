import { Command, CommanderError } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { checkinCommand } from './commands/checkin.js';
import { cloneCommand } from './commands/clone.js';
import { dateCommand } from './commands/date.js';
import { draftsCommand } from './commands/drafts.js';
import { editCommand } from './commands/edit.js';
import { encryptCommand } from './commands/encrypt.js';
import { exportCommand } from './commands/export.js';
import { filterCommand } from './commands/filter.js';
import { gratitudeCommand } from './commands/gratitude.js';
import { grepCommand } from './commands/grep.js';
import { initCommand } from './commands/init.js';
import { logCommand } from './commands/log.js';
import { newCommand } from './commands/new.js';
import { remoteCommand } from './commands/remote.js';
import { repairCommand } from './commands/repair.js';
import { ritualsCommand } from './commands/rituals.js';
import { showCommand } from './commands/show.js';
import { skipCommand } from './commands/skip.js';
import { statsCommand } from './commands/stats.js';
import { statusCommand } from './commands/status.js';
import { syncCommand } from './commands/sync.js';
import { templatesCommand } from './commands/templates.js';
import { whoamiCommand } from './commands/whoami.js';
import { isKnownError } from './errors.js';

/** Wires the program: global options, commands, and the one error handler. */
function buildProgram(): Command {
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

  for (const command of [
    initCommand(),
    cloneCommand(),
    gratitudeCommand(),
    checkinCommand(),
    repairCommand(),
    dateCommand(),
    newCommand(),
    templatesCommand(),
    draftsCommand(),
    statusCommand(),
    statsCommand(),
    ritualsCommand(),
    skipCommand(),
    syncCommand(),
    remoteCommand(),
    encryptCommand(),
    whoamiCommand(),
    logCommand(),
    showCommand(),
    grepCommand(),
    editCommand(),
    exportCommand(),
  ])
    program.addCommand(command);

  // Called by git, not by people: registered without a place in the help.
  program.addCommand(filterCommand(), { hidden: true });

  // The output module (and chalk) loads when a command runs, not for --help or --version.
  program.hook('preAction', async (_root, action) => {
    const { setColorPolicy } = await import('./ui/output.js');
    setColorPolicy({ noColorFlag: action.optsWithGlobals<{ color?: boolean }>().color === false });
  });
  configureAll(program);
  return program;
}

/** Commander copies settings only to commands made with .command(); ours are added whole. */
function configureAll(command: Command): void {
  command.exitOverride().showHelpAfterError('(add --help for usage and examples)');
  for (const sub of command.commands) configureAll(sub);
}

async function handleError(error: unknown, debug: boolean): Promise<number> {
  if (error instanceof CommanderError) {
    // Commander has printed the message already; help and --version are not failures.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return 0;
    return 2;
  }
  const { printError } = await import('./ui/output.js');
  if (isKnownError(error)) {
    printError(error.message, error.suggestion);
    if (debug && error.stack) process.stderr.write(error.stack + '\n');
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'JournalPathError') {
    printError(`${error.message}; nothing was written.`, 'Remove the link or move the journal.');
    return 1;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    printError('The disk is full; nothing was written.', 'Free some space and try again.');
    return 1;
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    printError(
      `Cannot write there (${(error as Error).message.split(',')[0]}).`,
      'Check the folder and its permissions, or choose another with --journal.',
    );
    return 1;
  }
  if (error instanceof Error && error.name === 'PromptCancelled') {
    process.stderr.write(((error as { note?: string }).note ?? 'Cancelled; nothing was saved.') + '\n');
    return 130;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  printError(
    `unexpected problem: ${message}.`,
    debug ? 'Please report this.' : 'Please report this (run again with --debug for details).',
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  return 1;
}

async function main(argv: string[]): Promise<void> {
  // `intimacy log | head`: once the reader has gone, stop quietly, as other Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = await handleError(error, argv.includes('--debug'));
  }
}

await main(process.argv);
