import { stringify as stringifyYaml } from 'yaml';
import { FileProblem, UserError } from '../errors.js';
import { pushAll } from '../many.js';
import type { People } from '../store/authors.js';
import { type BoundedYaml, parseBoundedYaml, YAML_LIMITS } from '../store/bounded-yaml.js';
import { hasControl, unsafeCharactersWords, unsafeCharacterWords } from '../store/control-chars.js';
import { writeCacheFile } from '../store/files.js';
import { SETTINGS_FILE, STATE_DIR } from '../store/layout.js';
import { lookAlikeLetter, lookAlikesEscaped, readsAsOneOf } from '../store/look-alike.js';
import { FILE_LIMITS, readJournalText } from '../store/safe-file.js';
import { quoted } from '../unsafe-chars.js';

/** intimacy.yaml (SETTINGS_FILE): the shared settings, committed and seen by both partners. */
export const FORMAT_VERSION = 1;

export interface Settings extends People {
  version: number;
  /** the two of you, as you want to be named */
  partners: string[];
  /** names a partner was known by before a rename (old → partner): entries by them count as the partner's */
  aliases: Record<string, string>;
  /** everything else (rituals, week start…), kept as written */
  extra: Record<string, unknown>;
  /** names left out of `partners` and `aliases` because they hold a control character (a newline, an escape), as written */
  refused?: string[];
}

export function newSettingsText(partners: string[]): string {
  const header = '# intimacy journal settings, shared by both partners through git.\n';
  return (
    header +
    stringifyYaml({ version: FORMAT_VERSION, partners }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })
  );
}

// `git checkout` puts back the committed file, which is the broken one when a sync brought it.
const FIX =
  "Fix it by hand, or put back the committed one (git checkout -- intimacy.yaml); if it came with your partner's changes, their fix comes with your next intimacy sync.";

export function parseSettings(text: string, file = SETTINGS_FILE): Settings {
  return settingsFrom(settingsDocument(text, file).data, file);
}

/** The settings and the YAML they were read from (to be changed and written again), parsed once. */
export function settingsWithDocument(
  text: string,
  file = SETTINGS_FILE,
): BoundedYaml & { ok: true; settings: Settings } {
  const parsed = settingsDocument(text, file);
  return { ...parsed, settings: settingsFrom(parsed.data, file) };
}

/** intimacy.yaml's YAML, read within the limits (bounded-yaml.ts); a file past them is refused by name. */
export function settingsDocument(text: string, file = SETTINGS_FILE): BoundedYaml & { ok: true } {
  const parsed = parseBoundedYaml(text, YAML_LIMITS.settings);
  if (!parsed.ok) throw new FileProblem(file, parsed.reason, FIX, parsed.line);
  return parsed;
}

function settingsFrom(data: unknown, file: string): Settings {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${file} must be a YAML mapping of settings.`, FIX);
  }
  const { version, partners, aliases, ...extra } = data as Record<string, unknown>;
  if (typeof version !== 'number') throw new UserError(`${file} has no format "version".`, 'Add "version: 1" to it.');
  if (version > FORMAT_VERSION) {
    throw new UserError(
      `${file} uses format version ${version}, newer than this intimacy understands (${FORMAT_VERSION}).`,
      'Update intimacy.',
    );
  }
  // A name is shown on one line everywhere: one holding a newline or an escape sequence is no
  // name. It is left out, and kept as `refused` so that partners and doctor can name it.
  const refused: string[] = [];
  const shown = Array.isArray(partners)
    ? partners.filter((p): p is string => {
        if (typeof p !== 'string') return false;
        const named = !hasControl(p);
        if (!named) refused.push(p);
        return named;
      })
    : [];
  // Nor is one that reads as the other partner's, spelled with other letters ("Аlex" beside Alex).
  const alike = shown.filter((p) => lookAlikeLetter(p) !== undefined && readsAsOneOf(p, shown) !== undefined);
  pushAll(refused, alike);
  const names = shown.filter((p) => !alike.includes(p));
  return {
    version,
    partners: names,
    aliases: aliasesOf(aliases, refused),
    extra,
    ...(refused.length > 0 ? { refused } : {}),
  };
}

/** `aliases:` as written: a mapping of old names to partners; anything else in it is ignored. */
function aliasesOf(value: unknown, refused: string[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return aliases;
  for (const [old, now] of Object.entries(value as Record<string, unknown>)) {
    if (typeof now !== 'string' || now.trim() === '' || old.trim() === '') continue;
    if (hasControl(old + now)) refused.push(hasControl(old) ? old : now);
    else aliases[old.trim()] = now.trim();
  }
  return aliases;
}

/** The one line that names what intimacy.yaml's names left out (shown escaped), or undefined. */
export function refusedNamesLine(settings: Pick<Settings, 'refused' | 'partners'>): string | undefined {
  const refused = settings.refused ?? [];
  if (refused.length === 0) return undefined;
  const names = refused.map(quoted).join(', ');
  if (refused.some((name) => !hasControl(name))) {
    const each = refused
      .map(
        (name) =>
          `${hasControl(name) ? quoted(name) : `"${lookAlikesEscaped(name)}"`} ${whyNoName(name, settings.partners)}`,
      )
      .join('; ');
    return `${SETTINGS_FILE} names ${refused.length === 1 ? 'a partner who is' : 'partners who are'} left out here: ${each}`;
  }
  return refused.length === 1
    ? `${SETTINGS_FILE} names a partner who is left out here: ${names} holds ${unsafeCharacterWords(refused[0] as string)}, which a name may not`
    : `${SETTINGS_FILE} names partners who are left out here: ${names} hold ${unsafeCharactersWords(refused)}, which a name may not`;
}

/** The text of intimacy.yaml, read the safe way (never through a link, never a pipe, at most 64 KiB). */
export function readSettingsText(journalDir: string): string | undefined {
  return readJournalText(journalDir, SETTINGS_FILE, { maxBytes: FILE_LIMITS.settings });
}

export async function readSettings(journalDir: string): Promise<Settings | undefined> {
  const text = readSettingsText(journalDir);
  if (text === undefined) return undefined;
  const known = knownSettingsData(journalDir, text);
  if (known !== undefined) return settingsFrom(known.data, SETTINGS_FILE);
  const parsed = settingsDocument(text);
  const settings = settingsFrom(parsed.data, SETTINGS_FILE);
  await keepSettingsData(journalDir, text, parsed.data);
  return settings;
}

/*
 * The plain value of intimacy.yaml as last parsed, kept in .intimacy/cache/ (this machine only)
 * with the very text it was parsed from: every command reads the settings, and the YAML parser,
 * cold at each start, costs more than the rest of reading them. Used only for the same text,
 * byte for byte, and only for values JSON holds as they are; checked as ever after.
 */
const SETTINGS_MEMO = `${STATE_DIR}/cache/settings.json`;
const SETTINGS_MEMO_VERSION = 1;

function knownSettingsData(journalDir: string, text: string): { data: unknown } | undefined {
  try {
    const memo = readJournalText(journalDir, SETTINGS_MEMO, { maxBytes: FILE_LIMITS.settings * 2 });
    if (memo === undefined) return undefined;
    const parsed = JSON.parse(memo) as { version?: unknown; text?: unknown; data?: unknown } | null;
    return parsed?.version === SETTINGS_MEMO_VERSION && parsed.text === text && 'data' in parsed
      ? { data: parsed.data }
      : undefined;
  } catch {
    return undefined; // only a cache
  }
}

async function keepSettingsData(journalDir: string, text: string, data: unknown): Promise<void> {
  if (!jsonHolds(data, 0)) return;
  try {
    await writeCacheFile(journalDir, SETTINGS_MEMO, JSON.stringify({ version: SETTINGS_MEMO_VERSION, text, data }));
  } catch {
    // Only a cache: a read-only journal parses the file each time.
  }
}

/** Whether JSON gives `value` back as it is (no .inf, no dates, no other objects). */
function jsonHolds(value: unknown, depth: number): boolean {
  if (depth > YAML_LIMITS.settings.maxDepth + 1) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((item) => jsonHolds(item, depth + 1));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([key, item]) => key !== '__proto__' && jsonHolds(item, depth + 1));
}

/** Why a name of intimacy.yaml is no name: what it holds, or whose name it reads as. */
function whyNoName(name: string, partners: string[]): string {
  if (hasControl(name)) return `holds ${unsafeCharacterWords(name)}, which a name may not`;
  const other = readsAsOneOf(name, partners) ?? 'another partner';
  return `reads as ${other} but is spelled with other letters (${lookAlikeLetter(name)}), which would show one partner as the other`;
}
