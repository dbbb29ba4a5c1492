import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { JournalRepo } from '../journal/repo.js';
import { readTextIfExists } from '../journal/store.js';

/**
 * Wiring the encryption into git: .gitattributes (committed, so both clones agree on what is
 * encrypted), filter and diff drivers and a pre-push check (this clone's own .git, set up by
 * `encrypt init` and `encrypt import-key`, since git never copies them in a clone).
 */
export const ATTRIBUTES_FILE = '.gitattributes';
export const ATTRIBUTES = `# intimacy: entries and templates are stored encrypted in git, plain in this folder
entries/** filter=intimacy diff=intimacy -text
templates/** filter=intimacy diff=intimacy -text
`;
const HOOK_MARK = '# intimacy pre-push check';

export async function isEncryptedJournal(dir: string): Promise<boolean> {
  const text = await readTextIfExists(path.join(dir, ATTRIBUTES_FILE));
  return text !== undefined && /filter=intimacy/.test(text);
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

export async function configureClone(repo: JournalRepo): Promise<{ hookInstalled: boolean }> {
  await repo.setDriverConfig([
    ['filter.intimacy.process', selfCommand('filter process')],
    ['filter.intimacy.clean', selfCommand('filter clean %f')],
    ['filter.intimacy.smudge', selfCommand('filter smudge %f')],
    ['filter.intimacy.required', 'true'],
    ['diff.intimacy.textconv', selfCommand('filter textconv')],
    ['diff.intimacy.binary', 'false'],
  ]);
  const hook = path.join(await repo.gitDir(), 'hooks', 'pre-push');
  const existing = await readTextIfExists(hook);
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
