import { UsageError } from '../errors.js';
import { shownShellWord } from '../shell-word.js';
import { namesTogether, type People, partnerNamed } from '../store/authors.js';
import { hasControl, unsafeCharacterWords } from '../store/control-chars.js';
import { slugify } from '../store/naming.js';

/**
 * Who "I" am. A property of the clone, never of the shared settings: each partner has their
 * own clone, and on a shared laptop `--me` / INTIMACY_ME choose for one command.
 */
export type IdentitySource = '--me' | 'INTIMACY_ME' | 'this journal' | 'git user.name' | 'login name';

export interface Identity {
  name: string;
  source: IdentitySource;
}

export interface IdentityInputs {
  flag?: string;
  env?: string;
  clone?: string;
  gitUserName?: string;
  loginName?: string;
}

const ORDER: Array<[keyof IdentityInputs, IdentitySource]> = [
  ['flag', '--me'],
  ['env', 'INTIMACY_ME'],
  ['clone', 'this journal'],
  ['gitUserName', 'git user.name'],
  ['loginName', 'login name'],
];

export function resolveIdentity(inputs: IdentityInputs): Identity {
  for (const [key, source] of ORDER) {
    const name = inputs[key]?.trim();
    if (name) return { name, source };
  }
  return { name: 'me', source: 'login name' };
}

/** Checks a name typed with --me, --partner or --for. */
export function validatePersonName(name: string, flag: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return `${flag} needs a name`;
  if (trimmed.length > 80) return `${flag} takes a name of at most 80 characters`;
  if (hasControl(trimmed)) return `${flag} cannot hold ${unsafeCharacterWords(trimmed)}`;
  return undefined;
}

/** A name nobody gave for this journal: git's user.name or the login name. */
export function isGuessed(source: IdentitySource): boolean {
  return source === 'git user.name' || source === 'login name';
}

/**
 * The identity as the journal spells it: "jordan" and an old name of Jordan's are Jordan. A
 * guessed name stands only for a partner's current name, never for an alias: the alias is most
 * often the login name a quick start wrote under, and the partner's computer may well have the
 * same one ("root", "pi"), which must not make them their partner.
 */
export function inJournal(identity: Identity, people: People): Identity {
  const partner = isGuessed(identity.source)
    ? people.partners.find((p) => slugify(p) === slugify(identity.name))
    : partnerNamed(people, identity.name);
  return partner && partner !== identity.name ? { ...identity, name: partner } : identity;
}

/** Once the journal names two partners, anyone else is refused: entries by a third name would count for nobody. */
export function notAPartner(identity: Identity, people: People): UsageError | undefined {
  if (people.partners.length < 2 || people.partners.includes(inJournal(identity, people).name)) return undefined;
  const names = people.partners.join(', ');
  const either = namesTogether(people.partners).replace(/ and /, ' or ');
  const fix: Record<IdentitySource, string> = {
    '--me': `Pass --me with one of them, e.g. --me ${shownShellWord(people.partners[0]!)}.`,
    INTIMACY_ME: `Set INTIMACY_ME to ${either}, or unset it.`,
    // A name this clone recorded that intimacy.yaml lost: most likely a change of the file, not of who uses the clone.
    'this journal': `If ${identity.name} was left out of intimacy.yaml by mistake, put it back among its partners (git log -p -- intimacy.yaml shows the change); if this clone is the other's, intimacy whoami --set ${shownShellWord(people.partners[0]!)} (or ${shownShellWord(people.partners[1]!)}).`,
    'git user.name': `Say which of you this clone belongs to: intimacy whoami --set ${shownShellWord(people.partners[0]!)} (or ${shownShellWord(people.partners[1]!)}).`,
    'login name': `Say which of you this clone belongs to: intimacy whoami --set ${shownShellWord(people.partners[0]!)} (or ${shownShellWord(people.partners[1]!)}).`,
  };
  return new UsageError(
    `${identity.name} (from ${identity.source}) is not one of this journal's partners (${names}).`,
    fix[identity.source],
  );
}

/** A name typed for a partner (--for, --together's answers, whoami --set): their spelling, or a usage error listing them. */
export function partnerOrRefuse(people: People, name: string, flag: string, example = people.partners[0]): string {
  const partner = partnerNamed(people, name);
  if (partner) return partner;
  if (people.partners.length < 2) return name.trim();
  throw new UsageError(
    `${name.trim()} is not one of this journal's partners (${people.partners.join(', ')}).`,
    `For example: ${flag} ${example}.`,
  );
}
