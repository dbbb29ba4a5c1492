import { completeWords } from './app/complete-words.js';
import { processStdout } from './ui/process-stdout.js';

/**
 * `intimacy complete -- WORDS…` started on its own (dist/shell-complete.js, which the launcher
 * runs for arguments that begin so): the shell asks it at every Tab, so it answers without
 * building the program (no commander, no command modules), with the same lines the complete
 * command prints. An edge, like cli.ts: it reads the process itself.
 */
export async function answerCompletion(words: string[]): Promise<void> {
  const lines = await completeWords(words, { env: process.env, cwd: process.cwd() });
  processStdout.write(lines.join('\n') + '\n');
}
