import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type CommitMemo, keepCommitMemo, vouchedIndex } from './commit-memo.js';
import type { Git } from './git.js';
import type { GitRun } from './run.js';

/*
 * The index committed as HEAD's child with git's own plumbing: `write-tree`, `commit-tree`,
 * then `update-ref` from the very commit read before (so a commit made meanwhile by another
 * process is never lost: the update is refused, and git commit runs instead). `git commit`
 * first looks at every file of the work tree (a stat of each, then the index written again),
 * most of an entry's save on a large journal: 35 ms of 49 at 10,000 entries, and it grows with
 * the journal, where these three take about 10 ms. What else git commit does is kept, or left
 * to it: wherever it would do more than these three (a hook it runs despite --no-verify, a
 * commit.* setting such as signing, a first commit, a journal whose loose objects its automatic
 * maintenance would pack, a message it would tidy, git's record of the files gone stale), or
 * anything here fails, the answer is false and the caller runs git commit, as before.
 */

/** Hooks `git commit --no-verify` still runs (pre-commit and commit-msg are the ones it skips). */
const COMMIT_HOOKS = ['prepare-commit-msg', 'post-commit', 'post-index-change'];

/**
 * git's own test before its automatic maintenance (gc --auto): more loose objects in
 * objects/17 than gc.auto's default (6,700) spread over 256 folders. Past it, git commit
 * runs, and starts the maintenance as it always has.
 */
const LOOSE_IN_ONE_FOLDER = Math.ceil(6700 / 256);
const LOOSE_NAME = /^[0-9a-f]{38}$/;

function manyLooseObjects(gitDir: string): boolean {
  try {
    return (
      readdirSync(path.join(gitDir, 'objects', '17')).filter((name) => LOOSE_NAME.test(name)).length >
      LOOSE_IN_ONE_FOLDER
    );
  } catch {
    return false; // no such folder: no loose object there
  }
}

/** A message git commit keeps as it is: one line, nothing to trim, nothing it could take for a comment. */
function keptAsWritten(message: string): boolean {
  return /^[^\s#](?:[^\n\r]*\S)?$/.test(message);
}

/** What commitIndex did: committed, or not (nothing changed then), with what it learned of the index. */
export type IndexCommit =
  | { committed: true }
  /** `staged`: the paths the index holds otherwise than HEAD, when it got as far as asking */
  | { committed: false; staged?: string[] };

/**
 * Commits what the index holds, with `env` (the author), as `git commit --quiet --no-verify -m
 * message` would, when what is staged is `paths` alone (`git add` has run). When it did not,
 * the caller runs git commit, naming the paths when something else is staged as well.
 * `probe`: a committed file other than `paths`, whose record in the index is looked at.
 */
export async function commitIndex(
  git: Git,
  message: string,
  env: Record<string, string>,
  probe: string,
  paths: string[],
  before: string | undefined,
): Promise<IndexCommit> {
  const declined = { committed: false } as const;
  if (!keptAsWritten(message)) return declined;
  const gitDir = git.knownGitPath('.');
  if (gitDir === undefined) return declined; // a linked worktree, or git's parts moved by the environment
  const config = await git.config().catch(() => undefined);
  if (!config || config.hooksPath !== undefined || config.commitConfigured) return declined;
  if (COMMIT_HOOKS.some((hook) => existsSync(path.join(gitDir, 'hooks', hook)))) return declined;
  if (manyLooseObjects(gitDir)) return declined;
  const vouched = vouchedIndex(git, before, probe);
  const { tree, staged, current } = vouched ? await treeOnly(git, vouched, paths) : await treeAndLooks(git, probe);
  if (staged === undefined) return declined; // no HEAD yet (the first commit): git commit makes it
  const treeId = tree.stdout.toString('utf8').trim();
  // Nothing staged (git commit says so, in its words, which the caller knows), something else
  // staged too, an index git cannot write as a tree (unmerged files), or a stale record.
  if (staged.length === 0 || !staged.every((relPath) => paths.includes(relPath))) return { committed: false, staged };
  if (tree.code !== 0 || !isObjectId(treeId) || current.code !== 0) return { committed: false, staged };
  // On the commit the memo vouched for, by its id: were HEAD moved since, update-ref refuses.
  const made = await git.run(['commit-tree', treeId, '-p', vouched?.head ?? 'HEAD', '-m', message], { env });
  const commit = made.stdout.toString('utf8').trim();
  if (made.code !== 0 || !isObjectId(commit)) return { committed: false, staged };
  // HEAD moves only from the parent the commit was made on: were it moved meanwhile, git
  // refuses, and the commit made here is left unreferenced.
  const moved = await git.run(['update-ref', '-m', `commit: ${message}`, 'HEAD', commit, `${commit}^`], { env });
  if (moved.code !== 0) return { committed: false, staged };
  keepCommitMemo(git, commit, treeId, probe);
  return { committed: true };
}

interface Looked {
  tree: GitRun;
  /** the paths the index holds otherwise than HEAD; undefined when there is no HEAD */
  staged: string[] | undefined;
  /** git's answer on whether its record of the probe is current (0: it is) */
  current: Pick<GitRun, 'code'>;
}

/** The index as the tree, what is staged, and whether git's record of the files is current, asked of git. */
async function treeAndLooks(git: Git, probe: string): Promise<Looked> {
  const [tree, against, current] = await Promise.all([
    git.run(['write-tree']),
    // What is staged, as HEAD has it: ours alone, or something else too (or nothing at all).
    git.run(['diff-index', '--cached', '--name-only', '--no-renames', '-z', 'HEAD', '--']),
    // git commit brings git's stat record of every file up to date; a record gone stale (the
    // journal copied or restored, every file then another file to git) makes each later git
    // status read every file again. One committed file tells: when git finds it different from
    // its record, git commit runs, and puts the record right.
    git.run(['diff-files', '--quiet', '--', `:(literal)${probe}`]),
  ]);
  const staged =
    against.code === 0
      ? against.stdout
          .toString('utf8')
          .split('\0')
          .filter((relPath) => relPath !== '')
      : undefined;
  return { tree, staged, current };
}

/**
 * The same, with the index vouched for by the last quick commit (commit-memo.ts): it was that
 * commit's tree, so what is staged now is ours, or nothing when the tree is that tree again.
 */
async function treeOnly(git: Git, memo: CommitMemo, paths: string[]): Promise<Looked> {
  const tree = await git.run(['write-tree']);
  const same = tree.stdout.toString('utf8').trim() === memo.tree;
  return { tree, staged: same ? [] : paths, current: { code: 0 } };
}

function isObjectId(text: string): boolean {
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(text);
}
