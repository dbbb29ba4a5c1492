import { firstUnshown, replaceUnshown } from './unsafe-chars.js';

/** A word for a command line the user may paste into a POSIX shell: quoted only when it must be. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A word for a command line that is also shown in a message: a name holding a control or
 * invisible character (a partner's hostile file name) is written in bash's and zsh's $'…'
 * quoting, each such character as an escape, so the line shows nothing raw and still runs when
 * pasted. Any other word is `shellWord`'s.
 */
export function shownShellWord(text: string): string {
  if (firstUnshown(text) === undefined) return shellWord(text);
  // The quoting's own two first; neither is a character that decides whether a joiner is in its place.
  const quotedInside = text.replace(/[\\']/g, (char) => `\\${char}`);
  // Each UTF-8 byte as \xHH: bash writes those bytes in any locale (\uHHHH needs a UTF-8 one).
  const escaped = replaceUnshown(quotedInside, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join(''),
  );
  return `$'${escaped}'`;
}
