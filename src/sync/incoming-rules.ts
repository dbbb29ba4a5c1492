import { MODE_EXECUTABLE, MODE_FILE, MODE_LINK, MODE_SUBMODULE } from '../git/tree.js';
import { STATE_DIR } from '../store/layout.js';
import { firstUnshown, NOT_UTF8_BYTES } from '../unsafe-chars.js';

/*
 * What a path arriving from the partner's history may not be, whatever the reason it was
 * committed: a path that lands in this computer's own folder (.intimacy/, in any spelling a
 * case-insensitive or Windows file system maps onto it), a git-like name, a .gitattributes below
 * the journal's own (git applies it to its folder, over the journal's: `* -filter` there would
 * store that folder's entries plain), a link, a submodule, or a name one of the two computers
 * cannot check out. Pure.
 */

export type IncomingReason =
  | 'local-state'
  | 'git-name'
  | 'attributes'
  | 'link'
  | 'submodule'
  | 'not-utf8'
  | 'not-portable'
  | 'too-big';

/** No entry, template or settings file comes near this; a bigger blob is refused before it reaches the disk. */
export const MAX_INCOMING_BYTES = 16 * 1024 * 1024;

/** Code points HFS+ ignores when it compares names (git's is_hfs_dotgit skips the same). */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/gu;

/**
 * A name as a case-insensitive file system compares it: lower case, without the code points
 * HFS+ ignores, without what NTFS drops or reads as a stream (trailing dots and spaces,
 * anything from a colon on).
 */
export function foldName(name: string): string {
  return name
    .replace(HFS_IGNORED, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/:.*$/s, '')
    .replace(/[. ]+$/, '');
}

const LOCAL = STATE_DIR.toLowerCase(); // ".intimacy"

/** `.intimacy` in any spelling, and its Windows short name (INTIMA~1). */
function isLocalStateName(name: string): boolean {
  const folded = foldName(name);
  return folded === LOCAL || /^intima~\d+$/.test(folded);
}

/** `.git` in any spelling (and GIT~1), and `.gitmodules`, which only submodules use. */
function isGitName(name: string): boolean {
  const folded = foldName(name);
  return folded === '.git' || /^git~\d+$/.test(folded) || folded === '.gitmodules';
}

// A name's bytes that are not UTF-8, as read from git (path-bytes.ts): a file system may refuse
// such a name (macOS, Windows), and every tool shows it as some other name.
const NOT_UTF8 = new RegExp(`[${NOT_UTF8_BYTES}]`, 'u');
// Control characters, the bidi controls and the characters that show as nothing, which make a
// name read as another; and U+FFFD, which is what bytes that are not UTF-8 read as wherever a name
// is decoded without path-bytes.ts (a listing of the folder), so it could stand for such a name.
const unsafeCharacters = (name: string) => name.includes('\ufffd') || firstUnshown(name) !== undefined;
const WINDOWS_FORBIDDEN = /[<>:"\\|?*]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function notPortable(name: string): boolean {
  return (
    unsafeCharacters(name) ||
    WINDOWS_FORBIDDEN.test(name) ||
    WINDOWS_DEVICE.test(name) ||
    /[. ]$/.test(name) ||
    Buffer.byteLength(name) > 255
  );
}

/** Why this incoming path (with its git mode) may not be checked out here, or undefined. */
export function incomingPathProblem(relPath: string, mode: string): IncomingReason | undefined {
  const parts = relPath.split('/');
  if (isLocalStateName(parts[0] ?? '')) return 'local-state';
  if (parts.some(isGitName)) return 'git-name';
  // The journal's own .gitattributes is checked for what it says (incoming-attributes.ts); intimacy
  // writes no other, and a case-insensitive file system reads `.GitAttributes` as that one.
  const last = parts[parts.length - 1]!;
  if (foldName(last) === '.gitattributes' && (parts.length > 1 || last !== '.gitattributes')) return 'attributes';
  if (mode === MODE_LINK) return 'link';
  if (mode === MODE_SUBMODULE) return 'submodule';
  if (mode !== MODE_FILE && mode !== MODE_EXECUTABLE) return 'link';
  if (NOT_UTF8.test(relPath)) return 'not-utf8';
  if (parts.some(notPortable)) return 'not-portable';
  return undefined;
}

/** One refused path and why. */
export interface IncomingProblem {
  path: string;
  reason: IncomingReason | 'file-folder' | 'private-name' | 'attributes-line' | 'case-clash' | 'not-your-version';
  /** the line of the journal's .gitattributes that is refused ('attributes-line') */
  line?: string;
}

/** The sentence that says why a kind of path is refused, for the person reading sync's error. */
export function reasonText(reason: IncomingProblem['reason']): string {
  switch (reason) {
    case 'local-state':
      return `${STATE_DIR}/ belongs to this computer only (your private entries, drafts and caches), so nothing from the remote may land there`;
    case 'git-name':
      return 'names like .git belong to git itself';
    case 'attributes':
      return "a .gitattributes other than the journal's own (in a folder, or spelled another way) would change how git stores files (it can turn the encryption off)";
    case 'link':
      return 'a journal holds files only, and a link could point anywhere on this computer';
    case 'submodule':
      return 'a journal holds files only, not other repositories';
    case 'not-utf8':
      return 'its name is not UTF-8 (each \\xHH shown is a byte that is part of no character), so not every computer can check it out or show its name';
    case 'not-portable':
      return 'its name cannot be checked out on every computer (control or invisible characters, bytes that are not UTF-8, a reserved name or a name too long)';
    case 'too-big':
      return `it is bigger than any journal file (over ${MAX_INCOMING_BYTES / 1024 / 1024} MiB)`;
    case 'attributes-line':
      return "that line changes how git writes the journal's files to disk or into history, and intimacy writes only its encryption lines there";
    case 'private-name':
      return 'an entry of yours kept private on this computer has that name, and one name is one entry';
    case 'file-folder':
      return 'it replaces a file with a folder or a folder with a file, which would delete what is there';
    case 'not-your-version':
      return 'it is named as a conflict copy holding your version, but holds words this journal never had from you, so keeping "your" version would put the partner\'s words in place of yours';
    case 'case-clash':
      return 'another name in its folder differs from it only in case, so it could stand in for that file (an id is found whatever its case), and a computer that ignores case (macOS, Windows) would check one out over the other';
  }
}

/**
 * The arriving paths that would share a folder with a name differing from theirs only as a
 * case-insensitive file system compares them (foldName), among `present` (what stays of ours
 * in the folders on their way: each a full path) and each other; a path under a folder so
 * spelled is one of them. Ours are never refused: a modified file of ours arrives in our spelling. Pure.
 */
export function caseClashes(present: Iterable<string>, arriving: string[]): string[] {
  // Every name on the way, as (its folder, its folded name) → the spellings seen there.
  const spellings = new Map<string, Set<string>>();
  const note = (relPath: string) => {
    const slash = relPath.lastIndexOf('/');
    const key = `${relPath.slice(0, slash + 1)}\0${foldName(relPath.slice(slash + 1))}`;
    let seen = spellings.get(key);
    if (!seen) spellings.set(key, (seen = new Set()));
    seen.add(relPath);
  };
  const prefixes = (relPath: string) => relPath.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const ours = new Set(present);
  for (const relPath of ours) note(relPath);
  for (const relPath of arriving) for (const prefix of prefixes(relPath)) note(prefix);
  // Of the spellings of one name, ours stand: the others are refused (all of them, when none is ours).
  const clashing = new Set<string>();
  for (const seen of spellings.values()) {
    if (seen.size < 2) continue;
    const anyOurs = [...seen].some((spelled) => ours.has(spelled));
    for (const spelled of seen) if (!anyOurs || !ours.has(spelled)) clashing.add(spelled);
  }
  return arriving.filter((relPath) => prefixes(relPath).some((prefix) => clashing.has(prefix)));
}

/**
 * Paths that turn a file into a folder or a folder into a file between two trees: `removed`
 * are the paths one side lacks, `added` the paths it brings. Pure.
 */
export function fileFolderClashes(removed: string[], added: string[]): IncomingProblem[] {
  const removedSet = new Set(removed);
  const addedSet = new Set(added);
  const problems: IncomingProblem[] = [];
  const prefixes = (file: string) => {
    const parts = file.split('/');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
  };
  // Each clash is named by the path both sides give something else: that is the path the
  // partner's fix puts back (the file inside a folder made of it would only take the folder out).
  const named = new Set<string>();
  for (const file of added) {
    // a file that was there becomes a folder holding this one
    const clash = prefixes(file).find((prefix) => removedSet.has(prefix));
    if (clash && !named.has(clash)) {
      named.add(clash);
      problems.push({ path: clash, reason: 'file-folder' });
    }
  }
  for (const file of removed) {
    // a folder that held this file becomes a file
    const clash = prefixes(file).find((prefix) => addedSet.has(prefix));
    if (clash && !named.has(clash)) {
      named.add(clash);
      problems.push({ path: clash, reason: 'file-folder' });
    }
  }
  return problems;
}
