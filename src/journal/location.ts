import { lstatSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileProblem, UsageError } from '../errors.js';
import { FILE_LIMITS, readLocalFile } from '../store/safe-file.js';

/*
 * Where the journal is: --journal, then INTIMACY_JOURNAL, then the default recorded by
 * `init DIR` / `clone` in the user's config, then $XDG_DATA_HOME/intimacy/journal.
 * The YAML parser is loaded only when that config file exists: with --journal or
 * INTIMACY_JOURNAL the folder is known at once, and git can be started for it (context.ts).
 */

export interface LocationInputs {
  flag?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type LocationSource = '--journal' | 'INTIMACY_JOURNAL' | 'config' | 'default';

/** Why the config file names no journal; `unwritable`: it is no file, so init cannot write it either. */
export interface ConfigProblem {
  reason: string;
  unwritable: boolean;
}

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME && env.HOME !== '' ? env.HOME : os.homedir();
}

export function configFile(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home(env), '.config');
  return path.join(base, 'intimacy', 'config.yaml');
}

export function defaultJournalDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(home(env), '.local', 'share');
  return path.join(base, 'intimacy', 'journal');
}

/**
 * The journal the config file names; `problem`: the file is there but says nothing intimacy can
 * use. `unwritable`: it is no file at all (a folder, a FIFO), so init and clone cannot write
 * it either.
 */
async function readConfiguredJournal(
  env: NodeJS.ProcessEnv,
): Promise<{ dir?: string; problem?: string; unwritable?: boolean }> {
  const file = configFile(env);
  let text: string | undefined;
  try {
    // Never blocks and never reads a huge file: it is read before every command.
    text = readLocalFile(file, FILE_LIMITS.small);
  } catch (error) {
    // Read only when there is one: a link, a FIFO or a folder there says what it is.
    const reason = error instanceof FileProblem ? error.reason : undefined;
    return {
      problem: reason ? reason.replace(/\.$/, '') : 'it cannot be read',
      unwritable: !/too big|bigger/.test(reason ?? ''),
    };
  }
  if (text === undefined) {
    // A link to nothing (its file moved away) names no journal either: it is not "no config".
    const dangling = lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink();
    return dangling ? { problem: 'a link to a file that is not there' } : {};
  }
  const { journalIn } = await import('./location-file.js');
  return journalIn(text);
}

/** The longest name of one folder, and of a whole path, that file systems take (NAME_MAX, PATH_MAX). */
const LONGEST_NAME = 255;
const LONGEST_PATH = 4095;

/**
 * The journal folder a user names (--journal, INTIMACY_JOURNAL, init's or clone's DIR), from
 * `cwd`. A folder no file system can hold is refused here, by what names it, rather than met as
 * an error of the first file opened in it.
 */
export function journalFolderAt(cwd: string, given: string, namedBy: string): string {
  const dir = path.resolve(cwd, given);
  const longName = dir.split(path.sep).some((part) => Buffer.byteLength(part) > LONGEST_NAME);
  if (longName || Buffer.byteLength(dir) > LONGEST_PATH) {
    const shown = given.length > 80 ? `${given.slice(0, 60)}…` : given;
    throw new UsageError(
      `${namedBy} names a folder too long to exist (${shown}): a folder's name may be at most ${LONGEST_NAME} bytes and a path ${LONGEST_PATH}.`,
      'Give the path of the journal folder, e.g. ~/our-journal.',
    );
  }
  return dir;
}

/**
 * `configProblem`: the config file is there and cannot say which journal (broken YAML, no
 * folder): the default is only a guess, which a command must not write to (commandContext).
 */
export async function resolveJournalDir(
  inputs: LocationInputs,
): Promise<{ dir: string; source: LocationSource; configProblem?: ConfigProblem }> {
  if (inputs.flag) return { dir: journalFolderAt(inputs.cwd, inputs.flag, '--journal'), source: '--journal' };
  const fromEnv = inputs.env.INTIMACY_JOURNAL;
  if (fromEnv) return { dir: journalFolderAt(inputs.cwd, fromEnv, 'INTIMACY_JOURNAL'), source: 'INTIMACY_JOURNAL' };
  const configured = await readConfiguredJournal(inputs.env);
  if (configured.dir) return { dir: configured.dir, source: 'config' };
  return {
    dir: defaultJournalDir(inputs.env),
    source: 'default',
    ...(configured.problem
      ? { configProblem: { reason: configured.problem, unwritable: configured.unwritable === true } }
      : {}),
  };
}
