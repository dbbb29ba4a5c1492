import path from 'node:path';
import { fileCalls as fs } from '../file-calls.js';
import type { Git } from '../git/git.js';
import { readLocalBytes } from '../store/safe-file.js';
import { attributesWanted } from './paths.js';

/**
 * Wiring the encryption into git: .gitattributes (committed, so both clones agree on what is
 * encrypted), filter and diff drivers and a pre-push check (this clone's own .git, set up by
 * `encrypt init` and `encrypt import-key`, since git never copies them in a clone).
 */
/**
 * A .gitattributes of a journal encrypted before it could have attachments (or decks), with the
 * lines that encrypt them added; undefined when it has them already.
 */
export function attributesWithAttachments(text: string): string | undefined {
  return attributesWanted(text);
}

const HOOK_MARK = '# intimacy pre-push check';
/** intimacy's hook is three short lines; a bigger one (a program of the user's) is not its own. */
const HOOK_MAX_BYTES = 64 * 1024;

/**
 * The pre-push hook's text; undefined when there is none, '' for what cannot be intimacy's (a
 * pipe, a folder, a file too big or not readable). Never waited on: a pipe is not opened for
 * reading whole.
 */
export function readHook(file: string): string | undefined {
  try {
    return readLocalBytes(file, HOOK_MAX_BYTES)?.toString('utf8');
  } catch {
    return '';
  }
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command line that runs this very intimacy, for git to call back. */
export function selfCommand(
  args: string,
  runtime = { node: process.execPath, script: process.argv[1] ?? 'intimacy' },
): string {
  return `${quote(runtime.node)} ${quote(path.resolve(runtime.script))} ${args}`;
}

/**
 * The filter and diff drivers (this clone's .git/config; they run intimacy itself, set here by
 * intimacy), and the pre-push check where git looks for hooks. A hook of the user's own is left
 * alone, and so is a hooks folder of their own choosing (core.hooksPath), which other
 * repositories may share: the check is then not installed.
 */
export async function configureClone(git: Git): Promise<{ hookInstalled: boolean; hooksPath?: string }> {
  const drivers: Array<[string, string]> = [
    ['filter.intimacy.process', selfCommand('filter process')],
    ['filter.intimacy.clean', selfCommand('filter clean %f')],
    ['filter.intimacy.smudge', selfCommand('filter smudge %f')],
    ['filter.intimacy.required', 'true'],
    ['diff.intimacy.textconv', selfCommand('filter textconv')],
    ['diff.intimacy.binary', 'false'],
  ];
  for (const [key, value] of drivers) await git.setConfig(key, value);
  const { hooksPath } = await git.config();
  if (hooksPath) return { hookInstalled: false, hooksPath };
  const hook = await git.gitPath('hooks/pre-push');
  const existing = readHook(hook);
  if (existing !== undefined && !existing.includes(HOOK_MARK)) return { hookInstalled: false };
  await fs.mkdir(path.dirname(hook), { recursive: true });
  await fs.writeFile(
    hook,
    `#!/bin/sh\n${HOOK_MARK}: refuses to push plain text where the journal is encrypted\nexec ${selfCommand('filter pre-push "$@"')}\n`,
    { mode: 0o700 },
  );
  await fs.chmod(hook, 0o700);
  return { hookInstalled: true };
}
