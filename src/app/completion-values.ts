import { loadDecks } from '../decks/load.js';
import { Git } from '../git/git.js';
import { openJournal } from '../journal/journal.js';
import { readSettings } from '../journal/settings.js';
import { foldersForPrefix } from '../reading/folder-range.js';
import { journalWalk } from '../reading/journal-walk.js';
import { readRituals } from '../rituals/definitions.js';
import { authorName } from '../store/authors.js';
import type { EntryFile } from '../store/entry-folders.js';
import { loadSummaries } from '../store/summaries.js';
import { openConflicts } from '../sync/conflicts.js';
import { loadTemplates } from '../templates/load.js';
import { offerable } from './completion.js';

/*
 * What Tab offers that only the journal knows: its templates, decks, rituals, partners, entry ids, tags
 * and open conflicts, read from this computer at the moment Tab is pressed (no network, nothing
 * written but the front matter cache). Each kind reads only what it needs: the entry ids are
 * file names, and no entry is opened; the tags come from the cache, as log's filters do.
 */

export type JournalValues =
  | 'templates'
  | 'decks'
  | 'rituals'
  | 'partners'
  | 'types'
  | 'entries'
  | 'tags'
  | 'conflicts'
  | 'questions';

export interface Suggestion {
  value: string;
  description: string;
}

export interface ValuesPlace {
  dir: string;
  env: NodeJS.ProcessEnv;
  meFlag?: string;
  now: () => Date;
}

/** The values of one kind; `typed`, the start of the word being completed, narrows what must be read. */
export async function journalValues(kind: JournalValues, place: ValuesPlace, typed = ''): Promise<Suggestion[]> {
  switch (kind) {
    case 'templates':
    case 'types': {
      // Entry types are template names: every entry is written from one.
      const { templates } = await loadTemplates(place.dir);
      return [...templates.values()].map(({ template }) => ({ value: template.name, description: template.title }));
    }
    case 'decks': {
      // The built-in decks and the journal's own decks/ (which win by name); a broken one is not offered.
      const { decks } = await loadDecks(place.dir);
      return [...decks.values()].map(({ deck }) => ({ value: deck.name, description: deck.title }));
    }
    case 'questions': {
      // Every deck's question ids: --question finds its deck by the id alone when only one has it.
      const { decks } = await loadDecks(place.dir);
      return [...decks.values()].flatMap(({ deck }) =>
        deck.questions.map((q) => ({ value: q.id, description: `${deck.name}: ${q.text}` })),
      );
    }
    case 'rituals': {
      const settings = await readSettings(place.dir);
      if (!settings) return [];
      return readRituals(settings.extra.rituals).rituals.map((ritual) => ({
        value: ritual.name,
        description: ritual.cadenceText,
      }));
    }
    case 'partners': {
      const settings = await readSettings(place.dir);
      return (settings?.partners ?? []).map((name) => ({ value: name, description: 'partner' }));
    }
    case 'entries':
      return entryIds(place, typed);
    case 'tags':
      return tagsInUse(place);
    case 'conflicts': {
      const open = await openConflicts(await openJournal(place, { anyone: true }));
      return open.map((conflict) => ({
        value: conflict.id,
        description: `${conflict.path}, ${conflict.copyFrom}'s version`,
      }));
    }
  }
}

/** The tags the entries carry, the most used first (from the front matter cache, as log reads them). */
async function tagsInUse(place: ValuesPlace): Promise<Suggestion[]> {
  const { entries } = await loadSummaries(new Git(place.dir, place.env));
  const counts = new Map<string, number>();
  for (const entry of entries) for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([tag, n]) => ({ value: tag, description: n === 1 ? '1 entry' : `${n} entries` }));
}

/**
 * At most this many entry ids are offered: about what a shell lists before it asks whether to
 * show them all (bash's completion-query-items, zsh's LISTMAX), and all of them whenever no
 * more start with what was typed.
 */
export const MAX_ENTRY_IDS = 100;

/**
 * `last` and the entry ids that start with `typed` (yours and your partner's, and your own
 * private ones), by file name alone (each described by its type and its author's name), newest first, from the folders such ids live in. When more
 * than MAX_ENTRY_IDS match, the newest of them and the oldest: the shell completes what all
 * matches start with, and the oldest and the newest id start with just that (ids sort as
 * text), so Tab inserts the same as with every id offered.
 */
async function entryIds(place: ValuesPlace, typed: string): Promise<Suggestion[]> {
  const opening = openJournal(place);
  const walk = journalWalk(place.dir, opening, () => undefined);
  const folders = foldersForPrefix(typed);
  walk.warmUp(folders); // listed while git tells who is asking
  const { settings } = await opening;
  const matches = (file: EntryFile) => file.id.startsWith(typed) && offerable(file.id);
  const files: EntryFile[] = [];
  let more = false;
  for await (const file of walk.newestFirst(folders)) {
    if (!matches(file)) continue;
    if (files.length === MAX_ENTRY_IDS) {
      more = true;
      break;
    }
    files.push(file);
  }
  if (more) {
    files.length = MAX_ENTRY_IDS - 1;
    for await (const file of walk.oldestFirst(folders))
      if (matches(file)) {
        files.push(file);
        break;
      }
  }
  return [
    { value: 'last', description: 'the newest entry' },
    ...files.map((file) => ({
      value: file.id,
      // the author as intimacy.yaml spells them (file names keep only a lower-case slug)
      description: `${file.typeSlug} by ${authorName(settings, file.authorSlug)}${file.relPath.startsWith('entries/') ? '' : ', private'}`,
    })),
  ];
}
