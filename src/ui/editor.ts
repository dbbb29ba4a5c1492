import { spawn } from '../spawn.js';

/** The user's editor: $VISUAL, then $EDITOR, then vi (there on every Unix). */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return (env.VISUAL ?? '').trim() || (env.EDITOR ?? '').trim() || 'vi';
}

/** Whether the user named an editor; vi, the fallback, needs a terminal to ever finish. */
export function editorChosen(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.VISUAL ?? '').trim() !== '' || (env.EDITOR ?? '').trim() !== '';
}

/**
 * Opens FILE in the editor on this terminal and waits for it. The command goes through the
 * shell, as git does, so `EDITOR="code --wait"` works; the file is passed as an argument,
 * never pasted into the command. Resolves to the exit code (127: editor not found).
 */
export function runEditor(file: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const editor = editorCommand(env);
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', `${editor} "$1"`, editor, file], { stdio: 'inherit', env });
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
