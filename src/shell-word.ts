import { firstUnshown, notUtf8Byte, replaceUnshown } from './unsafe-chars.js';

/** A word for a command line the user may paste into a POSIX shell: quoted only when it must be. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A word for a command line that is also shown in a message: a name holding a control or
 * invisible character, or bytes that are not UTF-8 (a partner's hostile file name), is written in
 * bash's and zsh's $'…' quoting, each such character as an escape, so the line shows nothing raw
 * and still runs when pasted. Any other word is `shellWord`'s.
 */
export function shownShellWord(text: string): string {
  if (firstUnshown(text) === undefined) return shellWord(text);
  // The quoting's own two first; neither is a character that decides whether a joiner is in its place.
  const quotedInside = text.replace(/[\\']/g, (char) => `\\${char}`);
  const escaped = replaceUnshown(quotedInside, (char) => bytesOf(char).map(hexEscape).join(''));
  return `$'${escaped}'`;
}

/**
 * The bytes a character stands for in a path: a byte that is not UTF-8 (read from git as a lone
 * surrogate) is that very byte, so the fix names the path git has; any other is its UTF-8.
 */
function bytesOf(char: string): number[] {
  const byte = notUtf8Byte(char);
  return byte === undefined ? [...Buffer.from(char, 'utf8')] : [byte];
}

/** A byte as \xHH: bash writes those bytes in any locale (\uHHHH needs a UTF-8 one). */
const hexEscape = (byte: number) => `\\x${byte.toString(16).padStart(2, '0')}`;
