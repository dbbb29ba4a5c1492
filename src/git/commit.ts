import { existsSync } from 'node:fs';
import path from 'node:path';
import { CommitFailedError } from '../errors.js';
import { changedPaths } from './branch-state.js';
import { authorEnv, type CommitAuthor } from './env.js';
import type { Git } from './git.js';
import { commitIndex } from './index-commit.js';
import { indexChecksum } from './index-file.js';
import { clearStaleLocks, heldLockText } from './locks.js';
import { firstGitLine } from './messages.js';
import { prepareToCommit } from './prepare.js';

const LOCK_RETRIES = 8;
const LOCK_RETRY_MS = 120;

/**
 * Commits exactly these paths (added, changed or deleted) and nothing else that is staged,
 * as `author`, after putting right what an interrupted command left (prepare.ts). A lock a
 * stopped git left is removed; a live git's is waited for briefly. Any other refusal is a
 * CommitFailedError with git's first line (the files stay as they are on disk). `probe`: a
 * committed file that is not among `paths`, which git/index-commit.ts looks at. `exclude`:
 * paths inside folders among `paths` that stay out of the commit, whatever they hold.
 */
export async function commitPaths(
  git: Git,
  paths: string[],
  message: string,
  author: CommitAuthor,
  options: { probe?: string; exclude?: string[] } = {},
): Promise<void> {
  const env = authorEnv(author);
  const left = (options.exclude ?? []).map(excluded);
  // stdin is closed and GIT_TERMINAL_PROMPT=0, so git can never wait for an answer.
  const step = async (args: string[]): Promise<void> => {
    const run = await git.run(args, { env });
    if (run.code !== 0) throw new Error(`${run.stderr}\n${run.stdout.toString('utf8')}`);
  };
  await prepareToCommit(git);
  for (let attempt = 1; ; attempt++) {
    try {
      // A deletion already staged (`git rm`) is in neither the index nor the folder, and
      // `git add` would refuse its path; git rm --cached records such deletions instead.
      const present = paths.filter((relPath) => existsSync(path.join(git.dir, relPath)));
      const gone = paths.filter((relPath) => !present.includes(relPath));
      // Alone, the index is the commit: made without git commit's look at every file when
      // nothing else is asked of it (index-commit.ts), which asks what else is staged itself.
      const probe = options.probe;
      const quick = probe !== undefined && !paths.includes(probe) && gone.length === 0 && left.length === 0;
      // What else is staged, asked while git adds ours (before or after it: ours aside, the same).
      const asked = gone.length === 0 && !quick ? stagedPaths(git) : undefined;
      // The index as it was before ours is added: the last quick commit may vouch for it.
      const before = quick ? indexChecksum(git) : undefined;
      // --force: these are the journal's own files, which no .gitignore may keep out.
      if (present.length > 0) await step(['add', '--all', '--force', '--', ...present, ...left]);
      if (gone.length > 0) await step(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...gone]);
      let staged = await asked;
      if (quick) {
        const done = await commitIndex(git, message, env, probe, paths, before);
        if (done.committed) return;
        staged = done.staged ?? (await stagedPaths(git));
      }
      // Naming the paths keeps anything else staged out of the commit, but makes git build a
      // second, temporary index (as long again to write as the journal is large): only when
      // something else is staged. Hooks are skipped: one that prompts or fails must not hold an
      // entry hostage.
      const alone = left.length === 0 && staged?.every((relPath) => paths.includes(relPath)) === true;
      await step(['commit', '--quiet', '--no-verify', '-m', message, ...(alone ? [] : ['--', ...paths, ...left])]);
      return;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (/\.lock\b/.test(text)) {
        // A lock left by a git that was stopped goes at once; a live git's is waited for briefly.
        const locks = await clearStaleLocks(git);
        if (locks.removed.length > 0 && attempt < LOCK_RETRIES) continue;
        if (attempt < LOCK_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
          continue;
        }
        if (locks.held.length > 0) throw new CommitFailedError(heldLockText(git, locks.held));
      }
      // Another process may have committed these files already (intimacy commits leftovers).
      if (
        /nothing (added )?to commit|no changes added/.test(text) &&
        (await changedPaths(git, [...paths, ...left])).length === 0
      )
        return;
      throw new CommitFailedError(firstGitLine(text));
    }
  }
}

/** A pathspec that leaves `relPath` out, read as it is spelled (no wildcards). */
export function excluded(relPath: string): string {
  return `:(exclude,literal)${relPath}`;
}

/** The paths staged (the index against HEAD), or undefined when git cannot say. */
async function stagedPaths(git: Git): Promise<string[] | undefined> {
  const run = await git.run(['diff', '--cached', '--name-only', '--no-renames', '-z']).catch(() => undefined);
  if (run?.code !== 0) return undefined;
  return run.stdout
    .toString('utf8')
    .split('\0')
    .filter((relPath) => relPath !== '');
}
