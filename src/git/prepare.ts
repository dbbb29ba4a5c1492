import { CommitFailedError } from '../errors.js';
import type { Git } from './git.js';
import { clearStaleLocks } from './locks.js';
import { finishInterruptedMove } from './move.js';
import { finishAdvice, isSyncMerge, undoUnfinishedMerge, unfinishedOperation } from './unfinished.js';

/*
 * What every commit of the journal's files does first, so that what an interrupted command
 * left behind never stops the next one: stale git locks go, a move of the work tree cut short
 * is finished, and a sync merge left half done is undone with whatever was written since kept
 * on disk. A merge, rebase or other operation the user started is theirs: the commit is
 * refused with what to run, before anything is staged into it.
 */
export async function prepareToCommit(git: Git): Promise<void> {
  await clearStaleLocks(git);
  await finishInterruptedMove(git);
  const unfinished = await unfinishedOperation(git);
  if (!unfinished) return;
  if (unfinished === 'merge' && (await isSyncMerge(git))) {
    try {
      await undoUnfinishedMerge(git);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CommitFailedError(
        `a merge an interrupted sync left could not be undone (${reason}); run intimacy sync`,
      );
    }
    return;
  }
  throw new CommitFailedError(
    `git is in the middle of a ${unfinished} in ${git.dir}; run ${finishAdvice(unfinished)} there`,
  );
}
