import { listEntryFiles, readEntryFile } from '../store/entry-files.js';
import { slugify } from '../store/naming.js';
import { commitmentsIn, type RunContext } from './answers.js';
import type { Template } from './schema.js';

/**
 * What the author promised at their previous run of this template (e.g. last week's
 * check-in), so this run can look back at it. Only the newest such entry counts.
 */
export async function runContextFor(
  journalDir: string | undefined,
  template: Template,
  author: string,
): Promise<RunContext> {
  if (!journalDir) return { previousCommitments: [] };
  const typeSlug = slugify(template.type, 'entry');
  const authorSlug = slugify(author);
  const files = (await listEntryFiles(journalDir)).filter(
    (f) => f.typeSlug === typeSlug && f.authorSlug === authorSlug,
  );
  for (const file of files.reverse()) {
    try {
      const entry = await readEntryFile(journalDir, file);
      if (entry.author !== author || (entry.fields.template !== undefined && entry.fields.template !== template.name))
        continue;
      return { previousCommitments: commitmentsIn(entry) };
    } catch {
      // A hand-broken entry should not block tonight's check-in; look further back.
    }
  }
  return { previousCommitments: [] };
}
