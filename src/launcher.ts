import path from 'node:path';
import { planOf, promptPlan } from './commands/plan.js';
import { loadCompiled } from './startup/compile-cache.js';

/**
 * The build's launcher (dist/cli.js): reads which command the arguments name, with the same
 * reading the program uses, and runs that command's bundle (dist/run-NAME.js), or dist/run.js
 * for the listing, --version and unknown commands. What a shell runs itself has a small bundle
 * of its own, without the program: `status --prompt`, before every prompt, first tries
 * dist/shell-prompt.js (shell-prompt.ts) and runs the status bundle only when that cannot
 * answer; `complete -- WORDS…`, at every Tab, runs dist/shell-complete.js (shell-complete.ts).
 * The build fills in BUNDLES (each bundle's name and a hash of its text, which keys its
 * compiled code, startup/compile-cache.ts) and SHELL_BUNDLES (the same for those two).
 */

declare const BUNDLES: Record<string, string>;
declare const SHELL_BUNDLES: Record<'prompt' | 'complete', string>;

// `intimacy log | head`: once the reader has gone, stop quietly, as other Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const args = process.argv.slice(2);
const { command } = planOf(args);
// Only a name the build made a bundle for: a word like `../x` never reaches the file system.
const name = command !== undefined && Object.hasOwn(BUNDLES, command) && command !== '' ? command : '';

function runCommand(): void {
  const file = path.join(__dirname, name === '' ? 'run.js' : `run-${name}.js`);
  loadCompiled(file, `${name || 'run'}-${BUNDLES[name]}`, process.env);
}

/** A shell's own bundle, run with its compiled code: what it exports. */
function shellBundle<T>(shell: keyof typeof SHELL_BUNDLES): T {
  const file = path.join(__dirname, `shell-${shell}.js`);
  return loadCompiled(file, `shell-${shell}-${SHELL_BUNDLES[shell]}`, process.env) as T;
}

const prompt = command === 'status' ? promptPlan(args) : undefined;
if (args[0] === 'complete' && args[1] === '--')
  void shellBundle<typeof import('./shell-complete.js')>('complete').answerCompletion(args.slice(2));
else if (prompt !== undefined)
  void shellBundle<typeof import('./shell-prompt.js')>('prompt')
    .answerPrompt(prompt.journal)
    .then((answered) => answered || runCommand());
else runCommand();
