import type { Journal } from '../journal/journal.js';
import { slugsOf } from '../store/authors.js';
import type { EntryProblem } from '../store/entry-folders.js';
import { ENTRIES_DIR } from '../store/naming.js';
import { PRIVATE_ENTRIES } from '../store/private.js';
import { EntryWalk } from './walk.js';

/**
 * What a reading command walks: the shared entries, and the private ones (which stay on this
 * computer) of the reader only. It can start before git has said who is reading: the shared
 * folders are listed at once, private files are kept or dropped once `opening` tells.
 */
export function journalWalk(
  journalDir: string,
  opening: Promise<Pick<Journal, 'me' | 'settings'>>,
  report: (problem: EntryProblem) => void,
): EntryWalk {
  const ownPrivate = opening.then((journal) => {
    // Written under an earlier name of yours, a private entry is still yours.
    const mine = slugsOf(journal.settings, journal.me.name);
    return (file: { authorSlug: string }) => mine.includes(file.authorSlug);
  });
  ownPrivate.catch(() => undefined); // the caller awaits `opening` and meets the error there
  return new EntryWalk(
    journalDir,
    [
      { under: ENTRIES_DIR, reportStrays: true },
      { under: PRIVATE_ENTRIES, reportStrays: false, keep: ownPrivate },
    ],
    report,
  );
}
