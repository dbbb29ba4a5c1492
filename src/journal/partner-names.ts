import type { Document } from 'yaml';
import { refuseInvalid, UsageError } from '../errors.js';
import { shownShellWord } from '../shell-word.js';
import { namesTogether, partnerNamed } from '../store/authors.js';
import { listEntryFiles } from '../store/entry-files.js';
import { lookAlikeLetter, lookAlikesEscaped, readsAsOneOf } from '../store/look-alike.js';
import { slugify } from '../store/naming.js';
import { recordMe } from './clone-copy.js';
import { inJournal, isGuessed, validatePersonName } from './identity.js';
import type { Journal } from './journal.js';
import { editSettings } from './settings-edit.js';

/*
 * Changing the partners' names in intimacy.yaml, each change in one commit. Entries are never
 * rewritten: a name given up is kept as an alias of the partner it belonged to, so everything
 * written under it keeps counting as theirs (see store/authors.ts).
 */

export interface NamesChange {
  changed: boolean;
  /** what happened, in a sentence (also the commit's message) */
  said: string;
  /** old names that now stand for a partner */
  aliased: Array<[string, string]>;
  /** this clone now records who "I" am as this name */
  recordedMe?: string;
  commitProblem?: string;
}

const same = (a: string, b: string) => slugify(a) === slugify(b);

function checkName(name: string, what: string): string {
  refuseInvalid(validatePersonName(name, what), `For example: intimacy partners set Alex Jordan`);
  return name.trim();
}

/** Refuses `name` when it reads as one of `others` but is another name: every listing would show one partner as the other. */
export function refuseLookAlike(name: string, others: string[]): void {
  const letter = lookAlikeLetter(name);
  const other = letter === undefined ? undefined : readsAsOneOf(name, others);
  if (other === undefined) return;
  throw new UsageError(
    `"${lookAlikesEscaped(name)}" reads as ${other} but is spelled with other letters (${letter}): every listing would show one partner as the other.`,
    'Choose a name no one could read as the other partner’s.',
  );
}

/** The same for two names given together (you and your partner): either may be the one spelled with other letters. */
export function refuseLookAlikePair(one: string, other: string): void {
  refuseLookAlike(one, [other]);
  refuseLookAlike(other, [one]);
}

/** Writes partners and aliases into the settings document (aliases left out when there are none). */
function writeNames(doc: Document, partners: string[], aliases: Record<string, string>): void {
  doc.set('partners', doc.createNode(partners));
  if (Object.keys(aliases).length > 0) doc.set('aliases', doc.createNode(aliases));
  else doc.delete('aliases');
}

/** Aliases after `from` becomes `to`: those of `from` follow it, and none shadows a partner's own name. */
function movedAliases(aliases: Record<string, string>, from: string, to: string, partners: string[]) {
  const next: Record<string, string> = {};
  for (const [old, now] of Object.entries(aliases)) next[old] = same(now, from) ? to : now;
  if (!same(from, to)) next[from] = to;
  for (const old of Object.keys(next)) if (partners.some((p) => same(p, old))) delete next[old];
  return next;
}

/** Records who "I" am in this clone when it was only guessed (git user.name, login name) or an old name. */
async function rememberMe(journal: Journal, name: string): Promise<string | undefined> {
  const recorded = journal.gitConfig.me;
  if (!(isGuessed(journal.me.source) || (recorded !== undefined && recorded !== name && same(journal.me.name, name))))
    return undefined;
  if (recorded === name) return undefined;
  await recordMe(journal.git, name);
  journal.gitConfig = { ...journal.gitConfig, me: name };
  journal.me = { name, source: 'this journal' };
  return name;
}

async function commit(
  journal: Journal,
  said: string,
  partners: string[],
  aliases: Record<string, string>,
): Promise<string | undefined> {
  const { commitProblem } = await editSettings(journal, said, (doc) => writeNames(doc, partners, aliases));
  journal.me = inJournal(journal.me, journal.settings);
  return commitProblem;
}

/**
 * `intimacy partners set YOU PARTNER`: the two of you, you first. A partner left out who was
 * you (e.g. the login name the first entry was written under) becomes your alias; a partner
 * left out who wrote entries is refused: renaming keeps their entries theirs.
 */
export async function setPartners(journal: Journal, youGiven: string, partnerGiven?: string): Promise<NamesChange> {
  const you = checkName(youGiven, 'your name');
  const partner = partnerGiven === undefined ? undefined : checkName(partnerGiven, "your partner's name");
  if (partner !== undefined && same(you, partner))
    throw new UsageError(`"${you}" and "${partner}" are the same name.`, 'Give your name, then your partner’s.');
  if (partner !== undefined) refuseLookAlikePair(you, partner);
  const old = journal.settings;
  const next = partner === undefined ? [you] : [you, partner];
  let aliases = { ...old.aliases };
  const aliased: Array<[string, string]> = [];
  const meNow = partnerNamed(old, journal.me.name) ?? journal.me.name;
  const dropped = old.partners.filter((name) => !next.some((n) => same(n, name)));
  for (const name of dropped) {
    if (same(name, meNow) && !next.some((n) => same(n, meNow))) {
      aliases = movedAliases(aliases, name, you, next);
      aliased.push([name, you]);
      continue;
    }
    if (await hasEntries(journal, name)) {
      const stays = next.find((n) => !old.partners.some((p) => same(p, n)));
      throw new UsageError(
        `${name} wrote entries in this journal, and setting the partners to ${namesTogether(next)} would leave them to nobody.`,
        `Rename instead, so they stay ${name}'s: intimacy partners rename ${shownShellWord(name)} ${stays ? shownShellWord(stays) : 'NEW_NAME'}.`,
      );
    }
  }
  for (const old of Object.keys(aliases)) if (next.some((n) => same(n, old))) delete aliases[old];
  const unchanged =
    JSON.stringify(next) === JSON.stringify(old.partners) && JSON.stringify(aliases) === JSON.stringify(old.aliases);
  const recordedMe = await rememberMe(journal, you);
  if (unchanged)
    return { changed: false, said: `The partners are already ${namesTogether(next)}.`, aliased, recordedMe };
  const said = `${you} named the partners ${namesTogether(next)}`;
  const commitProblem = await commit(journal, said, next, aliases);
  return {
    changed: true,
    said,
    aliased,
    ...(recordedMe ? { recordedMe } : {}),
    ...(commitProblem ? { commitProblem } : {}),
  };
}

/** `intimacy partners rename OLD NEW`: the old name stays as an alias, so past entries count as NEW's. */
export async function renamePartner(journal: Journal, oldGiven: string, newGiven: string): Promise<NamesChange> {
  const settings = journal.settings;
  const current = settings.partners.find((p) => same(p, oldGiven));
  if (!current) {
    const whose = partnerNamed(settings, oldGiven);
    throw new UsageError(
      whose
        ? `${oldGiven.trim()} is an earlier name of ${whose}'s.`
        : `${oldGiven.trim()} is not one of this journal's partners (${settings.partners.join(', ') || 'none named yet'}).`,
      whose
        ? `To rename ${whose}: intimacy partners rename ${shownShellWord(whose)} NEW_NAME.`
        : 'See who they are with intimacy partners.',
    );
  }
  const next = checkName(newGiven, 'the new name');
  const other = settings.partners.find((p) => p !== current && same(p, next));
  if (other)
    throw new UsageError(`${next} is already the other partner's name.`, 'Choose a name of your own for each of you.');
  refuseLookAlike(
    next,
    settings.partners.filter((partner) => partner !== current),
  );
  if (current === next) return { changed: false, said: `${current} is already called ${next}.`, aliased: [] };
  const partners = settings.partners.map((p) => (p === current ? next : p));
  const aliases = movedAliases(settings.aliases, current, next, partners);
  const aliased: Array<[string, string]> = same(current, next) ? [] : [[current, next]];
  const meWasRenamed = same(partnerNamed(settings, journal.me.name) ?? '', current);
  const who = meWasRenamed ? next : (partnerNamed(settings, journal.me.name) ?? journal.me.name);
  const said = `${who} renamed ${current} to ${next}${aliased.length > 0 ? ` (${current}'s entries count as ${next}'s)` : ''}`;
  const commitProblem = await commit(journal, said, partners, aliases);
  const recordedMe = meWasRenamed ? await rememberMe(journal, next) : undefined;
  return {
    changed: true,
    said,
    aliased,
    ...(recordedMe ? { recordedMe } : {}),
    ...(commitProblem ? { commitProblem } : {}),
  };
}

/** Adds the second partner to a journal that names one (init --partner, clone --me on a new journal). */
export async function addPartner(journal: Journal, nameGiven: string): Promise<NamesChange> {
  const name = checkName(nameGiven, 'the name');
  const { partners, aliases } = journal.settings;
  const known = partnerNamed(journal.settings, name);
  if (known) return { changed: false, said: `${known} is a partner already.`, aliased: [] };
  if (partners.length >= 2)
    throw new UsageError(
      `This journal's partners are already ${namesTogether(partners)}.`,
      'To change a name: intimacy partners rename OLD NEW.',
    );
  refuseLookAlike(name, partners);
  const next = [...partners, name];
  const who = partnerNamed(journal.settings, journal.me.name) ?? journal.me.name;
  const said = same(who, name) ? `${name} joined the journal` : `${who} added ${name} as a partner`;
  const commitProblem = await commit(journal, said, next, aliases);
  return { changed: true, said, aliased: [], ...(commitProblem ? { commitProblem } : {}) };
}

/** Did anyone write under this name? File names say so without opening a file. */
async function hasEntries(journal: Journal, name: string): Promise<boolean> {
  const slug = slugify(name);
  return (await listEntryFiles(journal.dir)).some((file) => file.authorSlug === slug);
}
