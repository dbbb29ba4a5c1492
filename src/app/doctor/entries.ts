import type { Journal } from '../../journal/journal.js';
import { pushAll } from '../../many.js';
import { linkedFolderRepair } from '../../store/entries-folder.js';
import { scanEntryFiles } from '../../store/entry-files.js';
import { ENTRY_FOLDER_REASON, type EntryProblem, NOT_FOLLOWED } from '../../store/entry-folders.js';
import { parseEntryName } from '../../store/naming.js';
import { loadSummaries } from '../../store/summaries.js';
import { inline } from '../../ui/output.js';
import { explainSkipped } from '../encrypted-entries.js';
import { type Check, check, some } from './check.js';

/** The reasons encrypted-entries.ts gives a file still encrypted in a clone with the key. */
const STILL_ENCRYPTED_HERE =
  /^(the encrypted file is damaged|encrypted with a different key|still encrypted in the folder)/;

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
        entries.length === 0
          ? 'No entries yet.'
          : entries.length === 1
            ? '1 entry, well formed.'
            : `${entries.length} entries, every one well formed.`,
      ),
    );
  else
    checks.push(
      check(
        'entries',
        'warn',
        `${skipped.length === 1 ? '1 file' : `${skipped.length} files`} under entries/ cannot be read as an entry; they are left out of every listing.`,
        {
          fix: skipped.some((file) => STILL_ENCRYPTED_HERE.test(file.reason))
            ? 'Put back a damaged encrypted file as its line says (git checkout -- FILE restores the last committed version; sync never sends it as it is); open any other with intimacy edit ID (or fix it in an editor). intimacy never rewrites them.'
            : 'Open each with intimacy edit ID (or fix it in an editor); intimacy never rewrites them.',
          details: some(skipped.map((file) => `${inline(file.relPath)}: ${inline(file.reason)}`)),
        },
      ),
    );
  // Folders named like an entry are no entry, and the cache lists files only: looked for here.
  const { strays } = await scanEntryFiles(journal.dir);
  const folders = strays
    .filter((stray) => stray.reason === ENTRY_FOLDER_REASON)
    .map((stray) => inline(stray.relPath))
    .sort();
  if (folders.length > 0) {
    const one = folders.length === 1;
    checks.push(
      check(
        'entry-folders',
        'warn',
        `${one ? '1 folder' : `${folders.length} folders`} under entries/ ${one ? 'is' : 'are'} named like an entry file; ${one ? 'it is' : 'they are'} left out of every listing.`,
        {
          fix: 'An entry is a file: move what each holds out of it, remove the folder and commit (git mv, git rm); if it came with a sync, your partner can do the same.',
          details: some(folders),
        },
      ),
    );
  }
  pushAll(checks, linkChecks(journal.dir, strays));
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

/**
 * Links (and pipes, devices) where entries or their folders belong: never followed, so what a
 * linked year or month folder holds is missing from every listing and is neither committed nor
 * shared (sync stops at it). A linked folder is named with the commands that put it back.
 */
function linkChecks(journalDir: string, strays: EntryProblem[]): Check[] {
  const links = strays
    .filter((stray) => stray.reason.endsWith(NOT_FOLLOWED))
    .sort((a, b) => a.relPath.localeCompare(b.relPath));
  if (links.length === 0) return [];
  const repairs = links.map((link) => linkedFolderRepair(journalDir, link.relPath));
  const folder = repairs.find((repair) => repair !== undefined);
  const one = links.length === 1;
  return [
    check(
      'entry-links',
      'warn',
      one
        ? '1 item under entries/ is a link or a special file, which intimacy never follows: what it leads to is missing from every listing, and neither committed nor shared.'
        : `${links.length} items under entries/ are links or special files, which intimacy never follows: what they lead to is missing from every listing, and neither committed nor shared.`,
      {
        fix: folder
          ? `Put each linked folder itself back in the journal (${folder.commands}), and replace any other link with the file itself.`
          : 'Replace each with the file itself, or remove it; intimacy never opens them.',
        details: some(
          links.map((link, i) => {
            const repair = repairs[i];
            return repair
              ? `${inline(link.relPath)}: a link to ${inline(repair.target)}`
              : `${inline(link.relPath)}: ${inline(link.reason)}`;
          }),
        ),
      },
    ),
  ];
}
