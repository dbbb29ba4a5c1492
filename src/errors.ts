/**
 * Every error intimacy throws on purpose. Each says what happened in words a person reads and,
 * where there is one, what to do (`suggestion`), and carries the exit code the one handler
 * (program.ts) ends with. `shown` says how the handler prints it: 'error' as
 * "error: MESSAGE SUGGESTION" on stderr, 'note' as the message alone (a result rather than a
 * fault: grep found nothing), 'silent' not at all. Anything else that reaches the handler is a
 * bug, reported as "unexpected problem … please report".
 */
export abstract class IntimacyError extends Error {
  abstract readonly exitCode: number;
  readonly shown: 'error' | 'note' | 'silent' = 'error';

  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad arguments or input: the user can fix the command line. Exit code 2. */
export class UsageError extends IntimacyError {
  readonly exitCode = 2;
}

/** Something the user can act on (missing journal, unreachable remote…). Exit code 1 unless given. */
export class UserError extends IntimacyError {
  readonly exitCode: number;
  constructor(message: string, suggestion?: string, exitCode = 1) {
    super(message, suggestion);
    this.exitCode = exitCode;
  }
}

/** A search pattern that is not a regular expression; the message quotes it. */
export class PatternError extends UsageError {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(
      `"${pattern}" is not a valid regular expression (${reason}).`,
      'Fix the pattern, or pass -F to search for the text as it is.',
    );
  }
}

/** A command that worked but found nothing, like grep: exit 1, with a note for a person (none for a script). */
export class NothingFound extends IntimacyError {
  readonly exitCode = 1;
  override readonly shown: 'note' | 'silent';
  constructor(note: string | undefined) {
    super(note ?? '');
    this.shown = note === undefined ? 'silent' : 'note';
  }
}

/** A failure that must not print (a shell prompt's status): exit 1, and nothing on the screen. */
export class SilentFailure extends IntimacyError {
  readonly exitCode = 1;
  override readonly shown = 'silent';
  constructor() {
    super('');
  }
}

/** The user kept things as they were (an edit that did not read as an entry): exit 1, and a note saying so. */
export class KeptAsItWas extends IntimacyError {
  readonly exitCode = 1;
  override readonly shown = 'note';
}

/** Ctrl-C in a prompt. Exit 130, with what the user should know on the way out. */
export class PromptCancelled extends IntimacyError {
  readonly exitCode = 130;
  override readonly shown = 'note';
  constructor(note = 'Cancelled; nothing was saved.') {
    super(note);
  }
}

/**
 * A write that would leave the journal (a link, `..`) or land on something that is not a file
 * or folder of it (a pipe, a device, a file where a folder belongs): nothing is written. The
 * advice fits what stands there: a link is removed, anything else moved out of the way.
 */
export class JournalPathError extends IntimacyError {
  readonly exitCode = 1;
  constructor(
    readonly reason: string,
    fix = 'Remove the link or move the journal.',
  ) {
    super(`${reason}; nothing was written.`, fix);
  }
}

/** A write's folder or file of the journal that is something else: a pipe, a device, a file where a folder belongs. */
export function notInItsPlace(relPath: string, what: string, belongs: 'a folder' | 'a file'): JournalPathError {
  return new JournalPathError(
    `${relPath} is ${what}, not ${belongs}`,
    `Move ${relPath} out of the way (intimacy needs ${belongs} there), then run the command again.`,
  );
}

/**
 * A file in (or given to) the journal that intimacy will not use as it is: a link, a named pipe
 * or a folder where a file belongs, too big, not UTF-8, YAML past its limits. It is that file's
 * problem, not a bug: the message names the file (as the user knows it) and what is wrong.
 */
export class FileProblem extends IntimacyError {
  readonly exitCode = 1;
  constructor(
    readonly file: string,
    readonly reason: string,
    suggestion?: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}.`.replace(/\.\.$/, '.'), suggestion);
  }
}

/** Text given to intimacy (on stdin, in an answers file, as an entry) past what it takes: nothing is saved. */
export class InputTooBig extends UsageError {
  constructor(
    what: string,
    readonly maxBytes: number,
  ) {
    super(
      `${what} is bigger than ${Math.floor(maxBytes / 1024)} KiB, the most intimacy takes; nothing was saved.`,
      'Make it shorter, or split it into several entries.',
    );
  }
}

/** A file that is not a well-formed entry; names the file and the line. */
export class EntryFormatError extends FileProblem {
  constructor(file: string, line: number | undefined, reason: string) {
    super(file, reason, undefined, line);
    // Read back as "FILE:LINE: reason" in listings of skipped files, which add their own stop.
    this.message = `${file}${line ? `:${line}` : ''}: ${reason}`;
  }
}

/** A local git step that must succeed did not; carries git's own first line. */
export class GitStepError extends IntimacyError {
  readonly exitCode = 1;
  constructor(
    readonly step: string,
    readonly detail: string,
  ) {
    super(
      `${step} failed: ${detail.replace(/\.$/, '')}.`,
      'Your entries are safe on disk; git status in the journal shows what git sees.',
    );
  }
}

/**
 * `git config --list` failed twice running: who "I" am (intimacy.me, user.name) is then unknown,
 * and guessing it from the login name could write, or open sealed answers, as someone else.
 */
export class GitConfigUnreadable extends UserError {
  constructor(readonly detail: string) {
    super(
      `git's configuration could not be read (${detail.replace(/\.$/, '')}), so intimacy cannot tell who you are; nothing was written.`,
      'Fix the file git names (git config --list shows the same error), then run the command again.',
    );
  }
}

/** What to do when the journal's .git is damaged or gone (the entries on disk are the journal's). */
export const REPOSITORY_BACK =
  'Put .git back from a backup, or clone the journal again (intimacy clone URL) and copy over the files under entries/ that were not shared yet.';

/**
 * The journal's folder has a .git that git cannot open as a repository (its HEAD, objects or
 * refs damaged): every command stops, rather than take who "I" am from elsewhere, or a
 * repository above the journal's folder for the journal's.
 */
export class GitRepositoryDamaged extends UserError {
  constructor(
    readonly gitDir: string,
    readonly detail: string,
  ) {
    super(
      `The journal's git repository (${gitDir}) is damaged: git cannot open it (${detail.replace(/\.$/, '')}).`,
      REPOSITORY_BACK,
    );
  }
}

/**
 * git will not open the journal's repository because another user of this computer owns it
 * (git's safe.directory check): not damage, so not a backup's or a new clone's to mend.
 */
export class GitRepositoryNotOwned extends UserError {
  constructor(readonly dir: string) {
    super(
      `git will not open the journal's repository at ${dir}: it belongs to another user of this computer (git's safe.directory check).`,
      `If the journal is yours, give it back to your user (chown -R), or tell git it is safe: git config --global --add safe.directory ${dir}`,
    );
  }
}

/** There is no git to run (not installed, or not on PATH): intimacy keeps the journal with it. */
export class GitMissing extends UserError {
  constructor() {
    super(
      'git is not installed (or not on PATH), and intimacy keeps the journal with it; nothing was written.',
      'Install git 2.28 or later, then run the command again.',
    );
  }
}

/** git refused to commit; the files are on disk and a later command commits them. */
export class CommitFailedError extends IntimacyError {
  readonly exitCode = 1;
  constructor(
    readonly reason: string,
    message = `git could not commit (${reason}).`,
    suggestion = 'The files are saved; the next intimacy command commits them, or run git status in the journal.',
  ) {
    super(message, suggestion);
  }
}

/** An encrypted file that cannot be decrypted here: another key, a newer format, or changed on the way. */
export class DecryptError extends IntimacyError {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly reason: 'wrong-key' | 'tampered' | 'not-encrypted' | 'version',
  ) {
    super(message);
  }
}

/** An exported key that does not open with this passphrase. */
export class UnwrapError extends IntimacyError {
  readonly exitCode = 1;
}

/** The git filter will not pass a file on (plain text where ciphertext belongs, or ciphertext it cannot open). */
export class FilterRefusal extends IntimacyError {
  readonly exitCode = 1;
}

/** What git's callbacks (filter, pre-push hook) print for git to relay: "intimacy: …", exit 1. */
export class FilterFailure extends IntimacyError {
  readonly exitCode = 1;
  override readonly shown = 'note';
  constructor(reason: string) {
    super(`intimacy: ${reason}`);
  }
}

/**
 * The one way a validator's finding becomes a usage error. Validators (validatePersonName,
 * validateTags, parseCadence…) return what is wrong as a phrase, or nothing; `invalid` makes it
 * the error, as a sentence with an example of what would do, and `refuseInvalid` throws it when
 * there is one.
 */
export function invalid(problem: string, suggestion?: string): UsageError {
  return new UsageError(/[.!?]$/.test(problem) ? problem : `${problem}.`, suggestion);
}

export function refuseInvalid(problem: string | undefined, suggestion?: string): void {
  if (problem !== undefined) throw invalid(problem, suggestion);
}
