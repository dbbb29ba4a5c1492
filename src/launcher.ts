import path from 'node:path';
import { planOf, promptPlan } from './commands/plan.js';
import { loadCompiled } from './startup/compile-cache.js';
import { cannotWrite, isTerminal, processStdout } from './ui/process-stdout.js';

/**
 * The build's launcher (dist/cli.js): reads which command the arguments name, with the same
 * reading the program uses, and runs that command's bundle (dist/run-NAME.js), or dist/run.js
 * for the listing, --version and unknown commands. What a shell runs itself has a small bundle
 * of its own, without the program: `status --prompt`, before every prompt, first tries
 * dist/shell-prompt.js (shell-prompt.ts) and runs the status bundle only when that cannot
 * answer; `complete -- WORDS…`, at every Tab, runs dist/shell-complete.js (shell-complete.ts).
 * The listing printed to a pipe or a file is text the build made.
 * The build fills in BUNDLES (each bundle's name and a hash of its text, which keys its
 * compiled code, startup/compile-cache.ts) and SHELL_BUNDLES (the same for those two).
 */

declare const BUNDLES: Record<string, string>;
declare const SHELL_BUNDLES: Record<'prompt' | 'complete', string>;
/** the listing as dist/run.js prints it off a terminal (scripts/build.mjs `listing`) */
declare const LISTING: string;

/**
 * process.stdout is a stream node makes when it is first asked for, and making it loads the
 * stream and socket modules. Most runs off a terminal never ask (ui/process-stdout.ts writes to
 * the descriptor): its handler (cannotWrite) is attached when, and only if, the stream is made.
 */
function whenStdoutIsMade(attach: (stream: NodeJS.WriteStream) => void): void {
  const made = Object.getOwnPropertyDescriptor(process, 'stdout');
  const make = made?.get;
  if (!made?.configurable || !make) {
    attach(process.stdout);
    return;
  }
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: made.enumerable,
    get() {
      const stream = make.call(process) as NodeJS.WriteStream;
      Object.defineProperty(process, 'stdout', { configurable: true, enumerable: made.enumerable, value: stream });
      attach(stream);
      return stream;
    },
  });
}

whenStdoutIsMade((stream) =>
  stream.on('error', (error: NodeJS.ErrnoException) => cannotWrite(error.code ?? error.message)),
);

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

/**
 * The listing alone (`intimacy`, `--help`, `-h`, `help`), printed anywhere but on a terminal:
 * the build's text, the bytes the program prints there. On a terminal commander wraps it to the
 * terminal's width, so the program prints it.
 */
function isListing(): boolean {
  return (args.length === 0 || (args.length === 1 && ['--help', '-h', 'help'].includes(args[0]!))) && !isTerminal(1);
}

const prompt = command === 'status' ? promptPlan(args) : undefined;
// Off a terminal, so written to the descriptor as the program writes its results (no stream made).
if (isListing()) processStdout.write(LISTING);
else if (args[0] === 'complete' && args[1] === '--')
  void shellBundle<typeof import('./shell-complete.js')>('complete').answerCompletion(args.slice(2));
else if (prompt !== undefined)
  void shellBundle<typeof import('./shell-prompt.js')>('prompt')
    .answerPrompt(prompt.journal)
    .then((answered) => answered || runCommand());
else runCommand();
