import { run } from './program.js';
import { processStdout } from './ui/process-stdout.js';

/**
 * The program's edge: the only place in it that reads the process itself (arguments,
 * environment, working folder, streams) and sets its exit code; everything else is handed what
 * it needs. (Before it, the launcher reads the arguments too; the prompt's own start,
 * shell-prompt.ts, is an edge of its own.)
 */

run(process.argv, {
  env: process.env,
  cwd: process.cwd(),
  // process.stdin is a stream node makes on first use: only for the commands that read it.
  get stdin() {
    return process.stdin;
  },
  stdout: processStdout,
  get stderr() {
    return process.stderr;
  },
}).then((code) => {
  process.exitCode = code;
});
