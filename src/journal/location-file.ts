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

/**
 * The default journal the config file names, or what is wrong with it. A file that names none
 * (empty, comments only, no `journal:`) leaves the default in place.
 */
export function journalIn(text: string): { dir?: string; problem?: string } {
  const parsed = parseBoundedYaml(text, YAML_LIMITS.config);
  if (!parsed.ok) return { problem: `${parsed.line ? `line ${parsed.line}: ` : ''}${parsed.reason}` };
  const data = parsed.data;
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) return { problem: 'it is not a mapping of settings' };
  const journal = (data as { journal?: unknown }).journal;
  if (journal === undefined || journal === null) return {};
  if (typeof journal !== 'string' || !path.isAbsolute(journal))
    return { problem: 'its journal: is not the absolute path of a folder' };
  return { dir: journal };
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
