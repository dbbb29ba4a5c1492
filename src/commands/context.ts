import type { Command } from 'commander';
import { clockFrom, FIXED_NOW_VARIABLE } from '../clock.js';
import { UsageError } from '../errors.js';
import type { Git } from '../git/git.js';
import { validatePersonName } from '../journal/identity.js';
import type { JournalContext } from '../journal/journal.js';
import type { LocationSource } from '../journal/location.js';

/** The global options every command sees (declared once, in cli.ts). */
export interface GlobalOptions {
  journal?: string;
  me?: string;
  color: boolean;
  input: boolean;
  debug?: boolean;
}

export interface CommandContext extends JournalContext {
  git: Git;
  journalSource: LocationSource;
  /** false under --no-input: a missing answer is an error instead of a prompt */
  mayPrompt: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Validates the global options up front and resolves where and who, before any work starts. */
export async function commandContext(command: Command, env: NodeJS.ProcessEnv = process.env): Promise<CommandContext> {
  const options = globalOptions(command);
  // The one place that reads the clock's setting; everything after is handed ctx.now.
  const now = clockFrom(env[FIXED_NOW_VARIABLE]);
  if (options.me !== undefined) {
    const problem = validatePersonName(options.me, '--me');
    if (problem) throw new UsageError(problem + '.', 'For example: --me Alex');
  }
  if (options.journal !== undefined && options.journal.trim() === '')
    throw new UsageError('--journal needs a folder.', 'For example: --journal ~/our-journal');
  // Loaded here, not at start-up, so --help loads neither. Nothing else is loading yet, so
  // git below starts at once (behind other imports it would wait for all of them).
  const [{ resolveJournalDir }, { Git }] = await Promise.all([
    import('../journal/location.js'),
    import('../git/git.js'),
  ]);
  const { dir, source } = await resolveJournalDir({ flag: options.journal, env, cwd: process.cwd() });
  return {
    dir,
    // Nearly every command on an existing journal reads git's config first: git starts now, so
    // it runs while the command's own modules load.
    git: Git.startedAt(dir, env),
    journalSource: source,
    meFlag: options.me?.trim(),
    env,
    now,
    mayPrompt: options.input !== false && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY),
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
