import { realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/*
 * Where `export -o` may write: anywhere but inside the journal. An export holds the private
 * entries of this computer, and a file in the journal is the journal's: one under entries/ is
 * committed and shared by the next sync, and one at a path the journal already uses (a private
 * entry, intimacy.yaml, .git/) would be replaced by the export.
 */

/** The real path `file` has or would have: its deepest existing folder's, through any link, then the rest. */
function realPathOf(file: string): string {
  const rest: string[] = [];
  let at = path.resolve(file);
  for (;;) {
    try {
      return path.join(realpathSync(at), ...rest);
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.join(at, ...rest);
      rest.unshift(path.basename(at));
      at = parent;
    }
  }
}

/** Refuses an export to `target` (an absolute path) inside `journalDir`, saying where to write instead. */
export function refuseExportInJournal(target: string, journalDir: string, given: string): void {
  const journal = realPathOf(journalDir);
  const relative = path.relative(journal, realPathOf(target));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return;
  throw new UsageError(
    `-o ${given} is inside the journal (${journal}); nothing was written. An export there would be shared by the next sync, with your private entries, or replace a file of the journal's.`,
    `Write it outside the journal, e.g. -o ${path.join(path.dirname(journal), path.basename(target))}`,
  );
}
