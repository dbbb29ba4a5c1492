import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileProblem } from '../errors.js';
import { fileCalls } from '../file-calls.js';
import { FILE_LIMITS, foldersAreReal, readJournalText } from '../store/safe-file.js';
import { type Deck, type DeckProblem, parseDeck } from './schema.js';

/*
 * The decks a journal can ask from: the built-ins (decks/ beside dist/), then the journal's own
 * decks/NAME.yaml, which win by name. A journal's deck arrived through git, so it is read the
 * safe way and validated; a broken one is named with its file and field and the others work.
 */

/** The couple's own decks, committed, so both partners get them. */
export const DECKS_DIR = 'decks';

/** A journal may hold this many decks; the rest are not read (and said so). */
export const MAX_JOURNAL_DECKS = 100;

export type DeckSource = 'built-in' | 'journal';

export interface LoadedDeck {
  deck: Deck;
  source: DeckSource;
  /** true when a journal deck replaces the built-in of the same name */
  overrides: boolean;
}

export interface DeckSet {
  decks: Map<string, LoadedDeck>;
  /** decks that failed validation, by name; they are unavailable, the rest work */
  broken: Map<string, DeckProblem[]>;
}

/** From the bundle the built-in decks are ../decks; from the sources (tests) ../../decks. */
export function builtinDecksDir(): string {
  for (const relative of ['../decks/', '../../decks/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path.join(dir, 'love-maps.yaml'))) return dir;
  }
  throw new Error('the built-in decks folder is missing from this installation');
}

const YAML_NAME = /^[^.].*\.ya?ml$/;

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    return (await fileCalls.readdir(dir)).filter((name) => YAML_NAME.test(name)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

function loadFile(set: DeckSet, fileName: string, shownAs: string, read: () => string | undefined, source: DeckSource) {
  const name = fileName.replace(/\.ya?ml$/, '');
  let text: string | undefined;
  try {
    text = read();
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    set.decks.delete(name);
    set.broken.set(name, [{ file: shownAs, field: '(file)', message: error.reason }]);
    return;
  }
  if (text === undefined) return;
  const result = parseDeck(text, name, shownAs);
  if (!result.ok) {
    // A broken override hides the built-in too: asking from the built-in silently would surprise.
    set.decks.delete(name);
    set.broken.set(name, result.problems);
    return;
  }
  const overrides = source === 'journal' && (set.decks.get(name)?.source === 'built-in' || set.broken.has(name));
  set.broken.delete(name);
  set.decks.set(name, { deck: result.deck, source, overrides });
}

export async function loadDecks(journalDir: string | undefined, builtinDir = builtinDecksDir()): Promise<DeckSet> {
  const set: DeckSet = { decks: new Map(), broken: new Map() };
  for (const fileName of await yamlFiles(builtinDir))
    loadFile(
      set,
      fileName,
      `built-in ${fileName}`,
      () => readJournalText(builtinDir, fileName, { maxBytes: FILE_LIMITS.deck }),
      'built-in',
    );
  if (!journalDir) return set;
  try {
    if (!foldersAreReal(journalDir, DECKS_DIR, DECKS_DIR)) return set;
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    set.broken.set(`${DECKS_DIR}/`, [{ file: DECKS_DIR, field: '(folder)', message: error.reason }]);
    return set;
  }
  const checked = new Set<string>();
  const names = await yamlFiles(path.join(journalDir, DECKS_DIR));
  for (const fileName of names.slice(0, MAX_JOURNAL_DECKS)) {
    const rel = `${DECKS_DIR}/${fileName}`;
    loadFile(
      set,
      fileName,
      rel,
      () => readJournalText(journalDir, rel, { maxBytes: FILE_LIMITS.deck, checked }),
      'journal',
    );
  }
  if (names.length > MAX_JOURNAL_DECKS)
    set.broken.set(`${DECKS_DIR}/…`, [
      {
        file: DECKS_DIR,
        field: '(folder)',
        message: `holds ${names.length} decks; only the first ${MAX_JOURNAL_DECKS} are read`,
      },
    ]);
  return set;
}
