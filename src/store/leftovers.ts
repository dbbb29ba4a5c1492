import { existsSync } from 'node:fs';
import path from 'node:path';
import { plural } from '../plural.js';
import { readEntryFile } from './entry-files.js';
import { SETTINGS_FILE } from './layout.js';
import { isEntryPath, parseEntryName } from './naming.js';

/*
 * What a commit of leftover files says, so `git log` tells what it was: "Commit Alex's
 * gratitude entry, left uncommitted by an earlier command", or "Commit changes made outside
 * intimacy: the weekend template".
 */

/** How many files a message names one by one; the rest are counted. */
const NAMED = 4;

/** One changed file in words: "Alex's gratitude entry", "the weekend template", "the settings". */
export async function describeFile(journalDir: string, relPath: string): Promise<string> {
  if (isEntryPath(relPath)) {
    const gone = !existsSync(path.join(journalDir, relPath));
    const name = parseEntryName(path.posix.basename(relPath));
    let author = name?.authorSlug ?? 'someone';
    let type = name?.typeSlug ?? 'entry';
    if (!gone) {
      try {
        ({ author, type } = await readEntryFile(journalDir, { relPath }));
      } catch {
        // A file that does not read as an entry is still named, by what its name says.
      }
    }
    const what = `${author}'s ${type} entry${name ? ` ${name.id}` : ''}`;
    return gone ? `the removal of ${what}` : what;
  }
  if (relPath === SETTINGS_FILE) return `the settings (${SETTINGS_FILE})`;
  const template = /^templates\/([^/]+)\.ya?ml$/.exec(relPath)?.[1];
  if (template) return `the ${template} template`;
  const deck = /^decks\/([^/]+)\.ya?ml$/.exec(relPath)?.[1];
  if (deck) return `the ${deck} deck`;
  return relPath;
}

/**
 * The message of a commit of files left uncommitted: `byEarlierCommand` when intimacy had
 * marked them as waiting (a commit that failed), otherwise they were changed outside intimacy.
 */
export async function leftoverMessage(
  journalDir: string,
  relPaths: string[],
  byEarlierCommand: boolean,
): Promise<string> {
  const named = await Promise.all(relPaths.slice(0, NAMED).map((relPath) => describeFile(journalDir, relPath)));
  const rest = relPaths.length - named.length;
  const list = [...named, ...(rest > 0 ? [plural(rest, 'more file')] : [])].join(', ');
  return byEarlierCommand
    ? `Commit ${list}, left uncommitted by an earlier command`
    : `Commit changes made outside intimacy: ${list}`;
}
