import os from 'node:os';
import path from 'node:path';
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

async function readConfiguredJournal(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  let text: string | undefined;
  try {
    // Never blocks and never reads a huge file: it is read before every command.
    text = readLocalFile(configFile(env), FILE_LIMITS.small);
  } catch {
    return undefined; // not a readable file: the default applies
  }
  if (text === undefined) return undefined;
  const { journalIn } = await import('./location-file.js');
  return journalIn(text);
}

export async function resolveJournalDir(inputs: LocationInputs): Promise<{ dir: string; source: LocationSource }> {
  if (inputs.flag) return { dir: path.resolve(inputs.cwd, inputs.flag), source: '--journal' };
  const fromEnv = inputs.env.INTIMACY_JOURNAL;
  if (fromEnv) return { dir: path.resolve(inputs.cwd, fromEnv), source: 'INTIMACY_JOURNAL' };
  const configured = await readConfiguredJournal(inputs.env);
  if (configured) return { dir: configured, source: 'config' };
  return { dir: defaultJournalDir(inputs.env), source: 'default' };
}
