import { isEntryPath, parseEntryName, slugify } from '../store/naming.js';

/**
 * Where the partner's version of a file goes when both of us changed it: beside ours, with a
 * name that says whose it is. Entry copies keep a valid entry name (naming.ts reads the
 * `-conflict_<who>` part), so `intimacy log` and friends still list both versions. Pure.
 */
export function conflictCopyPath(relPath: string, who: string, taken: (relPath: string) => boolean): string {
  const slash = relPath.lastIndexOf('/');
  const dir = slash < 0 ? '' : relPath.slice(0, slash + 1);
  const base = relPath.slice(slash + 1);
  const tag = `conflict_${slugify(who, 'partner')}`;
  const { stem, ext } = splitForCopy(relPath, base);
  for (let attempt = 1; ; attempt++) {
    const candidate = `${dir}${stem}-${tag}${attempt > 1 ? `_${attempt}` : ''}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

function splitForCopy(relPath: string, base: string): { stem: string; ext: string } {
  if (isEntryPath(relPath)) {
    // A copy of a copy stays one copy deep, or the name would stop parsing as an entry.
    const copy = parseEntryName(base)?.conflictCopy;
    const stem = base.slice(0, -'.md'.length);
    return { stem: copy ? stem.slice(0, -(copy.length + 1)) : stem, ext: '.md' };
  }
  const dot = base.lastIndexOf('.');
  // `.gitignore` has no extension; `intimacy.yaml` keeps `.yaml` so editors still know it.
  if (dot <= 0) return { stem: base, ext: '' };
  return { stem: base.slice(0, dot), ext: base.slice(dot) };
}

/** A conflict copy's original path and the slug of whose version it holds, from its name alone. Pure. */
export interface CopyName {
  original: string;
  /** the slug after `conflict_`: whose version the copy holds */
  whoSlug: string;
}

const SETTINGS_COPY = /^intimacy-(conflict_[^/]+)\.yaml$/;
const OTHER_COPY = /^(.*)-(conflict_[^/.-]+)(\.[^./]+)?$/;

export function copyNameOf(relPath: string): CopyName | undefined {
  const slug = (tag: string) => tag.slice('conflict_'.length).replace(/_\d+$/, '');
  if (isEntryPath(relPath)) {
    const tag = parseEntryName(relPath.slice(relPath.lastIndexOf('/') + 1))?.conflictCopy;
    if (!tag) return undefined;
    return { original: `${relPath.slice(0, -(tag.length + 4))}.md`, whoSlug: slug(tag) };
  }
  const settings = SETTINGS_COPY.exec(relPath);
  if (settings) return { original: 'intimacy.yaml', whoSlug: slug(settings[1]!) };
  if (!relPath.startsWith('templates/')) return undefined;
  const other = OTHER_COPY.exec(relPath);
  if (!other) return undefined;
  return { original: `${other[1]}${other[3] ?? ''}`, whoSlug: slug(other[2]!) };
}
