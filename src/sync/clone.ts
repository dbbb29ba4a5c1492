import path from 'node:path';
import { UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { ensureExcluded } from '../git/exclude.js';
import { Git } from '../git/git.js';
import { EMPTY_TREE } from '../git/history.js';
import { askRemote, CONNECT_MS, networkStep } from '../git/network.js';
import type { RemoteRefs } from '../git/remote-refs.js';
import { MODE_EXECUTABLE, MODE_FILE, objectSizes, treeItems } from '../git/tree.js';
import { keepInCloneCopy } from '../journal/clone-copy.js';
import { shownShellWord } from '../shell-word.js';
import { DIR_MODE, ensureDir } from '../store/files.js';
import { ATTRIBUTES_FILE, SETTINGS_FILE, STATE_DIR } from '../store/layout.js';
import { shownPath } from '../unsafe-chars.js';
import { arrivingAttributesProblem } from './incoming-attributes.js';
import { type IncomingProblem, incomingPathProblem, MAX_INCOMING_BYTES, reasonText } from './incoming-rules.js';
import { shownProblem } from './integrate.js';
import { assertRemoteUrl, networkError } from './remote.js';

/*
 * Clones the partner's journal into `target`. git clones into a fresh folder beside the
 * target first, without checking anything out; the journal's tree is checked as sync checks
 * what arrives (nothing under .intimacy/, no links, no submodules, no giant files), and only
 * then written out. So a failed or refused clone leaves nothing behind and never touches an
 * existing folder. An empty remote is reported as such: the caller starts a journal instead.
 */

export type CloneOutcome = { status: 'cloned'; branch: string } | { status: 'empty-remote' };

export interface CloneLimits {
  timeoutMs: number;
  connectMs?: number;
  env: NodeJS.ProcessEnv;
}

export async function cloneJournal(url: string, target: string, options: CloneLimits): Promise<CloneOutcome> {
  const checked = assertRemoteUrl(url);
  await assertUsableTarget(target);
  const parent = path.dirname(target);
  await ensureDir(parent);
  const outside = new Git(parent, options.env);
  const limits = { timeoutMs: options.timeoutMs, connectMs: options.connectMs ?? CONNECT_MS };
  const asked = await askRemote(outside, checked, limits);
  if (!asked.refs) throw networkError(asked.run, checked, Math.min(limits.connectMs, limits.timeoutMs), 'clone');
  const branch = journalBranchOf(asked.refs);
  if (!branch) return { status: 'empty-remote' };

  const staging = path.join(parent, `.${path.basename(target)}.intimacy-clone-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  try {
    const cloneArgs = ['clone', '--quiet', '--no-checkout', '--no-tags', '--origin', 'origin', '--branch', branch];
    const run = await networkStep(outside, [...cloneArgs, '--', checked, staging], limits);
    if (run.code !== 0) throw networkError(run, checked, limits.timeoutMs, 'clone');
    const clone = new Git(staging, options.env);
    const tree = await treeItems(clone, 'HEAD');
    if (!tree.has(SETTINGS_FILE)) {
      throw new UserError(
        `${checked} is a git repository but not an intimacy journal (it has no ${SETTINGS_FILE}).`,
        'Check the URL with your partner; nothing was created here.',
      );
    }
    await refuseHostileTree(clone, checked, tree);
    await ensureExcluded(clone, `/${STATE_DIR}/`);
    await clone.text(['read-tree', '-m', '-u', EMPTY_TREE, 'HEAD']);
    await clone.setConfig('intimacy.branch', branch);
    await keepInCloneCopy(clone, { remote: checked });
    await fs.chmod(staging, DIR_MODE);
    // rename() also replaces an empty folder the user made for the journal.
    await fs.rename(staging, target);
    return { status: 'cloned', branch };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/**
 * The branch a new clone follows: the one the remote's HEAD names, else main or master (a
 * bare repository made with plain `git init --bare` names master even when the journal was
 * pushed as main), else the only one there is.
 */
export function journalBranchOf(remote: RemoteRefs): string | undefined {
  if (remote.head && remote.branches.has(remote.head)) return remote.head;
  for (const name of ['main', 'master']) if (remote.branches.has(name)) return name;
  return [...remote.branches.keys()][0];
}

async function refuseHostileTree(clone: Git, url: string, tree: Awaited<ReturnType<typeof treeItems>>): Promise<void> {
  const problems: IncomingProblem[] = [];
  for (const [file, item] of tree) {
    const reason = incomingPathProblem(file, item.mode);
    if (reason) problems.push({ path: file, reason });
  }
  const blobs = [...tree].filter(([, item]) => item.mode === MODE_FILE || item.mode === MODE_EXECUTABLE);
  const sizes = await objectSizes(
    clone,
    blobs.map(([, item]) => item.id),
  );
  for (const [file, item] of blobs)
    if ((sizes.get(item.id) ?? 0) > MAX_INCOMING_BYTES) problems.push({ path: file, reason: 'too-big' });
  const attributes = tree.get(ATTRIBUTES_FILE);
  if (attributes && (attributes.mode === MODE_FILE || attributes.mode === MODE_EXECUTABLE)) {
    const problem = await arrivingAttributesProblem(clone, { path: ATTRIBUTES_FILE, id: attributes.id }, undefined);
    if (problem) problems.push(problem);
  }
  if (problems.length === 0) return;
  const first = problems[0]!;
  const names = problems.slice(0, 3).map(shownProblem);
  const more = problems.length - names.length;
  const top = first.reason === 'local-state' ? first.path.split('/')[0]! : first.path;
  throw new UserError(
    `The journal at ${url} holds ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}, which this journal refuses: ${reasonText(first.reason)}. Nothing was created here.`,
    first.line !== undefined
      ? `Ask whoever added it (your partner, or you on another computer) to take it out (in that journal: delete that line from ${shownPath(first.path)}, then git commit and intimacy sync), then clone again.`
      : `Ask your partner to take it out (in their journal: git rm -r --cached -- ${shownShellWord(top)}, then git commit and intimacy sync), then clone again.`,
  );
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
