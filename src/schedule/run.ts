import { spawn } from '../spawn.js';

/**
 * Runs one of the user's own programs (crontab, systemctl, notify-send) without a shell, with
 * nothing on its stdin but `input`, and a time limit: a scheduler that hangs must not hang
 * intimacy. `undefined` when the program is not installed.
 */
export interface ProgramResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runProgram(
  program: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<ProgramResult | undefined> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10_000);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code === 'ENOENT' ? undefined : { code: 127, stdout, stderr: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // a program that does not read its input
    child.stdin.end(options.input ?? '');
  });
}

/** The first line of what a program said on stderr, for an error message. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
