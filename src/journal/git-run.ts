import { spawn } from 'node:child_process';
import { firstGitLine, gitEnv } from './repo.js';

/**
 * Runs git for sync and clone, where simple-git does not fit: merges exit non-zero on
 * purpose, blobs are read as bytes, and network steps need a hard time limit that also ends
 * ssh. The child gets its own process group so a timeout kills git and its ssh together.
 */
export interface GitRun {
  code: number;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

export interface GitRunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** hard limit; the whole process group is killed when it passes */
  timeoutMs?: number;
}

export function runGit(args: string[], options: GitRunOptions): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const timed = options.timeoutMs !== undefined;
    const child = spawn('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: options.cwd,
      env: options.env ?? gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: timed,
    });
    const killGroup = (): void => {
      try {
        if (child.pid) process.kill(timed ? -child.pid : child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    // In its own group the child no longer hears the terminal's Ctrl-C: pass it on, then leave.
    const onInterrupt = (): void => {
      killGroup();
      process.exit(130);
    };
    if (timed) process.once('SIGINT', onInterrupt);
    const out: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup();
          }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      process.removeListener('SIGINT', onInterrupt);
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr, timedOut });
    });
  });
}

/** git failed in a way sync does not expect; carries git's own first line. */
export class GitStepError extends Error {
  constructor(
    readonly step: string,
    readonly detail: string,
  ) {
    super(`${step}: ${detail}`);
    this.name = 'GitStepError';
  }
}

/** Runs a local git step that must succeed and returns its stdout as text. */
export async function gitText(args: string[], cwd: string, env?: Record<string, string>): Promise<string> {
  const run = await runGit(args, { cwd, env });
  if (run.code !== 0) throw new GitStepError(`git ${args[0] ?? ''}`, firstGitLine(run.stderr));
  return run.stdout.toString('utf8');
}
