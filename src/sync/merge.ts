import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { authorEnv } from '../git/env.js';
import { blob, changedNames, unmergedPaths } from '../git/history.js';
import { firstGitLine } from '../git/messages.js';
import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { commitAuthor } from '../store/commit.js';
import { ensureDir, writeFileAtomic } from '../store/files.js';
import { conflictCopyPath } from './conflict-copy.js';

export interface ConflictCopy {
  /** our version stays here */
  path: string;
  /** the partner's version, kept beside it */
  copy: string;
  from: string;
}

export interface MergeOutcome {
  conflicts: ConflictCopy[];
  /** changed on one side, deleted on the other: the changed version was kept */
  keptEdits: string[];
}

export function cannotMerge(dir: string, stderr: string): UserError {
  return new UserError(
    `git could not bring in your partner's changes: ${firstGitLine(stderr)}.`,
    `Look at git status in ${dir}; nothing was lost.`,
  );
}

/**
 * A real merge commit (both histories kept). Files changed on both sides are settled here,
 * not by git's line merge, so no entry can end up with conflict markers or a half-merged
 * YAML header: ours stays, theirs becomes a conflict copy; an edit wins over a delete.
 */
export async function mergeKeepingBoth(
  journal: Journal,
  input: { base: string; theirs: string; unrelated: boolean },
): Promise<MergeOutcome> {
  const outcome: MergeOutcome = { conflicts: [], keptEdits: [] };
  const git = journal.git;
  const { base, theirs } = input;
  const [ours, theirsChanged, differing] = await Promise.all([
    changedNames(git, base, 'HEAD'),
    changedNames(git, base, theirs),
    changedNames(git, 'HEAD', theirs),
  ]);
  const theirSet = new Set(theirsChanged);
  const differs = new Set(differing);
  const contested = new Set(ours.filter((file) => theirSet.has(file) && differs.has(file)));

  const env = authorEnv(commitAuthor(journal));
  const merge = await git.run(
    [
      'merge',
      '--no-ff',
      '--no-commit',
      '--no-verify',
      '--quiet',
      '-X',
      'no-renames',
      ...(input.unrelated ? ['--allow-unrelated-histories'] : []),
      theirs,
    ],
    { env },
  );
  if (!existsSync(await git.gitPath('MERGE_HEAD'))) {
    // git refused to start (e.g. an untracked file is in the way) and changed nothing.
    if (merge.code !== 0) throw cannotMerge(git.dir, merge.stderr);
    return outcome;
  }
  try {
    for (const file of await unmergedPaths(git)) contested.add(file);
    for (const file of [...contested].sort()) await settleContested(journal, file, theirs, outcome);
    const left = await unmergedPaths(git);
    if (left.length > 0) throw new Error(`could not settle ${left.join(', ')}`);
    const who = partnerOf(journal) ?? 'the remote';
    const commit = await git.run(['commit', '--quiet', '--no-verify', '-m', `Merge ${who}'s changes`], { env });
    if (commit.code !== 0) throw new Error(firstGitLine(commit.stderr));
  } catch (error) {
    // Never leave the journal mid-merge: back to exactly where it was before.
    const abort = await git.run(['merge', '--abort']);
    if (abort.code !== 0) await git.run(['reset', '--merge']);
    if (error instanceof UserError) throw error;
    throw new UserError(
      `Merging your partner's changes failed (${error instanceof Error ? error.message : String(error)}); the journal is back as it was.`,
      'Nothing was lost. Please report this, and look at git log in the journal.',
    );
  }
  return outcome;
}

async function settleContested(journal: Journal, file: string, theirs: string, outcome: MergeOutcome): Promise<void> {
  const { dir, git } = journal;
  const [oursContent, theirsContent] = await Promise.all([blob(git, `HEAD:${file}`), blob(git, `${theirs}:${file}`)]);
  if (oursContent && theirsContent) {
    await git.text(['checkout', 'HEAD', '--', file]);
    const from =
      (await git.text(['log', '-1', '--format=%an', theirs, '--', file])).trim() || partnerOf(journal) || 'partner';
    const copy = conflictCopyPath(file, from, (candidate) => existsSync(path.join(dir, candidate)));
    await ensureDir(path.dirname(path.join(dir, copy)));
    await writeFileAtomic(path.join(dir, copy), theirsContent);
    await git.text(['add', '--', copy]);
    outcome.conflicts.push({ path: file, copy, from });
    return;
  }
  if (oursContent) {
    await git.text(['checkout', 'HEAD', '--', file]);
    outcome.keptEdits.push(file);
  } else if (theirsContent) {
    await git.text(['checkout', theirs, '--', file]);
    outcome.keptEdits.push(file);
  } else {
    await git.text(['rm', '--quiet', '--cached', '--ignore-unmatch', '--', file]);
    await fs.rm(path.join(dir, file), { force: true });
  }
}
