import type { Document } from 'yaml';
import { invalid, UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { editSettings } from '../journal/settings-edit.js';
import { type Cadence, describeCadence, parseCadence } from '../rituals/cadence.js';
import { DEFAULT_RITUALS, readRituals, type Who } from '../rituals/definitions.js';
import { toDay } from '../rituals/periods.js';
import { shownShellWord } from '../shell-word.js';

/**
 * Changing the rituals a couple keeps: each change is one edit of intimacy.yaml (its comments
 * and order kept) and one commit with a plain-sentence message. Returns git's reason when the
 * file is saved but not committed.
 */
export type RitualChange = { cadence: string; commitProblem?: string };

function cadenceOf(text: string): Cadence {
  const parsed = parseCadence(text);
  if ('error' in parsed) throw invalid(parsed.error);
  return parsed;
}

function known(journal: Journal, name: string): boolean {
  return readRituals(journal.settings.extra.rituals).rituals.some((ritual) => ritual.name === name);
}

/** A ritual intimacy.yaml names but cannot read (status names it): it can still be removed. */
function unreadable(journal: Journal, name: string): boolean {
  return readRituals(journal.settings.extra.rituals).problems.some((p) => !p.all && p.ritual === name);
}

/** A journal without a rituals list uses the defaults; they are written out before one changes. */
function materialize(doc: Document): void {
  if (!doc.has('rituals')) doc.set('rituals', doc.createNode(DEFAULT_RITUALS));
}

/** `rituals set NAME CADENCE` */
export async function setCadence(journal: Journal, name: string, cadenceText: string): Promise<RitualChange> {
  const cadence = describeCadence(cadenceOf(cadenceText));
  if (!known(journal, name))
    throw new UserError(
      `There is no ritual "${name}".`,
      `See intimacy rituals, or add it with intimacy rituals add ${shownShellWord(name)} --cadence "${cadenceText}".`,
    );
  const { commitProblem } = await editSettings(journal, `Keep the ${name} ritual ${cadence}`, (doc) => {
    materialize(doc);
    doc.setIn(['rituals', name, 'cadence'], cadence);
  });
  return { cadence, commitProblem };
}

export interface NewRitual {
  cadence: string;
  who: Who;
  /** entry types or templates that count, comma-separated (default: the ritual's name) */
  counts?: string;
  /** the first day it is tracked */
  today: Date;
}

/** `rituals add NAME`: tracked from today on. */
export async function addRitual(
  journal: Journal,
  name: string,
  ritual: NewRitual,
): Promise<RitualChange & { since: string }> {
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(name))
    throw new UsageError(`"${name}" is not a ritual name.`, 'Use lowercase letters, digits, - or _, e.g. affection.');
  const cadence = describeCadence(cadenceOf(ritual.cadence));
  const counts = (ritual.counts ?? name)
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  if (counts.length === 0)
    throw new UsageError('--counts needs at least one entry type.', 'For example: --counts gratitude,appreciation');
  if (known(journal, name)) {
    throw new UserError(
      `The ritual "${name}" exists already.`,
      `Change it with intimacy rituals set ${shownShellWord(name)} CADENCE.`,
    );
  }
  const since = toDay(ritual.today);
  const { commitProblem } = await editSettings(journal, `Add the ${name} ritual, ${cadence}`, (doc) => {
    materialize(doc);
    doc.setIn(['rituals', name], doc.createNode({ counts, cadence, who: ritual.who, since }));
  });
  return { cadence, since, commitProblem };
}

/** `rituals remove NAME`: no longer tracked; its entries stay. */
export async function removeRitual(journal: Journal, name: string): Promise<{ commitProblem?: string }> {
  if (!known(journal, name) && !unreadable(journal, name))
    throw new UserError(`There is no ritual "${name}".`, 'See intimacy rituals for the list.');
  return editSettings(journal, `Stop tracking the ${name} ritual`, (doc) => {
    materialize(doc);
    doc.deleteIn(['rituals', name]);
  });
}
