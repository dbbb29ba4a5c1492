import path from 'node:path';
import { parseDocument, stringify as stringifyYaml } from 'yaml';
import { UserError } from '../errors.js';
import { readTextIfExists } from '../store/files.js';
import { SETTINGS_FILE } from '../store/layout.js';

/** intimacy.yaml (SETTINGS_FILE): the shared settings, committed and seen by both partners. */
export const FORMAT_VERSION = 1;

export interface Settings {
  version: number;
  partners: string[];
  /** everything else (rituals, week start…), kept as written */
  extra: Record<string, unknown>;
}

export function newSettingsText(partners: string[]): string {
  const header = '# intimacy journal settings, shared by both partners through git.\n';
  return (
    header +
    stringifyYaml({ version: FORMAT_VERSION, partners }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })
  );
}

export function parseSettings(text: string, file = SETTINGS_FILE): Settings {
  const doc = parseDocument(text);
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    throw new UserError(
      `${file}${line ? `:${line}` : ''} is not valid YAML (${problem.message.split('\n')[0]}).`,
      'Fix the file by hand or restore it with git.',
    );
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${file} must be a YAML mapping of settings.`, 'Fix the file by hand or restore it with git.');
  }
  const { version, partners, ...extra } = data as Record<string, unknown>;
  if (typeof version !== 'number') throw new UserError(`${file} has no format "version".`, 'Add "version: 1" to it.');
  if (version > FORMAT_VERSION) {
    throw new UserError(
      `${file} uses format version ${version}, newer than this intimacy understands (${FORMAT_VERSION}).`,
      'Update intimacy.',
    );
  }
  const names = Array.isArray(partners) ? partners.filter((p): p is string => typeof p === 'string') : [];
  return { version, partners: names, extra };
}

export async function readSettings(journalDir: string): Promise<Settings | undefined> {
  const file = path.join(journalDir, SETTINGS_FILE);
  const text = await readTextIfExists(file);
  return text === undefined ? undefined : parseSettings(text, file);
}
