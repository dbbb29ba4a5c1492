import { existsSync } from 'node:fs';
import path from 'node:path';
import { CommitFailedError } from '../errors.js';
import { changedPaths } from './branch-state.js';
import { authorEnv, type CommitAuthor } from './env.js';
import type { Git } from './git.js';
import { firstGitLine } from './messages.js';

const LOCK_RETRIES = 8;
const LOCK_RETRY_MS = 120;

/**
 * Commits exactly these paths (added, changed or deleted) and nothing else that is staged,
 * as `author`. Retries briefly while another git process holds index.lock; any other refusal
 * is a CommitFailedError with git's first line (the files stay as they are on disk).
 */
export async function commitPaths(git: Git, paths: string[], message: string, author: CommitAuthor): Promise<void> {
  const env = authorEnv(author);
  // stdin is closed and GIT_TERMINAL_PROMPT=0, so git can never wait for an answer.
  const step = async (args: string[]): Promise<void> => {
    const run = await git.run(args, { env });
    if (run.code !== 0) throw new Error(`${run.stderr}\n${run.stdout.toString('utf8')}`);
  };
  for (let attempt = 1; ; attempt++) {
    try {
      // A deletion already staged (`git rm`) is in neither the index nor the folder, and
      // `git add` would refuse its path; git rm --cached records such deletions instead.
      const present = paths.filter((relPath) => existsSync(path.join(git.dir, relPath)));
      const gone = paths.filter((relPath) => !present.includes(relPath));
      if (present.length > 0) await step(['add', '--all', '--', ...present]);
      if (gone.length > 0) await step(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...gone]);
      // Hooks are skipped: a hook that prompts or fails must not hold an entry hostage.
      await step(['commit', '--quiet', '--no-verify', '-m', message, '--', ...paths]);
      return;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (/index\.lock/.test(text) && attempt < LOCK_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
        continue;
      }
      // Another process may have committed these files already (intimacy commits leftovers).
      if (/nothing (added )?to commit|no changes added/.test(text) && (await changedPaths(git, paths)).length === 0)
        return;
      throw new CommitFailedError(firstGitLine(text));
    }
  }
}
