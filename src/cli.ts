import { run } from './program.js';

/**
 * The edge: the only place that reads the process itself (arguments, environment, working
 * folder, streams) and sets its exit code. Everything else is handed what it needs.
 */

// `intimacy log | head`: once the reader has gone, stop quietly, as other Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv, {
  env: process.env,
  cwd: process.cwd(),
  // process.stdin is a stream node makes on first use: only for the commands that read it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
}).then((code) => {
  process.exitCode = code;
});
