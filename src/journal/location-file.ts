import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { writeFileAtomic } from '../store/files.js';
import { configFile } from './location.js';

/**
 * The user's own config file (~/.config/intimacy/config.yaml), read and written with the YAML
 * parser; kept apart from location.ts so that finding the journal loads YAML only when this
 * file exists.
 */

/** The default journal the config file names, if it names a usable one. */
export function journalIn(text: string): string | undefined {
  try {
    const data = parseYaml(text) as { journal?: unknown } | null;
    return typeof data?.journal === 'string' && path.isAbsolute(data.journal) ? data.journal : undefined;
  } catch {
    return undefined; // a broken config must not stop journaling; the default applies
  }
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
