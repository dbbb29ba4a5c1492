/** Bad arguments or input: the user can fix the command line. Exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Something the user can act on (missing journal, unreachable remote…). Exit code 1. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(
    message: string,
    readonly suggestion?: string,
    exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

export function isKnownError(error: unknown): error is UsageError | UserError {
  return error instanceof UsageError || error instanceof UserError;
}

/** A local git step that must succeed did not; carries git's own first line. */
export class GitStepError extends Error {
  constructor(
    readonly step: string,
    readonly detail: string,
  ) {
    super(`${step}: ${detail}`);
    this.name = 'GitStepError';
  }
}

/** git refused to commit; the files are on disk and will be committed by a later command. */
export class CommitFailedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CommitFailedError';
  }
}
