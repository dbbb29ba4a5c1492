import { UserError } from '../errors.js';
import { ensureExcluded } from '../git/exclude.js';
import { clearStaleLocks, heldLockText } from '../git/locks.js';
import { finishInterruptedMove } from '../git/move.js';
import { finishAdvice, isSyncMerge, undoUnfinishedMerge, unfinishedOperation } from '../git/unfinished.js';
import type { Journal } from '../journal/journal.js';
import { pushAll } from '../many.js';
import { SETTINGS_FILE, STATE_DIR } from '../store/layout.js';
import { withJournalLock } from '../store/lock.js';
import { commitLeftovers } from '../store/save.js';

/*
 * Before sync touches anything: what an interrupted command left behind is put right, so
 * that "the next intimacy command will commit it" is true. Stale git locks are removed (a live
 * git's are named), a move of the work tree that was cut short is finished, a sync merge left
 * half done (by an older intimacy) is undone with the entries written since kept, and
 * whatever is still uncommitted is committed.
 */

export interface RepairNotes {
  leftoversCommitted: number;
  /** files left uncommitted because they are still encrypted (damaged here, or another key's) */
  withheld: string[];
  repaired: { staleLocks: string[]; interruptedMerge: boolean; interruptedMove: boolean };
}

/** `seen`: what a first look found uncommitted (empty: nothing to commit unless repairs leave some). */
export async function repairLocalState(
  journal: Journal,
  notes: RepairNotes,
  seen: string[] | undefined,
): Promise<void> {
  const { git } = journal;
  await withJournalLock(journal.dir, async () => {
    const locks = await clearStaleLocks(git);
    pushAll(notes.repaired.staleLocks, locks.removed);
    if (locks.held.length > 0) {
      throw new UserError(
        `${capital(heldLockText(git, locks.held))}; sync changed nothing.`,
        'Run intimacy sync again when that git command is done.',
      );
    }
    // .intimacy/ stays ignored whatever a partner does to the committed .gitignore.
    await ensureExcluded(git, `/${STATE_DIR}/`);
    notes.repaired.interruptedMove = await finishInterruptedMove(git);
    const unfinished = await unfinishedOperation(git);
    if (unfinished === 'merge' && (await isSyncMerge(git))) {
      await undoUnfinishedMerge(git);
      notes.repaired.interruptedMerge = true;
    } else if (unfinished) {
      throw new UserError(
        `This journal is in the middle of a ${unfinished} that git left unfinished; sync did not touch it.`,
        `In ${git.dir} run ${finishAdvice(unfinished)}, then intimacy sync again. Entries written since stay on disk, and sync commits them.`,
      );
    }
    const repaired = notes.repaired.interruptedMerge || notes.repaired.interruptedMove || locks.removed.length > 0;
    if (seen?.length !== 0 || repaired)
      notes.leftoversCommitted += await commitLeftovers(journal, leftoverOptions(journal, notes.withheld));
  });
}

/**
 * Sync commits what was left uncommitted, but never an intimacy.yaml that cannot be used, nor
 * a file still in its encrypted form (collected in `withheld`): a broken file of this
 * computer's would then break the partner's journal, or stop the partner's sync.
 */
export function leftoverOptions(
  journal: Journal,
  withheld: string[],
): { always: true; except: string[]; withheld: string[] } {
  return { always: true, except: journal.settingsProblem ? [SETTINGS_FILE] : [], withheld };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
