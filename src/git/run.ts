import { spawn } from 'node:child_process';

/*
 * The one place a git process is started. Every run is non-interactive (stdin closed or fed
 * from `input`, GIT_TERMINAL_PROMPT=0 in the environment the caller builds with gitEnv), reads
 * stdout as bytes and stderr as text, and never rejects because git said no: the exit code is
 * the caller's to read. With a time limit the child gets its own process group, so that the
 * limit ends git and the ssh it started together.
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
  /** hard limit; the whole process group is killed when it passes */
  timeoutMs?: number;
  /** written to git's stdin, which is then closed */
  input?: string | Buffer;
}

export function runGit(args: string[], options: GitRunOptions): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const timed = options.timeoutMs !== undefined;
    const child = spawn('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: timed,
    });
    const killGroup = (): void => {
      try {
        if (child.pid) process.kill(timed ? -child.pid : child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    if (timed) track(killGroup);
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
          killGroup();
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      untrack(killGroup);
      reject(error);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      untrack(killGroup);
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr, timedOut });
    });
  });
}

/**
 * The groups of the timed runs under way. In its own group a child no longer hears the
 * terminal's Ctrl-C: it is passed on to each group, and the interrupt then takes its usual
 * course here (the process ends as interrupted), as it does when no timed run is under way.
 */
const liveGroups = new Set<() => void>();

function track(killGroup: () => void): void {
  if (liveGroups.size === 0) process.on('SIGINT', onInterrupt);
  liveGroups.add(killGroup);
}

function untrack(killGroup: () => void): void {
  if (liveGroups.delete(killGroup) && liveGroups.size === 0) process.removeListener('SIGINT', onInterrupt);
}

function onInterrupt(): void {
  for (const killGroup of [...liveGroups]) {
    killGroup();
    untrack(killGroup);
  }
  process.kill(process.pid, 'SIGINT');
}
