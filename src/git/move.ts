import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { GitStepError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import type { Git } from './git.js';
import { firstGitLine } from './messages.js';
import { checkedOutTexts } from './objects.js';

/*
 * Moving the journal from one commit to another (a fast-forward or a merge made in objects
 * first): the index and the work tree in one `read-tree -m -u`, which refuses to overwrite
 * a file that is not committed (ignored ones included: no `--exclude-per-directory`), then
 * the branch. A note in .git/intimacy/ says what is under way, so that a process killed
 * between the two steps is finished by the next one instead of leaving the new files looking
 * like uncommitted changes.
 */

const NOTE = 'intimacy/moving';

interface MoveNote {
  from: string;
  to: string;
  branch: string;
}

async function notePath(git: Git): Promise<string> {
  return git.gitPath(NOTE);
}

/** Moves HEAD's branch `branch` (attaching HEAD to it) and the work tree from `from` to `to`. */
export async function moveBranch(git: Git, move: MoveNote): Promise<void> {
  const note = await notePath(git);
  await fs.mkdir(path.dirname(note), { recursive: true, mode: 0o700 });
  // A new file of its own: whatever stood at the name (a pipe, a link) is removed, never written through.
  await fs.rm(note, { force: true });
  await fs.writeFile(note, `${move.from} ${move.to} ${move.branch}\n`, { mode: 0o600, flag: 'wx' });
  // Fresh stat data, so that a file whose content is as committed is never taken for a change.
  await git.run(['update-index', '-q', '--refresh']);
  const read = await git.run(['read-tree', '-m', '-u', move.from, move.to]);
  if (read.code !== 0) {
    await fs.rm(note, { force: true });
    throw new GitStepError('git read-tree', firstGitLine(read.stderr));
  }
  await pointBranch(git, move);
  await fs.rm(note, { force: true });
}

async function pointBranch(git: Git, move: MoveNote): Promise<void> {
  await git.text(['update-ref', '-m', 'intimacy sync', `refs/heads/${move.branch}`, move.to]);
  const head = await git.run(['symbolic-ref', '--quiet', 'HEAD']);
  if (head.stdout.toString('utf8').trim() !== `refs/heads/${move.branch}`)
    await git.text(['symbolic-ref', 'HEAD', `refs/heads/${move.branch}`]);
}

/**
 * Finishes a move a killed process left half done: when the index already holds the new
 * tree, the branch is pointed at it. Anything else is left for the caller's own checks (the
 * files on disk are then committed like any others). True when there was a note.
 */
export async function finishInterruptedMove(git: Git): Promise<boolean> {
  const note = await notePath(git);
  let text: string;
  try {
    // Only a file is a note: a pipe at the name would be waited on for ever, a link leads elsewhere.
    if (!(await fs.lstat(note)).isFile()) {
      await fs.rm(note, { force: true });
      return false;
    }
    text = await fs.readFile(note, 'utf8');
  } catch {
    return false;
  }
  const [from = '', to = '', branch = ''] = text.trim().split(' ');
  const indexTree = await git.run(['write-tree']);
  const target = await git.run(['rev-parse', '--quiet', '--verify', `${to}^{tree}`]);
  const head = (await git.run(['rev-parse', '--quiet', '--verify', 'HEAD'])).stdout.toString('utf8').trim();
  const tip = (await git.run(['rev-parse', '--quiet', '--verify', `refs/heads/${branch}`])).stdout
    .toString('utf8')
    .trim();
  const indexIsTarget =
    indexTree.code === 0 &&
    target.code === 0 &&
    indexTree.stdout.toString('utf8').trim() === target.stdout.toString('utf8').trim();
  if (branch !== '' && indexIsTarget && (head === from || head === to) && (tip === '' || tip === from || tip === to))
    await pointBranch(git, { from, to, branch });
  else if (!indexIsTarget && target.code === 0) await putBackHalfWritten(git, from, to);
  await fs.rm(note, { force: true });
  return true;
}

/**
 * read-tree writes each file of the new tree in place and the index last, so a process killed
 * on the way can leave a file of `to` half written: only the first part of its text, which the
 * next look would take for a change of ours and commit. A file that `to` adds or changes and
 * whose bytes on disk are a strict beginning of its new text is such a file: a new one is
 * removed, a changed one given back its text from the index (still `from`'s), and the next
 * move writes them whole. Anything else on disk is left as it is, to be committed as ever.
 */
async function putBackHalfWritten(git: Git, from: string, to: string): Promise<void> {
  const diff = await git.run(['diff-tree', '-r', '-z', '--no-renames', from, to]);
  if (diff.code !== 0) return;
  const fields = diff.stdout.toString('utf8').split('\0');
  const changed: Array<{ path: string; blob: string; added: boolean }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, , , blob = '', status = ''] = (fields[i] ?? '').split(' ');
    if (status === 'A' || status === 'M') changed.push({ path: fields[i + 1]!, blob, added: status === 'A' });
  }
  const half: typeof changed = [];
  for (const file of changed) {
    const stat = await fs.lstat(path.join(git.dir, file.path)).catch(() => undefined);
    if (stat?.isFile()) half.push(file);
  }
  if (half.length === 0) return;
  // The text as git writes it to disk (through the filters: plain text in an encrypted journal).
  const texts = await checkedOutTexts(git, half);
  const restore: string[] = [];
  for (const file of half) {
    const text = texts.get(file.path);
    const full = path.join(git.dir, file.path);
    const stat = await fs.lstat(full).catch(() => undefined);
    // Never read more than the new text's length: a longer file cannot be a beginning of it.
    if (!text || !stat?.isFile() || stat.size >= text.length) continue;
    const disk = readBeginning(full, text.length);
    if (!disk || !text.subarray(0, disk.length).equals(disk)) continue;
    if (file.added) await fs.rm(full, { force: true });
    else restore.push(file.path);
  }
  if (restore.length > 0) await git.run(['checkout-index', '-f', '-q', '--', ...restore]);
}

/**
 * The file's bytes when it is still a plain file shorter than `max`; undefined otherwise.
 * Opened without waiting, so a pipe put there since the look is no half-written file.
 */
function readBeginning(file: string, max: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size >= max) return undefined;
    const bytes = Buffer.alloc(stat.size);
    const filled = readSync(fd, bytes, 0, bytes.length, 0);
    return bytes.subarray(0, filled);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
