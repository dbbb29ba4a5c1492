import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BIN } from './cli.js';

/**
 * The built CLI in a real pseudo-terminal: a detached tmux session on a private socket,
 * driven with send-keys and read with capture-pane. Waits poll the screen, never sleep blindly.
 */
let sessions = 0;

export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface Terminal {
  /** the visible screen, blank lines dropped */
  screen(): string;
  /** the screen's rows as the terminal drew them: a line too wide for it is two rows here */
  rows(): string[];
  /** waits until the screen shows `text` (or matches it); fails with the screen after `timeoutMs` */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** tmux key names (Enter, Down, Space, C-c) or literal text with {literal: true} */
  keys(...keys: string[]): void;
  type(text: string): void;
  /** the exit code once the command has finished */
  exitCode(timeoutMs?: number): Promise<number>;
  kill(): void;
}

/** The built CLI with these arguments, at a terminal. */
export function startTerminal(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  size = { columns: 120, rows: 40 },
): Terminal {
  return startShellTerminal([process.execPath, BIN, ...args].map(shellQuote).join(' '), env, cwd, size);
}

/** Any shell command line at a terminal (pipes, several commands, variables set for one call). */
export function startShellTerminal(
  commandLine: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  size = { columns: 120, rows: 40 },
): Terminal {
  const socket = `intimacy-test-${process.pid}-${++sessions}`;
  // The tmux server inherits its environment from the first call: give it only the user's.
  const serverEnv = { ...env, TERM: 'xterm-256color' };
  const tmux = (...tmuxArgs: string[]) =>
    spawnSync('tmux', ['-L', socket, ...tmuxArgs], { encoding: 'utf8', env: serverEnv });
  const envFlags = Object.entries(serverEnv).flatMap(([key, value]) =>
    value === undefined ? [] : ['-e', `${key}=${value}`],
  );
  // The shell line prints the exit code and keeps the pane open so the last screen can be read.
  const line = `${commandLine}; echo "EXIT=$?"; sleep 600`;
  const started = tmux(
    '-f',
    '/dev/null',
    'new-session',
    '-d',
    '-x',
    String(size.columns),
    '-y',
    String(size.rows),
    '-c',
    cwd,
    ...envFlags,
    line,
  );
  if (started.status !== 0) throw new Error(`tmux did not start: ${started.stderr}`);

  const screen = () =>
    tmux('capture-pane', '-p', '-J')
      .stdout.split('\n')
      .filter((l) => l.trim() !== '')
      .join('\n');
  const waitFor = async (text: string | RegExp, timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = screen();
      if (typeof text === 'string' ? now.includes(text) : text.test(now)) return now;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; the screen shows:\n${now}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  };
  return {
    screen,
    rows: () =>
      tmux('capture-pane', '-p')
        .stdout.split('\n')
        .filter((l) => l.trim() !== ''),
    waitFor,
    keys: (...keys) => void tmux('send-keys', ...keys),
    type: (text) => void tmux('send-keys', '-l', text),
    exitCode: async (timeoutMs) => Number((/EXIT=(\d+)/.exec(await waitFor(/EXIT=\d+/, timeoutMs)) ?? [])[1]),
    kill: () => {
      // kill-server leaves the socket file behind; remove it so runs leave no litter.
      const socketPath = tmux('display-message', '-p', '#{socket_path}').stdout.trim();
      tmux('kill-server');
      if (socketPath.includes(socket)) rmSync(socketPath, { force: true });
    },
  };
}
