import type { Command } from 'commander';
import type { CommandContext } from '../app/context.js';
import { clockFrom, FIXED_NOW_VARIABLE } from '../clock.js';
import { refuseInvalid, UsageError, UserError } from '../errors.js';
import { Git } from '../git/git.js';
import { validatePersonName } from '../journal/identity.js';
import { type ConfigProblem, configFile, type LocationSource, resolveJournalDir } from '../journal/location.js';
import { mayPrompt } from '../prompts/policy.js';
import type { JournalLook } from '../store/worktree-check.js';
import type { ResultOutput } from '../ui/screen.js';

/**
 * What the program is started with (cli.ts reads it from the process, once): the environment,
 * the working folder, the standard streams. Commands take everything they need of the process
 * from here.
 */
export interface Launch {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: ResultOutput;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** the journal looked for, and its git started, before the command's own module loaded */
  early?: EarlyJournal;
}

/** The journal folder as found for a --journal value, with its git already reading the config. */
export interface EarlyJournal {
  flag: string | undefined;
  found: Promise<FoundJournal>;
  /**
   * Settled once git has been started for it (the config read, the look at the files; never
   * rejects): the program waits for this before it loads the command's modules, which would
   * otherwise run first and leave git to start only after them.
   */
  started: Promise<void>;
}

interface FoundJournal {
  dir: string;
  source: LocationSource;
  /** the config file that names the journal is there and cannot be read (location.ts) */
  configProblem?: ConfigProblem;
  git: Git;
  /** settled once the early looks have started */
  started?: Promise<unknown>;
  /** git's look at the journal's files, for the commands that start it early (see the manifest) */
  look?: Promise<JournalLook>;
  /** sync's first look for files left uncommitted, started early (see the manifest) */
  leftovers?: Promise<string[]>;
}

/** What a command starts early beside the config read (see the manifest). */
export interface EarlyLooks {
  look: boolean;
  leftovers: boolean;
}

/** The global options every command sees (declared once, in program.ts). */
export interface GlobalOptions {
  journal?: string;
  me?: string;
  color: boolean;
  input: boolean;
  debug?: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

function findJournal(
  launch: Launch,
  flag: string | undefined,
  early: EarlyLooks = { look: false, leftovers: false },
): Promise<FoundJournal> {
  return resolveJournalDir({ flag, env: launch.env, cwd: launch.cwd }).then(({ dir, source, configProblem }) => {
    // Nearly every command on an existing journal reads git's config first: git starts now.
    const git = Git.startedAt(dir, launch.env);
    // Lazy: only status and stats look, and every other command would load it for nothing.
    const lookModule = early.look ? import('../store/worktree-check.js') : undefined;
    const looking = lookModule?.then((m) => m.lookAtJournal(git));
    // Only a hint (sync looks again under the journal lock when it finds anything): never rejects.
    const leftoversModule = early.leftovers && git.isRepository() ? import('../store/save.js') : undefined;
    const leftovers = leftoversModule?.then((m) => m.uncommittedContent({ dir, git }));
    leftovers?.catch(() => undefined); // met again, and judged, by sync
    // Each module resolves, and its callback above starts git, before this is settled.
    const started = lookModule || leftoversModule ? Promise.all([lookModule, leftoversModule]) : undefined;
    return {
      dir,
      source,
      ...(configProblem ? { configProblem } : {}),
      git,
      ...(started ? { started } : {}),
      ...(looking ? { look: looking } : {}),
      ...(leftovers ? { leftovers } : {}),
    };
  });
}

/**
 * Finds the journal for `--journal FLAG` (or the environment, or the default) as soon as the
 * program knows which command runs, so git reads the config while node loads the command.
 */
export function findJournalEarly(launch: Launch, flag: string | undefined, early: EarlyLooks): EarlyJournal {
  const found = findJournal(launch, flag, early);
  found.catch(() => undefined); // met again, and reported, by commandContext
  const started = found
    .then((journal) => journal.started)
    .then(
      () => undefined,
      () => undefined,
    );
  return { flag, found, started };
}

/**
 * Validates the global options up front and resolves where and who, before any work starts.
 * `choosesFolder`: the command names its own folder (init DIR, clone), so a broken config file
 * (which it rewrites) does not stop it.
 */
export async function commandContext(
  command: Command,
  launch: Launch,
  { choosesFolder = false }: { choosesFolder?: boolean } = {},
): Promise<CommandContext> {
  const options = globalOptions(command);
  // The one place that reads the clock's setting; everything after is handed ctx.now.
  const now = clockFrom(launch.env[FIXED_NOW_VARIABLE]);
  if (options.me !== undefined) {
    refuseInvalid(validatePersonName(options.me, '--me'), 'For example: --me Alex');
  }
  if (options.journal !== undefined && options.journal.trim() === '')
    throw new UsageError('--journal needs a folder.', 'For example: --journal ~/our-journal');
  const early = launch.early?.flag === options.journal ? launch.early : undefined;
  const { dir, source, git, look, leftovers, configProblem } = await (early?.found ??
    findJournal(launch, options.journal));
  // The journal a broken config names is unknown: the default place would be a guess, and a
  // write there would start a second journal the partner never sees.
  if (configProblem?.unwritable)
    throw new UserError(
      `${configFile(launch.env)} cannot be used (${configProblem.reason}): intimacy keeps the journal you use there, so nothing was done.`,
      'Move that away (a file of that name is written in its place), or give --journal DIR.',
    );
  if (configProblem && !choosesFolder)
    throw new UserError(
      `${configFile(launch.env)} cannot be used (${configProblem.reason}): which journal is yours is not known, so nothing was done.`,
      'Point it at your journal with intimacy init DIR (or fix it by hand: journal: /path/to/your-journal), or give --journal DIR.',
    );
  return {
    dir,
    journalSource: source,
    git,
    look,
    leftovers,
    cwd: launch.cwd,
    // Looked at only when asked for: node makes process.stdin, a stream, on first use, and most
    // commands read nothing from it.
    get stdin() {
      return launch.stdin;
    },
    meFlag: options.me?.trim(),
    env: launch.env,
    now,
    get mayPrompt() {
      // stdin only when the screen is a terminal: node makes process.stdin, a stream, when first asked for.
      const stdin = {
        get isTTY() {
          return launch.stdin.isTTY;
        },
      };
      return mayPrompt(options.input, stdin, launch.stdout);
    },
  };
}

/** For --tag: collects repeated options into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Shared help footer, so every command shows examples the same way. */
export function examples(lines: string[]): string {
  return '\nExamples:\n' + lines.map((line) => `  ${line}`).join('\n') + '\n';
}

/**
 * A group of commands given a first word that is none of them (`intimacy remote sett`,
 * `intimacy templates shwo`): the same "unknown command 'sett' (Did you mean set?)" as the
 * program's own commands, where commander, for a group that lists something by itself, said
 * "too many arguments". Call it from the group's own action (which then allows excess
 * arguments) or from its preSubcommand hook. commander makes that error in a method it keeps
 * to itself; tests/integration/seams.test.ts checks the words.
 */
export function refuseUnknownSubcommand(group: Command): void {
  const word = group.args[0];
  if (word === undefined || group.commands.some((sub) => sub.name() === word || sub.aliases().includes(word))) return;
  (group as unknown as { unknownCommand(): never }).unknownCommand();
}
