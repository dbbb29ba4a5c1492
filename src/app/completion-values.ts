import { loadDecks } from '../decks/load.js';
import { openJournal } from '../journal/journal.js';
import { readSettings } from '../journal/settings.js';
import { journalWalk } from '../reading/journal-walk.js';
import { readRituals } from '../rituals/definitions.js';
import { loadTemplates } from '../templates/load.js';

/*
 * What Tab offers that only the journal knows: its templates, decks and their questions, rituals,
 * partners and entry ids,
 * read from this computer at the moment Tab is pressed (no network, nothing written). Each kind
 * reads only what it needs: the entry ids are file names, and no entry is opened.
 */

export type JournalValues = 'templates' | 'rituals' | 'partners' | 'types' | 'entries' | 'decks' | 'questions';

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

export async function journalValues(kind: JournalValues, place: ValuesPlace): Promise<Suggestion[]> {
  switch (kind) {
    case 'templates':
    case 'types': {
      // Entry types are template names: every entry is written from one.
      const { templates } = await loadTemplates(place.dir);
      return [...templates.values()].map(({ template }) => ({ value: template.name, description: template.title }));
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
      return entryIds(place);
    case 'decks': {
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
  }
}

/** `last` and every entry's id (yours and your partner's, and your own private ones), by file name alone. */
async function entryIds(place: ValuesPlace): Promise<Suggestion[]> {
  const opening = openJournal(place);
  const walk = journalWalk(place.dir, opening, () => undefined);
  await opening;
  const files = await walk.all();
  return [
    { value: 'last', description: 'the newest entry' },
    ...files.map((file) => ({
      value: file.id,
      description: `${file.typeSlug} by ${file.authorSlug}${file.relPath.startsWith('entries/') ? '' : ', private'}`,
    })),
  ];
}
