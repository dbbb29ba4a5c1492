import type { Dirent } from 'node:fs';
import path from 'node:path';
import { fileCalls as fs } from '../../file-calls.js';
import { clearStaleLocks, gitLockFiles, gitProcessesIn, heldLockText } from '../../git/locks.js';
import type { Journal } from '../../journal/journal.js';
import { tempFileWriter } from '../../store/files.js';
import { KEY_PATH, STATE_DIR } from '../../store/layout.js';
import { processAlive, withJournalLock } from '../../store/lock.js';
import { type Check, check, some } from './check.js';

/*
 * What a killed write leaves behind: git's lock files (every later commit then fails on them),
 * intimacy's own temp files (`.NAME.tmp-PID-…`, beside the file being replaced, whose writer is
 * gone), and a killed fetch's half pack (objects/pack/tmp_*). Doctor names them; with --fix it
 * removes them, holding the journal's write lock so that no intimacy command is writing
 * meanwhile. Nothing else removes a temp file: a write that is killed never comes back for it.
 */

/** Folders intimacy writes files into (through a temp file beside each). */
const WRITTEN = ['entries', 'templates', 'decks', 'attachments', STATE_DIR];

interface Leftovers {
  /** stale git locks and git's half packs, relative to the journal folder */
  git: string[];
  /** locks a running git holds: not leftovers, but every write waits for them */
  held: string;
  /** temp files whose writer is gone, relative to the journal folder */
  temp: string[];
}

export async function leftoverChecks(journal: Journal, options: { fix?: boolean } = {}): Promise<Check[]> {
  const found = await findLeftovers(journal);
  const all = [...found.git, ...found.temp];
  const checks: Check[] = [];
  if (all.length === 0)
    checks.push(check('leftovers', 'ok', 'No stale git lock or temp file is left from an interrupted write.'));
  else if (options.fix) {
    const removed = await withJournalLock(journal.dir, () => removeLeftovers(journal));
    checks.push(
      check('leftovers', 'ok', `Removed ${count(removed.length)} left by an interrupted write.`, {
        details: some(removed),
      }),
    );
  } else
    checks.push(
      check(
        'leftovers',
        'warn',
        `${count(all.length)} left by an interrupted write${found.git.length > 0 ? ': while a git lock stays, commits fail on it' : ''}.`,
        {
          fix: 'intimacy doctor --fix removes them.',
          details: some(all),
        },
      ),
    );
  if (found.held)
    checks.push(
      check('git-busy', 'warn', `${found.held.charAt(0).toUpperCase()}${found.held.slice(1)}.`, {
        fix: 'Wait for it to finish; intimacy waits for it too.',
      }),
    );
  return checks;
}

function count(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}

async function findLeftovers(journal: Journal): Promise<Leftovers> {
  const locks = await clearStaleLocks(journal.git, undefined, { onlyLook: true });
  const [packs, temp] = await Promise.all([halfPacks(journal), tempFiles(journal)]);
  return {
    git: [...locks.removed, ...packs],
    held: locks.held.length > 0 ? heldLockText(journal.git, locks.held) : '',
    temp,
  };
}

/** Removes what findLeftovers finds (looked for again: it is the lock holder's view that counts). */
async function removeLeftovers(journal: Journal): Promise<string[]> {
  const locks = await clearStaleLocks(journal.git, await gitLockFiles(journal.git));
  const [packs, temp] = await Promise.all([halfPacks(journal), tempFiles(journal)]);
  for (const file of [...packs, ...temp]) await fs.rm(path.join(journal.dir, file), { force: true });
  return [...locks.removed, ...packs, ...temp];
}

/** git's temp packs from a fetch that was killed, when no git program runs here. */
async function halfPacks(journal: Journal): Promise<string[]> {
  const folder = await journal.git.gitPath('objects/pack');
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const half = names.filter((name) => name.startsWith('tmp_'));
  if (half.length === 0) return [];
  const running = await gitProcessesIn(journal.dir);
  if (running === undefined || running.length > 0) return [];
  return half.map((name) => path.relative(journal.dir, path.join(folder, name)));
}

/** intimacy's temp files whose writer no longer runs: in the journal's folders, and beside the key in .git. */
async function tempFiles(journal: Journal): Promise<string[]> {
  const found: string[] = [];
  const look = async (folder: string, deep: boolean) => {
    let items: Dirent[];
    try {
      items = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of items) {
      const full = path.join(folder, item.name);
      if (item.isDirectory() && deep) await look(full, deep);
      else if (item.isFile()) {
        const writer = tempFileWriter(item.name);
        if (writer !== undefined && !processAlive(writer)) found.push(path.relative(journal.dir, full));
      }
    }
  };
  await look(journal.dir, false);
  for (const folder of WRITTEN) await look(path.join(journal.dir, folder), true);
  await look(path.dirname(await journal.git.gitPath(KEY_PATH)), false);
  return found.sort();
}
