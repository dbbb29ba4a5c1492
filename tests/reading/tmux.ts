import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A real pseudo-terminal through tmux, on a private server socket so tests never touch a
 * user's sessions. The command's exit code is written to a file when it ends.
 */
export class Terminal {
  private readonly socket: string;
  private readonly exitFile: string;

  constructor(
    dir: string,
    command: string,
    env: NodeJS.ProcessEnv,
    size = { columns: 100, rows: 12 },
  ) {
    this.socket = path.join(dir, 'tmux.sock');
    this.exitFile = path.join(dir, `exit-${Date.now()}`);
    const exports = Object.entries(env)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `export ${k}=${shellQuote(v!)};`)
      .join(' ');
    const script = `${exports} export TERM=xterm-256color; ${command}; echo $? > ${shellQuote(this.exitFile)}; sleep 30`;
    this.tmux(['new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), 'sh', '-c', script]);
  }

  private tmux(args: string[]): string {
    const result = spawnSync('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p']);
  }

  keys(...keys: string[]): void {
    this.tmux(['send-keys', ...keys]);
  }

  async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async exitCode(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(this.exitFile) || readFileSync(this.exitFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error(`the command did not finish; screen:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Number(readFileSync(this.exitFile, 'utf8').trim());
  }

  close(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
  }
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
