import { lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { shellWord } from '../shell-word.js';
import { ENTRIES_DIR } from './naming.js';

/**
 * entries/ is the journal's own folder, never a link to one: moved elsewhere and linked back,
 * it is a link that readers do not follow (log would find no entry), and to git every entry
 * is then deleted, which the next commit or sync must not take for a change to share. Every
 * command on the journal stops at it first, and says how to put the folder back.
 */
export function refuseLinkedEntries(journalDir: string): void {
  const target = linkTarget(journalDir, ENTRIES_DIR);
  if (target !== undefined) throw linkedFolder(journalDir, ENTRIES_DIR, target, 'every entry');
}

/**
 * The first folder on the way to one of `relPaths` (a year or a month) that is a link, and
 * where it points. Readers skip such a folder and name it, so the rest of the journal stays
 * readable; but to git each entry it held is deleted, and git refuses to add a path "beyond a
 * symbolic link", so committing or sharing must stop at it and say so.
 */
export function linkOnTheWay(journalDir: string, relPaths: string[]): { folder: string; target: string } | undefined {
  const looked = new Set<string>();
  for (const relPath of relPaths) {
    const parts = relPath.split('/');
    // Only the folders on the way: a link in a file's own place is never committed (save.ts).
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (looked.has(folder)) continue;
      looked.add(folder);
      const target = linkTarget(journalDir, folder);
      if (target !== undefined) return { folder, target };
    }
  }
  return undefined;
}

/** Stops a commit of `relPaths` that would go through a linked folder, with how to put it back. */
export function refuseLinkOnTheWay(journalDir: string, relPaths: string[]): void {
  const linked = linkOnTheWay(journalDir, relPaths);
  if (linked) throw linkedFolder(journalDir, linked.folder, linked.target, 'each entry in it');
}

/**
 * A folder of the journal's (`relFolder`, relative) that is a link to a folder elsewhere: where
 * it points, and the commands that put the folder itself back. Undefined for anything else.
 */
export function linkedFolderRepair(
  journalDir: string,
  relFolder: string,
): { target: string; commands: string } | undefined {
  const target = linkTarget(journalDir, relFolder);
  if (target === undefined) return undefined;
  try {
    if (!statSync(target).isDirectory()) return undefined;
  } catch {
    return undefined; // points nowhere: nothing to put back
  }
  return { target, commands: putBack(path.join(journalDir, relFolder), target) };
}

function putBack(folder: string, target: string): string {
  return `rm ${shellWord(folder)} && mv ${shellWord(target)} ${shellWord(folder)}`;
}

function linkTarget(journalDir: string, relFolder: string): string | undefined {
  const folder = path.join(journalDir, relFolder);
  try {
    if (!lstatSync(folder, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
    return path.resolve(path.dirname(folder), readlinkSync(folder));
  } catch {
    return undefined; // not there to look at: whatever reads it next says why
  }
}

function linkedFolder(journalDir: string, relFolder: string, target: string, what: string): UserError {
  const folder = path.join(journalDir, relFolder);
  return new UserError(
    `${folder} is a link to ${target}: intimacy does not follow links in a journal, and git would count ${what} as deleted. Nothing was changed.`,
    `Put the folder itself back in the journal: ${putBack(folder, target)}`,
  );
}
