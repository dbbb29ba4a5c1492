import path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { parseBoundedYaml, YAML_LIMITS } from '../store/bounded-yaml.js';
import { writeFileAtomic } from '../store/files.js';
import { FILE_LIMITS, readLocalFile } from '../store/safe-file.js';
import { configFile } from './location.js';

/**
 * The user's own config file (~/.config/intimacy/config.yaml), read and written with the YAML
 * parser; kept apart from location.ts so that finding the journal loads YAML only when this
 * file exists.
 */

/** The default journal the config file names, if it names a usable one. */
export function journalIn(text: string): string | undefined {
  // A broken config must not stop journaling; the default applies.
  const parsed = parseBoundedYaml(text, YAML_LIMITS.config);
  const data = parsed.ok ? (parsed.data as { journal?: unknown } | null) : undefined;
  return typeof data?.journal === 'string' && path.isAbsolute(data.journal) ? data.journal : undefined;
}

/** Makes `dir` the journal that commands use when neither --journal nor INTIMACY_JOURNAL is given. */
export async function rememberDefaultJournal(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = configFile(env);
  let data: Record<string, unknown> = {};
  try {
    const text = readLocalFile(file, FILE_LIMITS.small);
    const parsed = text === undefined ? undefined : parseBoundedYaml(text, YAML_LIMITS.config);
    const value = parsed?.ok ? parsed.data : undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
  } catch {
    /* unreadable: start afresh */
  }
  data.journal = dir;
  await writeFileAtomic(file, '# intimacy: settings of this computer\n' + stringifyYaml(data));
}
