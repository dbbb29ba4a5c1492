import type { Dirent } from 'node:fs';
import path from 'node:path';
import { fileCalls as fs } from '../file-calls.js';
import { pushAll } from '../many.js';
import { shownShellWord } from '../shell-word.js';
import type { Git } from './git.js';

/*
 * git's own lock files (index.lock, HEAD.lock, refs/heads/main.lock, config.lock…) are made
 * by a git process and removed when it ends; a git killed on the way leaves its lock, and
 * every later write then fails on it. Callers hold the journal's write lock, so no other
 * intimacy command is using git here; a lock is then stale when no other git program runs in
 * this repository (/proc tells, on Linux). Where processes cannot be seen, only a lock older
 * than a minute is taken for stale.
 */

/** Without a way to see processes, a lock must be this old to be taken for stale. */
const STALE_UNSEEN_MS = 60_000;

export interface GitLockState {
  /** stale locks removed, relative to the journal folder (.git/index.lock) */
  removed: string[];
  /** locks still held, with the git program holding them when one was seen */
  held: Array<{ lock: string; holder?: string }>;
}

/** The parent of a process, from /proc/PID/stat (the field after the command's closing parenthesis). */
async function parentOf(pid: string): Promise<string | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
}

/** A git started by this very process (directly, or by one of its git children). */
async function startedHere(pid: string): Promise<boolean> {
  let current: string | undefined = pid;
  for (let depth = 0; depth < 4 && current && current !== '1'; depth++) {
    current = await parentOf(current);
    if (current === String(process.pid)) return true;
  }
  return false;
}

/**
 * The git programs running in this repository (their pid and command line) other than this
 * process's own, when /proc tells.
 */
export async function gitProcessesIn(dir: string): Promise<string[] | undefined> {
  let pids: string[];
  try {
    pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return undefined;
  }
  const root = path.resolve(dir);
  const found: string[] = [];
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const comm = (await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim();
        if (!comm.startsWith('git')) return;
        const cwd = await fs.readlink(`/proc/${pid}/cwd`);
        if (cwd !== root && !cwd.startsWith(root + path.sep)) return;
        if (await startedHere(pid)) return;
        const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
        found.push(`pid ${pid}: ${cmdline || comm}`);
      } catch {
        // gone meanwhile, or another user's: not ours to judge
      }
    }),
  );
  return found;
}

async function lockFilesUnder(folder: string, depth: number): Promise<string[]> {
  let items: Dirent[];
  try {
    items = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const item of items) {
    const full = path.join(folder, item.name);
    if (item.isFile() && item.name.endsWith('.lock')) found.push(full);
    else if (item.isDirectory() && depth > 0) pushAll(found, await lockFilesUnder(full, depth - 1));
  }
  return found;
}

/** Every git lock file of this repository: beside the index and HEAD, and under refs/. */
export async function gitLockFiles(git: Git): Promise<string[]> {
  const [top, refs] = await git.gitPaths(['index', 'refs']);
  const gitDir = path.dirname(top!);
  const topLocks = (await lockFilesUnder(gitDir, 0)).filter((file) => path.basename(file) !== 'write.lock');
  return [...topLocks, ...(await lockFilesUnder(refs!, 6))];
}

/**
 * Removes the stale git locks of this repository and names those still held. `locks`: the
 * list from gitLockFiles, when the caller has it already. `onlyLook`: remove nothing, and list
 * the stale ones under `removed` (doctor tells before it cleans).
 */
export async function clearStaleLocks(
  git: Git,
  locks?: string[],
  options: { onlyLook?: boolean } = {},
): Promise<GitLockState> {
  const state: GitLockState = { removed: [], held: [] };
  const files = locks ?? (await gitLockFiles(git));
  if (files.length === 0) return state;
  const running = await gitProcessesIn(git.dir);
  const now = Date.now(); // file times are the system's, so is this (not the journal's clock)
  for (const file of files) {
    let age: number;
    try {
      age = now - (await fs.stat(file)).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    const shown = path.relative(git.dir, file);
    const stale = running === undefined ? age >= STALE_UNSEEN_MS : running.length === 0;
    if (stale) {
      if (!options.onlyLook) await fs.rm(file, { force: true });
      state.removed.push(shown);
    } else {
      state.held.push({ lock: shown, ...(running?.[0] ? { holder: running[0] } : {}) });
    }
  }
  return state;
}

/** The sentence for a lock still held: who holds it, or what to do if nobody does. */
export function heldLockText(git: Git, held: GitLockState['held']): string {
  const first = held[0];
  if (!first) return '';
  if (first.holder) return `git is busy in this journal (${first.holder}) and holds ${first.lock}`;
  return `${first.lock} is held by a git program, or was left by one that was stopped; if no git program is running, remove it (rm ${shownShellWord(path.join(git.dir, first.lock))})`;
}
