import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'intimacy.js');

const made: string[] = [];

/** A fresh temp folder, removed by cleanupTemp(). */
export function tempDir(prefix = 'intimacy-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function cleanupTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * "Now" for every command a test runs (INTIMACY_NOW), so that no test depends on the day it
 * runs. A Wednesday afternoon, well inside its week, month and year; a test that needs another
 * moment passes its own (see at()).
 */
export const TEST_NOW = '2026-11-25T18:30:00Z';

/** The same environment, with the clock at `instant` (an ISO 8601 string or a Date). */
export function at(env: NodeJS.ProcessEnv, instant: string | Date): NodeJS.ProcessEnv {
  return { ...env, INTIMACY_NOW: typeof instant === 'string' ? instant : instant.toISOString() };
}

/**
 * An environment like a new user's: empty HOME, no global or system git config (so no
 * git identity), no colour, nothing inherited that could point at a real journal, and the
 * clock at TEST_NOW.
 */
export function userEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    TERM: 'dumb',
    INTIMACY_NOW: TEST_NOW,
  };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** written to stdin, which is then closed; without it stdin is empty (not a TTY) */
  input?: string;
  timeoutMs?: number;
}

/**
 * Runs the CLI as a user's shell would, with its own environment, folder and stdin, and reads
 * what it prints and its exit code. Most runs happen inside this process (src/program.ts's
 * run, given the environment and streams a child would get), which spares a node start-up per
 * command; runs that depend on the process itself (its time zone; `encrypt`, which records
 * this very program's path for git to call back) start the built binary, as runBinary does.
 */
export function runCli(args: string[], options: RunOptions): Promise<RunResult> {
  const sameZone = (options.env.TZ ?? 'UTC') === (process.env.TZ ?? 'UTC');
  if (!sameZone || args.includes('encrypt') || args.includes('--encrypt')) return runBinary(args, options);
  return runInProcess(args, options);
}

// The commands run here read dates in the zone their environment names (UTC, see userEnv).
process.env.TZ ??= 'UTC';

async function runInProcess(args: string[], options: RunOptions): Promise<RunResult> {
  const { run } = await import('../../src/program.js');
  const stdout = new Collected();
  const stderr = new Collected();
  const stdin = Readable.from(options.input === undefined || options.input === '' ? [] : [options.input]);
  const code = await run([process.execPath, BIN, ...args], {
    env: options.env,
    cwd: options.cwd ?? options.env.HOME ?? process.cwd(),
    stdin,
    stdout,
    stderr,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A stream that keeps what is written to it, as a pipe to a parent would. */
class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

/** Runs the built CLI as a child process, the way a user's shell would. */
export function runBinary(args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: options.env,
      cwd: options.cwd ?? options.env.HOME,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs git in a folder and returns its stdout; throws with git's stderr on failure. */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A user's temp HOME plus an environment pointing at it. */
export function newUser(extra: Record<string, string | undefined> = {}): { home: string; env: NodeJS.ProcessEnv } {
  const home = tempDir('intimacy-home-');
  return { home, env: userEnv(home, extra) };
}

/** The default journal location for a user made by newUser(). */
export function defaultJournal(home: string): string {
  return path.join(home, '.local', 'share', 'intimacy', 'journal');
}

/**
 * A git program at work in `dir` that is no child of this test process (as the user's own git
 * would be): it waits until stopped. intimacy then takes git's locks there for live ones.
 */
export function busyGit(dir: string): { pid: number; stop: () => void } {
  // It reads a FIFO it holds open for writing too, so it never sees the end of its input.
  const fifo = path.join(tempDir('intimacy-busy-'), 'input');
  const started = spawnSync(
    'sh',
    ['-c', `mkfifo "${fifo}" && git hash-object --stdin <>"${fifo}" >/dev/null 2>&1 & echo $!`],
    { cwd: dir, encoding: 'utf8' },
  );
  const pid = Number(started.stdout.trim());
  return {
    pid,
    stop: () => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone already */
      }
    },
  };
}

/**
 * The git programs (and their helpers: ssh started by git, git-remote-http) whose working
 * folder is `dir`, as /proc tells (empty where there is no /proc): what a finished or killed
 * command must not leave running.
 */
export function gitProcessesIn(dir: string): string[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const pid of pids) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (!/^(git|ssh)/.test(comm)) continue;
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) found.push(`${pid} ${comm}`);
    } catch {
      // gone meanwhile, or a zombie
    }
  }
  return found;
}
