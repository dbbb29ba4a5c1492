import { UsageError } from '../errors.js';
import type { EntryFile } from '../store/entry-folders.js';

/** An id prefix that fits several entries: exit 2, listing them so the user can pick. */
export function ambiguityError(target: string, candidates: EntryFile[]): UsageError {
  const shown = candidates
    .slice(-10)
    .reverse()
    .map((file) => `  ${file.id}`);
  const more = candidates.length > 10 ? `\n  … and ${candidates.length - 10} more` : '';
  return new UsageError(
    `"${target}" matches ${candidates.length} entries:\n${shown.join('\n')}${more}\n`,
    'Give more of the id.',
  );
}
