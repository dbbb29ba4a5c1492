import { shownShellWord } from '../shell-word.js';
import { type People, partnerNamed } from '../store/authors.js';
import { slugify } from '../store/naming.js';
import { quoted } from '../unsafe-chars.js';

/*
 * Who is who, as a partner's intimacy.yaml would have it once merged. A rename keeps every
 * person one person (`partners rename Alex Alexandra` leaves `Alex: Alexandra`, and Alex's
 * entries stay hers). A file that makes two of this journal's people one (`Alex: Jordan`, with
 * Jordan still Jordan), or gives an old name's entries to the other partner, would make this
 * clone write as the partner and credit them with what was written here: refused. Pure.
 */

export interface NamesProblem {
  /** the alias, as the arriving file has it, that does it */
  alias: [string, string];
  /** the partner, as this journal names them now, whose name or entries it would take */
  from: string;
  /** who they would become */
  to: string;
}

/** The person `name` is in `people` (a partner's spelling), or the name itself for anyone else. */
function personIn(people: People, name: string): string {
  return partnerNamed(people, name) ?? name;
}

/** The arriving alias that makes `name` stand for someone else (the first, as written). */
function aliasOf(theirs: People, name: string): [string, string] {
  const found = Object.entries(theirs.aliases).find(([old]) => slugify(old) === slugify(name));
  return found ?? [name, personIn(theirs, name)];
}

/**
 * The first way `theirs` makes two people of `ours` one: two partners, or an old name of one
 * partner, that would stand for the same person; undefined when everyone stays who they were.
 */
export function arrivingNamesProblem(ours: People, theirs: People): NamesProblem | undefined {
  const becomes = (name: string) => slugify(personIn(theirs, name));
  // Each partner of ours, and each old name ours keeps, with the partner it stands for.
  const known: Array<[string, string]> = [
    ...ours.partners.map((partner): [string, string] => [partner, partner]),
    ...Object.keys(ours.aliases).flatMap((old): Array<[string, string]> => {
      const partner = partnerNamed(ours, old);
      return partner ? [[old, partner]] : [];
    }),
  ];
  for (const [name, partner] of known) {
    // An old name may stand for nobody any more, but not for someone else.
    const now = partnerNamed(theirs, name);
    if (name !== partner && now !== undefined && slugify(now) !== becomes(partner))
      return { alias: aliasOf(theirs, name), from: partner, to: now };
    // No two partners may become one.
    const other = ours.partners.find((p) => slugify(p) !== slugify(partner) && becomes(p) === becomes(name));
    if (other !== undefined && name === partner) {
      const moved = personIn(theirs, partner) === partner ? other : partner;
      return { alias: aliasOf(theirs, moved), from: moved, to: personIn(theirs, moved) };
    }
  }
  return undefined;
}

/**
 * `ours`, with the person this clone writes as among its partners when it no longer lists
 * them (an earlier sync dropped them): an alias of their name to the other partner is then
 * refused as well. `me` only when the name was set (this journal, --me, INTIMACY_ME): a name
 * guessed from git or the login never goes through aliases, so no alias can take it.
 */
export function withMe(ours: People, me: string | undefined): People {
  if (me === undefined || me.trim() === '' || partnerNamed(ours, me) !== undefined) return ours;
  return { partners: [...ours.partners, me], aliases: ours.aliases };
}

/**
 * The partner this clone writes as, when `theirs` would leave them out: `ours` names them (a
 * partner, or an old name of one), and `theirs` names them neither as a partner nor as an old
 * name of one. This clone could write no more, and their entries would count for nobody; a
 * rename (`partners rename`) keeps the person, as an alias. `me` only when it was set (as for
 * withMe); a clone already left out (an earlier sync) is not held to it. Pure.
 */
export function leftOut(ours: People, theirs: People, me: string | undefined): string | undefined {
  if (me === undefined || me.trim() === '') return undefined;
  const mine = partnerNamed(ours, me);
  if (mine === undefined) return undefined;
  return partnerNamed(theirs, me) === undefined && partnerNamed(theirs, mine) === undefined ? mine : undefined;
}

/** The problem in words: what the file would do, for an error of sync or of conflicts. */
export function namesProblemText(problem: NamesProblem): string {
  const [old, now] = problem.alias;
  return `makes ${problem.from} and ${problem.to} one person (the alias ${quoted(old)}: ${quoted(now)}), so this computer would write as ${problem.to} and credit them with ${problem.from}'s entries`;
}

/** What a file that leaves `who` out would do, for an error of sync or of conflicts. */
export function leftOutText(who: string, theirs: People): string {
  const named = theirs.partners.length > 0 ? ` (it names ${theirs.partners.join(', ')})` : '';
  return `leaves ${who} out of the journal's partners${named}, so this computer could write no more and ${who}'s entries would count for nobody`;
}

/**
 * What an arriving intimacy.yaml would do to who is who, in words, whichever way it does it
 * (leaves this clone's person out, or makes two people one), for sync and `conflicts resolve`
 * alike. `ask`: what its author must do, followed by the file's name; `rename`: the command
 * that does a rename instead. `me` only when it was set (withMe). Pure.
 */
export function settingsNamesProblem(
  ours: People,
  theirs: People,
  me: string | undefined,
): { text: string; ask: string; rename: string } | undefined {
  const dropped = leftOut(ours, theirs, me);
  if (dropped)
    return {
      text: leftOutText(dropped, theirs),
      ask: `put ${dropped} back among the partners in`,
      rename: `intimacy partners rename ${shownShellWord(dropped)} NEW`,
    };
  const problem = arrivingNamesProblem(withMe(ours, me), theirs);
  if (!problem) return undefined;
  return { text: namesProblemText(problem), ask: 'take that alias out of', rename: 'intimacy partners rename OLD NEW' };
}
