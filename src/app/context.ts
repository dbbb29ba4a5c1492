import type { Git } from '../git/git.js';
import type { JournalContext } from '../journal/journal.js';
import type { LocationSource } from '../journal/location.js';
import type { JournalLook } from '../store/worktree-check.js';

/**
 * What a command knows before it does anything (made by commands/context.ts from the global
 * options and the launch): where the journal is and where that came from, its git, who is
 * asking, the environment, the clock, and whether it may ask questions.
 */
export interface CommandContext extends JournalContext {
  git: Git;
  journalSource: LocationSource;
  /** the folder the command was started in */
  cwd: string;
  /** where piped input (a note, answers, a key) is read from */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** git's look at the journal's files, when the command asked for it to start early (see the manifest) */
  look?: Promise<JournalLook>;
  /** sync's first look for files left uncommitted, when started early (see the manifest) */
  leftovers?: Promise<string[]>;
  /** false under --no-input or without a terminal: a missing answer is an error instead of a prompt */
  mayPrompt: boolean;
}
