import type { Git } from '../git/git.js';
import { readAllFrontMatter } from './cache.js';
import { slugify } from './naming.js';
import type { EntrySummary } from './summaries.js';

/*
 * An entry's file name carries its type and author (<stamp>-<type>-<author>.md), and the reading
 * commands pick files by it before opening any. `intimacy edit` renames a file whose type or
 * author it changes (store/entry-edit.ts), but a name can still disagree with what the file says:
 * a partner's clone pushes one with plain git, a file is edited by hand, an entry that has
 * replies keeps its id. The front matter is what `log` shows, so it is what a filter must
 * agree with: these are the files whose names say otherwise, taken from the front matter cache
 * (cache.ts, which git's index vouches for, so no file is read while nothing changed).
 */

/** What a name says, or what the front matter says in its place. */
export interface NameParts {
  typeSlug: string;
  authorSlug: string;
}

/** relPath → the type and author slugs its front matter has, for files whose names disagree. */
export type Misnamed = ReadonlyMap<string, NameParts>;

/** The slugs a file's name would have for its front matter. */
export function partsOf(entry: { type: string; author: string }): NameParts {
  return { typeSlug: slugify(entry.type, 'entry'), authorSlug: slugify(entry.author) };
}

/** The entries whose file name does not carry their front matter's type and author. */
export function misnamedAmong(
  entries: Iterable<Pick<EntrySummary, 'relPath' | 'type' | 'author'>>,
): Map<string, NameParts> {
  const found = new Map<string, NameParts>();
  // A journal names a handful of types and authors: each slug is made once, not once a file.
  const slugs = new Map<string, NameParts>();
  for (const entry of entries) {
    const key = `${entry.type}\n${entry.author}`;
    let parts = slugs.get(key);
    if (!parts) slugs.set(key, (parts = partsOf(entry)));
    // <stamp>-<type>-<author> then `.md`, `-N` or `-conflict_…`: the stamp has no dash.
    const name = entry.relPath.slice(entry.relPath.lastIndexOf('/') + 1);
    const rest = name.slice(name.indexOf('-'));
    const expected = `-${parts.typeSlug}-${parts.authorSlug}`;
    const agrees = rest === `${expected}.md` || rest.startsWith(`${expected}-`);
    if (!agrees) found.set(entry.relPath, parts);
  }
  return found;
}

/** The shared entries (under entries/) whose names disagree with their front matter. Never rejects. */
export async function findMisnamed(git: Git): Promise<Map<string, NameParts>> {
  try {
    return misnamedAmong((await readAllFrontMatter(git)).entries);
  } catch {
    // Only a refinement of the names: without it filters go by names alone, as they always could.
    return new Map();
  }
}

/** The type and author a file stands for: its front matter's when its name disagrees. */
export function namedParts<T extends NameParts & { relPath: string }>(file: T, misnamed?: Misnamed): NameParts {
  return misnamed?.get(file.relPath) ?? file;
}
