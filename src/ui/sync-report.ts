import { shownShellWord } from '../shell-word.js';
import { syncSummary } from '../sync/summary.js';
import type { SyncResult } from '../sync/sync.js';
import { info, inline, print, printJson, warn } from './output.js';
import { reportLeftovers } from './saved.js';

/** At most this many paths are named in one line; the rest are counted. */
const NAMED = 5;

function listed(paths: string[]): string {
  const named = paths.slice(0, NAMED).join(', ');
  const more = paths.length - NAMED;
  return more > 0 ? `${named} and ${more} more` : named;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How sync (and autosync) say what happened: one summary line, then anything to look at. */
export function reportSync(
  result: SyncResult,
  options: { json?: boolean; toStderr?: boolean; partner?: string; dir?: string } = {},
): void {
  if (options.json) {
    printJson({ ...result, summary: syncSummary(result) });
    return;
  }
  reportRepairs(result);
  reportLeftovers(result.leftoversCommitted);
  const line = syncSummary(result);
  if (options.toStderr) info(line);
  else print(line);
  const who = options.partner ?? 'your partner';
  const Who = options.partner ?? 'Your partner';
  const show = (file: string) =>
    result.before
      ? `git${options.dir ? ` -C ${shownShellWord(options.dir)}` : ''} show ${shownShellWord(`${result.before.slice(0, 10)}:${file}`)}`
      : undefined;

  if (result.firstShare && result.pushed)
    info(`Your partner joins with: intimacy clone ${shownShellWord(result.remote)} --me NAME`);
  if (result.mergedSettings)
    info(`You and ${who} both changed intimacy.yaml, each a different setting: both changes are in it now.`);
  for (const conflict of result.conflicts) {
    const from = inline(conflict.from); // a name from git's commit author, which the partner's clone sets
    if (conflict.settledApart) {
      warn(
        `you and ${from} each settled the conflict in ${conflict.path}, keeping different versions: your choice is still there, ${from}'s is in ${conflict.copy}. Agree on one, then keep it with intimacy conflicts resolve.`,
      );
      continue;
    }
    warn(
      `you and ${from} both changed ${conflict.path}: yours is still there, ${from}'s version is in ${conflict.copy}. See intimacy conflicts, then keep one with intimacy conflicts resolve.`,
    );
  }
  for (const conflict of result.received.conflicts) {
    const where = conflict.mine
      ? `${who}'s version is now in ${conflict.path}, yours in ${conflict.copy}`
      : `one version is in ${conflict.path}, ${inline(conflict.whose)}'s in ${conflict.copy}`;
    warn(
      `you and ${who} both changed ${conflict.path}: ${where}. See intimacy conflicts, then keep one with intimacy conflicts resolve.`,
    );
  }
  for (const { from, to } of result.received.renamedMine)
    warn(
      `${Who}'s history renames your ${from.startsWith('entries/') ? 'entry' : 'file'} ${from} to ${to}; both names are kept (a rename never removes yours). If one is enough, delete the other here and sync.`,
    );
  const renamed = new Set(result.received.renamedMine.map(({ from }) => from));
  const kept = result.kept.filter((file) => !renamed.has(file));
  if (kept.length > 0) {
    const entries = kept.every((file) => file.startsWith('entries/'));
    const noun = entries
      ? count(kept.length, 'of your entries', 'of your entries')
      : count(kept.length, 'of your files', 'of your files');
    const one = kept.length === 1;
    warn(
      `${Who}'s history removes ${noun}: ${listed(kept)}. ${one ? 'It was' : 'They were'} kept (a deletion never wins over an entry) and ${one ? 'is' : 'are'} shared again; if you meant to remove ${one ? 'it' : 'them'}, delete ${one ? 'it' : 'them'} here too and sync.`,
    );
  }
  for (const file of result.received.changedMine) {
    const before = show(file);
    warn(`${Who}'s history changes your entry ${file}${before ? ` (your words before: ${before})` : ''}.`);
  }
  if (result.received.removed.length > 0) {
    const first = result.received.removed[0]!;
    const before = show(first);
    info(
      `${Who}'s history removes ${count(result.received.removed.length, 'file', 'files')}: ${listed(result.received.removed)}${before ? ` (to read one again: ${before})` : ''}.`,
    );
  }
  for (const file of result.keptEdits)
    info(`${file} was changed on one side and deleted on the other; the changed version was kept.`);
  if (result.rejoined) {
    const commits = result.rejoined.commits;
    warn(
      `this journal was on ${result.rejoined.from}; ${commits > 0 ? `its ${count(commits, 'commit', 'commits')} ${commits === 1 ? 'is' : 'are'}` : 'it is'} now on ${result.branch}, the journal's shared branch.`,
    );
  }
  for (const { ref, type } of result.notCommits ?? [])
    warn(
      `left ${inline(ref)} alone: it points at a ${inline(type)}, not a commit, so it holds no entries; delete it with git${options.dir ? ` -C ${options.dir}` : ''} update-ref -d ${inline(ref)}`,
    );
  if (result.renamedBranch)
    info(
      `The remote's journal branch is now ${result.renamedBranch.to} (${result.renamedBranch.from} is gone there); this journal follows it.`,
    );
  if (result.mergedBranches.length > 0)
    warn(
      `the remote also held journal entries on ${listed(result.mergedBranches)}; they are merged into ${result.branch}, the journal's shared branch.`,
    );
}

function reportRepairs(result: SyncResult): void {
  const { repaired } = result;
  if (repaired.staleLocks.length > 0)
    info(`Removed ${listed(repaired.staleLocks)}, left by a git command that was stopped.`);
  if (repaired.interruptedMove) info('Finished a sync that was interrupted.');
  if (repaired.interruptedMerge)
    info('Undid the merge an interrupted sync had left; entries written since are kept, and the merge is made again.');
}
