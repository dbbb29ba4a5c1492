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
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return `${flag} cannot contain control characters`;
  return undefined;
}
