import { UsageError } from '../errors.js';
import type { EntryWalk } from '../reading/walk.js';
import { type Misnamed, namedParts } from '../store/misnamed.js';
import { slugify } from '../store/naming.js';
import { loadTemplates, loadTemplatesNamed } from '../templates/load.js';

/**
 * The entry types the commands write themselves, besides the templates' types. A command that
 * writes a new type of entry adds it here, so `log --type NAME` knows it before the first one.
 */
export const COMMAND_TYPES = ['gratitude', 'skip', 'question', 'reply'];

/**
 * `--type` names a type of entry this journal knows (a command's, a template's, or one found
 * in its files), so a typo fails clearly instead of silently listing nothing. The templates and
 * the files are looked at only for a name that is not a command's.
 */
export async function assertKnownTypes(
  journalDir: string,
  walk: EntryWalk,
  types: string[],
  misnamed?: Misnamed,
): Promise<void> {
  const wanted = types.map((type) => slugify(type, 'entry')).filter((slug) => !COMMAND_TYPES.includes(slug));
  if (wanted.length === 0) return;
  // Usually each is the name of the template that writes it: those few are read, not all of them.
  const named = await loadTemplatesNamed(journalDir, wanted);
  const writes = new Set([...named.templates.values()].map(({ template }) => slugify(template.type, 'entry')));
  if (wanted.every((slug) => writes.has(slug))) return;
  const known = new Set(COMMAND_TYPES);
  const { templates } = await loadTemplates(journalDir);
  for (const { template } of templates.values()) known.add(slugify(template.type, 'entry'));
  if (wanted.every((slug) => known.has(slug))) return;
  for (const file of await walk.all()) known.add(namedParts(file, misnamed).typeSlug);
  const unknown = types.filter((type) => !known.has(slugify(type, 'entry')));
  if (unknown.length === 0) return;
  const list = [...known].sort().join(', ');
  throw new UsageError(
    `${unknown.map((type) => `"${type}"`).join(', ')} ${unknown.length === 1 ? 'is not a type' : 'are not types'} of entry in this journal.`,
    `Known types: ${list}.`,
  );
}
