import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, tempDir } from './cli.js';
import { inCi } from './sshd.js';

/** Whether a program is on this machine's PATH. */
export function installed(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Whether the tests that need `program` (zsh, fish, man…) run: locally they are skipped when it
 * is missing; under CI, where .ci/run installs it, a missing one fails the run instead.
 */
export function shellTestsRun(program: string): boolean {
  if (installed(program)) return true;
  if (inCi) throw new Error(`CI is set but ${program} is not installed: .ci/run should have installed it.`);
  return false;
}

/** bash-completion's library, which bash completion scripts (ours included) build on. */
export const BASH_COMPLETION = '/usr/share/bash-completion/bash_completion';

/** Whether bash-completion is installed (as shellTestsRun: required under CI). */
export function bashCompletionTestsRun(): boolean {
  if (existsSync(BASH_COMPLETION)) return true;
  if (inCi) throw new Error('CI is set but bash-completion is not installed: .ci/run should have installed it.');
  return false;
}

/**
 * A folder holding an `intimacy` command that runs the built CLI, to put first on PATH: the
 * completion scripts call `intimacy` by name, as they do once `npm run setup` has linked it.
 */
export function intimacyOnPath(): string {
  const dir = path.join(tempDir('intimacy-bin-'), 'bin');
  mkdirSync(dir);
  const file = path.join(dir, 'intimacy');
  writeFileSync(file, `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(file, 0o755);
  return dir;
}
