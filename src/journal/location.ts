import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { writeFileAtomic } from './store.js';

/**
 * Where the journal is: --journal, then INTIMACY_JOURNAL, then the default recorded by
 * `init DIR` / `clone` in the user's config, then $XDG_DATA_HOME/intimacy/journal.
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
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home(env), '.config');
  return path.join(base, 'intimacy', 'config.yaml');
}

export function defaultJournalDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home(env), '.local', 'share');
  return path.join(base, 'intimacy', 'journal');
}

function readConfiguredJournal(env: NodeJS.ProcessEnv): string | undefined {
  let text: string;
  try {
    text = readFileSync(configFile(env), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = parseYaml(text) as { journal?: unknown } | null;
    return typeof data?.journal === 'string' && path.isAbsolute(data.journal) ? data.journal : undefined;
  } catch {
    return undefined; // a broken config must not stop journaling; the default applies
  }
}

export function resolveJournalDir(inputs: LocationInputs): { dir: string; source: LocationSource } {
  if (inputs.flag) return { dir: path.resolve(inputs.cwd, inputs.flag), source: '--journal' };
  const fromEnv = inputs.env.INTIMACY_JOURNAL;
  if (fromEnv) return { dir: path.resolve(inputs.cwd, fromEnv), source: 'INTIMACY_JOURNAL' };
  const configured = readConfiguredJournal(inputs.env);
  if (configured) return { dir: configured, source: 'config' };
  return { dir: defaultJournalDir(inputs.env), source: 'default' };
}

/** Makes `dir` the journal that commands use when neither --journal nor INTIMACY_JOURNAL is given. */
export async function rememberDefaultJournal(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = configFile(env);
  let data: Record<string, unknown> = {};
  try {
    const parsed = parseYaml(readFileSync(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    /* missing or unreadable: start afresh */
  }
  data.journal = dir;
  await writeFileAtomic(file, '# intimacy: settings of this computer\n' + stringifyYaml(data));
}
