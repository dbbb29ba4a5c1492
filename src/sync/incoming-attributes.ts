/*
 * What the journal's own .gitattributes may say when it arrives from the partner's history.
 * git reads that file for every path it writes to disk or into history, so one line there can
 * re-encode every entry (`working-tree-encoding`), rewrite its bytes (`text`, `eol`, `ident`,
 * another `filter`), change how it merges (`merge`, `binary`) or, written after intimacy's own
 * lines, turn the encryption off again (`entries/** -filter`). intimacy writes only its
 * encryption lines there, so a line the partner brings is accepted when it is one of those,
 * one this clone's own file already holds (the user's own lines come back as they went), or
 * one that only changes how git shows a file (`-diff`, `-text`, `binary`, `export-ignore`, `linguist-*`).
 */

import type { Git } from '../git/git.js';
import { blobHeads } from '../git/objects.js';
import { type IncomingProblem, MAX_INCOMING_BYTES } from './incoming-rules.js';

/** The encryption's own lines: `FOLDER/** filter=intimacy diff=intimacy -text` and its forms. */
const OWN_ATTRIBUTES = new Set(['filter=intimacy', 'diff=intimacy', '-diff', '-text']);

/**
 * Attributes that change nothing git writes: how a diff is shown, what an archive leaves out,
 * and git's own merge (`binary` is `-diff -merge -text`), which intimacy never uses.
 */
function onlyShows(attribute: string): boolean {
  return (
    /^[-!]?diff(=[\w.-]+)?$/.test(attribute) ||
    /^(-text|binary|[-!]merge)$/.test(attribute) ||
    /^[-!]?(export-ignore|delta)$/.test(attribute) ||
    /^[-!]?linguist-[\w-]+(=[\w.-]+)?$/.test(attribute)
  );
}

/** The pattern and attributes of one line, or undefined for a blank line or a comment. */
function partsOf(line: string): { pattern: string; attributes: string[] } | undefined {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  // A quoted pattern may hold spaces: it ends at the first unescaped quote.
  const quoted = text.startsWith('"') ? /^"(?:[^"\\]|\\.)*"/.exec(text)?.[0] : undefined;
  const pattern = quoted ?? text.split(/\s+/, 1)[0]!;
  const attributes = text.slice(pattern.length).trim().split(/\s+/).filter(Boolean);
  return { pattern, attributes };
}

function isOwnLine({ pattern, attributes }: { pattern: string; attributes: string[] }): boolean {
  return (
    /^[a-z]+\/\*\*$/.test(pattern) &&
    attributes.includes('filter=intimacy') &&
    attributes.every((attribute) => OWN_ATTRIBUTES.has(attribute))
  );
}

/**
 * The first line of the arriving .gitattributes that may not land, or undefined when every
 * line may. `current` is this clone's own file (undefined when it has none).
 */
export function refusedAttributesLine(arriving: string, current: string | undefined): string | undefined {
  const kept = new Set((current ?? '').split(/\r?\n/).map((line) => line.trim()));
  for (const line of arriving.split(/\r?\n/)) {
    const parts = partsOf(line);
    if (!parts || kept.has(line.trim())) continue;
    // A macro ([attr]NAME …) can stand for any attribute, under a name of its own.
    if (parts.pattern.startsWith('[attr]')) return line.trim();
    if (isOwnLine(parts) || parts.attributes.every(onlyShows)) continue;
    return line.trim();
  }
  return undefined;
}

/**
 * The problem with the journal's .gitattributes as the blob `id` would land it, or undefined.
 * Sync and clone ask this of the file that arrives; `current` is this clone's own.
 */
export async function arrivingAttributesProblem(
  git: Git,
  file: { path: string; id: string },
  current: string | undefined,
): Promise<IncomingProblem | undefined> {
  // Read whole (a bigger blob is refused before this): a hostile line may stand after megabytes of comments.
  const text = (await blobHeads(git, [file.id], MAX_INCOMING_BYTES)).get(file.id)?.toString('utf8') ?? '';
  const line = refusedAttributesLine(text, current);
  return line === undefined ? undefined : { path: file.path, reason: 'attributes-line', line };
}
