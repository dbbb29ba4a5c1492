import type { Journal } from '../../journal/journal.js';
import { parseEntryName } from '../../store/naming.js';
import { loadSummaries } from '../../store/summaries.js';
import { inline } from '../../ui/output.js';
import { explainSkipped } from '../encrypted-entries.js';
import { type Check, check, some } from './check.js';

/** Every entry file read (through the front matter cache): the malformed ones, and the open conflict copies. */
export async function entryChecks(journal: Journal): Promise<Check[]> {
  const { entries, skipped: read } = await loadSummaries(journal.git, undefined, { conflictCopies: true });
  const explain = await explainSkipped(journal);
  const skipped = read.map(explain);
  const checks: Check[] = [];
  if (skipped.length === 0)
    checks.push(
      check(
        'entries',
        'ok',
        `${entries.length === 1 ? '1 entry' : `${entries.length} entries`}, every one well formed.`,
      ),
    );
  else
    checks.push(
      check(
        'entries',
        'warn',
        `${skipped.length === 1 ? '1 file' : `${skipped.length} files`} under entries/ cannot be read as an entry; they are left out of every listing.`,
        {
          fix: 'Open each with intimacy edit ID (or fix it in an editor); intimacy never rewrites them.',
          details: some(skipped.map((file) => `${inline(file.relPath)}: ${inline(file.reason)}`)),
        },
      ),
    );
  const copies = entries.filter(
    (entry) => parseEntryName(entry.relPath.slice(entry.relPath.lastIndexOf('/') + 1))?.conflictCopy,
  );
  if (copies.length === 0) checks.push(check('conflicts', 'ok', 'No conflict copies are open.'));
  else
    checks.push(
      check(
        'conflicts',
        'warn',
        `${copies.length === 1 ? '1 conflict copy is' : `${copies.length} conflict copies are`} open: both of you changed the same entry.`,
        {
          fix: 'intimacy conflicts shows each beside its entry; intimacy conflicts resolve ID --keep mine|theirs|both settles it.',
          details: some(copies.map((entry) => inline(entry.relPath))),
        },
      ),
    );
  return checks;
}
