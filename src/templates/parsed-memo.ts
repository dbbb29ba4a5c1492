import { shortHash } from '../short-hash.js';
import { writeCacheFile } from '../store/files.js';
import { STATE_DIR } from '../store/layout.js';
import { FILE_LIMITS, readJournalText } from '../store/safe-file.js';
import type { Template } from './schema.js';

/*
 * Each template as last parsed, kept in .intimacy/cache/templates/ (git-ignored, this machine
 * only) with the very text it was parsed from, one small file per template: showing an entry
 * in its template's words otherwise loads and runs the YAML parser, cold at each start, for a
 * file that seldom changes. Used only for the same file (as shown: `built-in NAME.yaml`,
 * `templates/NAME.yaml`), name and text, byte for byte; a template JSON would not give back
 * as it is (a number JSON cannot hold) is never kept. Only the templates a run loads are read.
 */

const DIR = `${STATE_DIR}/cache/templates`;
const VERSION = 1;

interface TemplateMemo {
  version: number;
  shownAs: string;
  name: string;
  text: string;
  template: Template;
}

/** The file of one template's memo: its shown name, hashed (a partner names the journal's templates). */
function memoFile(shownAs: string): string {
  return `${DIR}/${shortHash(shownAs).toString(16).padStart(8, '0')}.json`;
}

/** The template parsed from this very text before, if kept. */
export function knownTemplate(journalDir: string, shownAs: string, name: string, text: string): Template | undefined {
  try {
    const memo = readJournalText(journalDir, memoFile(shownAs), { maxBytes: FILE_LIMITS.template * 4 });
    if (memo === undefined) return undefined;
    const kept = JSON.parse(memo) as Partial<TemplateMemo> | null;
    if (kept?.version !== VERSION || kept.shownAs !== shownAs || kept.name !== name || kept.text !== text)
      return undefined;
    return typeof kept.template === 'object' && kept.template !== null ? kept.template : undefined;
  } catch {
    return undefined; // only a cache
  }
}

/** Keeps a template just parsed (never rejects: a read-only journal parses each time). */
export async function keepTemplate(
  journalDir: string,
  shownAs: string,
  name: string,
  text: string,
  template: Template,
): Promise<void> {
  if (!jsonGivesBack(template, 0)) return;
  const memo: TemplateMemo = { version: VERSION, shownAs, name, text, template };
  try {
    await writeCacheFile(journalDir, memoFile(shownAs), JSON.stringify(memo));
  } catch {
    // Only a cache.
  }
}

/** Whether JSON gives `value` back as it is: finite numbers, plain objects and arrays (an unset field is left out alike). */
function jsonGivesBack(value: unknown, depth: number): boolean {
  if (depth > 16) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((item) => item !== undefined && jsonGivesBack(item, depth + 1));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(
    ([key, item]) => key !== '__proto__' && (item === undefined || jsonGivesBack(item, depth + 1)),
  );
}
