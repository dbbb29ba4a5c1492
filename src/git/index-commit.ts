import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Git } from './git.js';
import { headCommit } from './head-commit.js';

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
): Promise<IndexCommit> {
  const declined = { committed: false } as const;
  if (!keptAsWritten(message)) return declined;
  const gitDir = git.knownGitPath('.');
  if (gitDir === undefined) return declined; // a linked worktree, or git's parts moved by the environment
  const config = await git.config().catch(() => undefined);
  if (!config || config.hooksPath !== undefined || config.commitConfigured) return declined;
  if (COMMIT_HOOKS.some((hook) => existsSync(path.join(gitDir, 'hooks', hook)))) return declined;
  if (manyLooseObjects(gitDir)) return declined;
  // The parent, read before git is asked anything: were HEAD moved meanwhile (a commit of
  // another process), update-ref refuses and git commit runs, so that commit is never undone.
  const parent = headCommit(git) ?? 'HEAD';
  const [tree, against, current] = await Promise.all([
    git.run(['write-tree']),
    // What is staged, as the parent has it: ours alone, or something else too (or nothing at all).
    git.run(['diff-index', '--cached', '--name-only', '--no-renames', '-z', parent, '--']),
    // git commit brings git's stat record of every file up to date; a record gone stale (the
    // journal copied or restored, every file then another file to git) makes each later git
    // status read every file again. One committed file tells: when git finds it different from
    // its record, git commit runs, and puts the record right.
    git.run(['diff-files', '--quiet', '--', `:(literal)${probe}`]),
  ]);
  // No HEAD yet (the first commit): git commit makes it.
  if (against.code !== 0) return declined;
  const staged = against.stdout
    .toString('utf8')
    .split('\0')
    .filter((relPath) => relPath !== '');
  const treeId = tree.stdout.toString('utf8').trim();
  // Nothing staged (git commit says so, in its words, which the caller knows), something else
  // staged too, an index git cannot write as a tree (unmerged files), or a stale record.
  if (staged.length === 0 || !staged.every((relPath) => paths.includes(relPath))) return { committed: false, staged };
  if (tree.code !== 0 || !isObjectId(treeId) || current.code !== 0) return { committed: false, staged };
  const made = await git.run(['commit-tree', treeId, '-p', parent, '-m', message], { env });
  const commit = made.stdout.toString('utf8').trim();
  if (made.code !== 0 || !isObjectId(commit)) return { committed: false, staged };
  // HEAD moves only from the parent the commit was made on: were it moved meanwhile, git
  // refuses, and the commit made here is left unreferenced.
  const moved = await git.run(['update-ref', '-m', `commit: ${message}`, 'HEAD', commit, `${commit}^`], { env });
  return moved.code === 0 ? { committed: true } : { committed: false, staged };
}

function isObjectId(text: string): boolean {
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(text);
}
