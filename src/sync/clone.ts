import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { Git } from '../git/git.js';
import { networkStep } from '../git/network.js';
import { DIR_MODE, ensureDir, exists } from '../store/files.js';
import { SETTINGS_FILE } from '../store/layout.js';
import { assertRemoteUrl, networkError } from './remote.js';

/*
 * Clones the partner's journal into `target`. git clones into a fresh folder beside the
 * target first, so a failed or refused clone leaves nothing behind and never touches an
 * existing folder. An empty remote is reported as such: the caller starts a journal instead.
 */

export type CloneOutcome = { status: 'cloned' } | { status: 'empty-remote' };

export async function cloneJournal(
  url: string,
  target: string,
  options: { timeoutMs: number; env: NodeJS.ProcessEnv },
): Promise<CloneOutcome> {
  const checked = assertRemoteUrl(url);
  await assertUsableTarget(target);
  const parent = path.dirname(target);
  await ensureDir(parent);
  const staging = path.join(parent, `.${path.basename(target)}.intimacy-clone-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  try {
    const cloneArgs = ['clone', '--quiet', '--no-tags', '--origin', 'origin', '--', checked, staging];
    const run = await networkStep(new Git(parent, options.env), cloneArgs, { timeoutMs: options.timeoutMs });
    if (run.code !== 0) throw networkError(run, checked, options.timeoutMs);
    const clone = new Git(staging, options.env);
    const hasCommits = (await clone.run(['rev-parse', '--quiet', '--verify', 'HEAD^{commit}'])).code === 0;
    if (!hasCommits && !(await checkOutSomeBranch(clone))) return { status: 'empty-remote' };
    if (!(await exists(path.join(staging, SETTINGS_FILE)))) {
      throw new UserError(
        `${checked} is a git repository but not an intimacy journal (it has no ${SETTINGS_FILE}).`,
        'Check the URL with your partner; nothing was created here.',
      );
    }
    await fs.chmod(staging, DIR_MODE);
    // rename() also replaces an empty folder the user made for the journal.
    await fs.rename(staging, target);
    return { status: 'cloned' };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/**
 * A bare repository made with plain `git init --bare` points HEAD at `master` even when the
 * journal was pushed as `main`; git then clones without checking anything out. Pick the branch.
 */
async function checkOutSomeBranch(clone: Git): Promise<boolean> {
  const listed = await clone.run(['for-each-ref', '--format=%(refname:strip=3)', 'refs/remotes/origin/']);
  const branches = listed.stdout
    .toString('utf8')
    .split('\n')
    .filter((name) => name !== '' && name !== 'HEAD');
  const branch = ['main', 'master'].find((name) => branches.includes(name)) ?? branches[0];
  if (!branch) return false;
  const run = await clone.run(['checkout', '--quiet', '-b', branch, '--track', `origin/${branch}`]);
  return run.code === 0;
}

async function assertUsableTarget(target: string): Promise<void> {
  try {
    const stat = await fs.stat(target);
    if (!stat.isDirectory())
      throw new UserError(`${target} is a file, not a folder.`, 'Choose another place for the journal.');
    if ((await fs.readdir(target)).length > 0) {
      throw new UserError(
        `${target} already exists and is not empty.`,
        'Choose an empty or new folder, e.g. intimacy clone URL ~/our-journal.',
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
