import { readdirSync, readFileSync } from 'node:fs';
import { spawn } from '../spawn.js';

/*
 * The one place a git process is started. Every run is non-interactive (stdin closed or fed
 * from `input`, GIT_TERMINAL_PROMPT=0 in the environment the caller builds with gitEnv), reads
 * stdout as bytes and stderr as text, and never rejects because git said no: the exit code is
 * the caller's to read. A time limit ends git and whatever it started.
 */

export interface GitRun {
  code: number;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

export interface GitRunOptions {
  cwd: string;
  env: Record<string, string>;
  /** hard limit; git and what it started are killed when it passes */
  timeoutMs?: number;
  /** written to git's stdin, which is then closed */
  input?: string | Buffer;
}

export function runGit(args: string[], options: GitRunOptions): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const timed = options.timeoutMs !== undefined;
    // Never a process group of its own: git and what it starts (ssh, git-remote-http) stay in
    // ours, so that whatever ends this process (Ctrl-C, a closed terminal, a kill of the group)
    // ends them too, and no git outlives it holding the journal's locks.
    const child = spawn('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    // stdout and stderr are pipes (stdio above)
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // git may exit before reading all of its input (a refused request): that is its answer, not ours to fail on.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
    const timer = timed
      ? setTimeout(() => {
          timedOut = true;
          if (child.pid) killTree(child.pid);
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr, timedOut });
    });
  });
}

/**
 * Ends a git that ran out of time and everything it started (ssh, git-remote-http, a
 * connection of git's own), found through /proc where there is one; elsewhere git alone, and
 * its children end when their pipes to it close.
 */
function killTree(pid: number): void {
  for (const one of [...descendantsOf(pid), pid]) {
    try {
      process.kill(one, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  let names: string[];
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // the parent is the second field after the command's closing parenthesis
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
