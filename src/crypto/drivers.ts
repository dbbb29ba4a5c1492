import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Git } from '../git/git.js';
import { isEncryptedJournal } from '../store/encryption-state.js';
import { KEY_PATH } from '../store/layout.js';
import { configureClone } from './setup.js';

/*
 * git calls back into intimacy by the paths recorded in .git/config when encryption was set up
 * (node and intimacy's own script). After intimacy is moved or reinstalled, or node upgraded,
 * those paths lead nowhere and every commit fails ("the remote end hung up unexpectedly"), so
 * a journal being opened checks them and records the running intimacy instead.
 */

/** The programs a recorded driver command starts: `'node' 'script' filter process`. */
export function programsOf(command: string): string[] {
  const quoted = /^'((?:[^']|'\\'')*)' '((?:[^']|'\\'')*)'/.exec(command);
  return quoted ? [quoted[1]!, quoted[2]!].map((part) => part.replace(/'\\''/g, "'")) : [];
}

/** Whether this process is intimacy's own program (not a test runner or another tool loading it). */
function runningIntimacy(script = process.argv[1]): boolean {
  return script !== undefined && /^intimacy(\.js)?$/.test(path.basename(script)) && existsSync(script);
}

/** Re-records the drivers when the recorded programs are gone; true when it did. */
export async function repairStaleDrivers(git: Git, recorded: string | undefined): Promise<boolean> {
  if (recorded === undefined) return false;
  const programs = programsOf(recorded);
  if (programs.length === 2 && programs.every((program) => existsSync(program))) return false;
  if (!runningIntimacy()) return false;
  await configureClone(git);
  return true;
}

/**
 * Records the drivers again where this clone's .git/config lost them (deleted, or rewritten by
 * a tool) while its key is still there: without them git takes every entry for changed, and an
 * entry's commit is refused for a key the clone has. Only the key, this clone's own, says that
 * encryption was set up here; the journal must still be encrypting. True when it did.
 */
export async function restoreLostDrivers(git: Git, dir: string, recorded: string | undefined): Promise<boolean> {
  if (recorded !== undefined) return false;
  const key = git.knownGitPath(KEY_PATH);
  if (key === undefined || !existsSync(key)) return false;
  if (!(await isEncryptedJournal(dir)) || !runningIntimacy()) return false;
  await configureClone(git);
  return true;
}
