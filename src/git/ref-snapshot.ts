import { fileCalls as fs } from '../file-calls.js';
import type { Git } from './git.js';

/**
 * Where HEAD is and what the refs under a few folders point at, read in one git process
 * (`for-each-ref`), where asking each question alone (`symbolic-ref HEAD`, `rev-parse HEAD`,
 * one `rev-parse` or `for-each-ref` per ref) starts a git for each.
 */
export interface RefSnapshot {
  /** the branch HEAD is attached to */
  headBranch: string;
  /** the commit HEAD is at: the tip of headBranch */
  head: string;
  /** full ref name → commit, for every ref under the folders asked */
  tips: Map<string, string>;
}

/**
 * The snapshot, or undefined when the answer is not the plain case: HEAD detached, or on a
 * branch without a commit, outside the folders asked or reached through a link (git's `%(HEAD)`
 * marks the ref HEAD resolves to in the end, so .git/HEAD itself must name it), a ref that
 * points at anything but a commit (a tag, a tree), a layout whose HEAD file is not plainly
 * there, or git failing. Callers then ask their questions one at a time, as git's own commands
 * answer them. `folders` end with a slash.
 */
export async function refSnapshot(git: Git, folders: string[]): Promise<RefSnapshot | undefined> {
  const headFile = git.knownGitPath('HEAD');
  if (!headFile) return undefined;
  const [run, headText] = await Promise.all([
    git.run(['for-each-ref', '--format=%(HEAD)%00%(objecttype)%00%(objectname)%00%(refname)', ...folders]),
    fs.readFile(headFile, 'utf8').catch(() => ''),
  ]);
  if (run.code !== 0) return undefined;
  const tips = new Map<string, string>();
  let headRef: string | undefined;
  for (const line of run.stdout.toString('utf8').split('\n')) {
    if (line === '') continue;
    const [star, type, id, name] = line.split('\0');
    if (type !== 'commit' || !id || !name || !folders.some((folder) => name.startsWith(folder))) return undefined;
    tips.set(name, id);
    if (star === '*') headRef = name;
  }
  if (!headRef?.startsWith('refs/heads/') || headText !== `ref: ${headRef}\n`) return undefined;
  return { headBranch: headRef.slice('refs/heads/'.length), head: tips.get(headRef)!, tips };
}

/** The refs of a snapshot under `folder`, by their name after it. */
export function tipsUnder(snapshot: RefSnapshot, folder: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, id] of snapshot.tips) if (name.startsWith(folder)) found.set(name.slice(folder.length), id);
  return found;
}
