import type { Dirent } from 'node:fs';
import path from 'node:path';
import { fileCalls as fs } from '../../file-calls.js';
import type { Journal } from '../../journal/journal.js';
import { shellWord } from '../../shell-word.js';
import { KEY_PATH, STATE_DIR } from '../../store/layout.js';
import { type Check, check, some } from './check.js';

/** Folders of the journal whose files are only yours to read (git's own .git is git's, bar the key). */
const OWN = ['entries', 'templates', 'decks', 'attachments', STATE_DIR];

/**
 * Files other users of this computer can read. The journal folder is 0700 when intimacy makes it,
 * which closes everything inside whatever git checks files out with (its umask): then all is
 * well but for the secrets, the key and .intimacy/ (private entries, drafts), which are looked
 * at whatever the folder is, since a folder is easily opened or copied elsewhere. When the
 * folder is open, each file and folder readable by others is named. `fix` closes each (go-rwx).
 */
export async function modeChecks(journal: Journal, options: { fix?: boolean } = {}): Promise<Check[]> {
  const root = await fs.stat(journal.dir);
  const closed = (root.mode & 0o077) === 0;
  const open: Array<{ full: string; mode: number }> = [];
  const note = async (full: string) => {
    const stat = await fs.lstat(full).catch(() => undefined);
    if (stat && !stat.isSymbolicLink() && (stat.mode & 0o044) !== 0) open.push({ full, mode: stat.mode & 0o777 });
  };
  const key = await journal.git.gitPath(KEY_PATH);
  if (closed) {
    await note(path.join(journal.dir, STATE_DIR));
    await note(key);
  } else {
    await note(journal.dir);
    for (const name of ['intimacy.yaml', '.gitignore', '.gitattributes']) await note(path.join(journal.dir, name));
    for (const folder of OWN) await walk(path.join(journal.dir, folder), note);
    await note(key);
  }
  const shown = (one: { full: string; mode: number }) =>
    `${path.relative(journal.dir, one.full) || '.'} (${one.mode.toString(8)})`;
  if (open.length === 0) return [check('modes', 'ok', 'Only you can open the journal folder (0700).')];
  if (options.fix) {
    for (const one of open) await fs.chmod(one.full, one.mode & ~0o077);
    return [
      check(
        'modes',
        'ok',
        `Closed ${open.length === 1 ? '1 file or folder' : `${open.length} files and folders`} to other users of this computer.`,
        {
          details: some(open.map(shown)),
        },
      ),
    ];
  }
  const what = `${open.length === 1 ? '1 file or folder' : `${open.length} files and folders`} in it can be read`;
  return [
    check(
      'modes',
      'warn',
      closed
        ? `${open.length === 1 ? 'The key or .intimacy/ (private entries, drafts) is' : 'The key and .intimacy/ (private entries, drafts) are'} open to other users, which the closed journal folder alone keeps from them.`
        : `The journal folder is open to other users of this computer (${(root.mode & 0o777).toString(8)}), and ${what}.`,
      {
        fix: `intimacy doctor --fix closes them (chmod -R go-rwx ${shellWord(journal.dir)} does the same).`,
        details: some(open.map(shown)),
      },
    ),
  ];
}

async function walk(folder: string, visit: (full: string) => Promise<void>): Promise<void> {
  let items: Dirent[];
  try {
    items = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  await visit(folder);
  for (const item of items) {
    const full = path.join(folder, item.name);
    if (item.isDirectory()) await walk(full, visit);
    else if (item.isFile()) await visit(full);
  }
}

/** .intimacy/ (drafts, private entries) is ignored by git, and nothing in it is committed. */
export async function ignoredChecks(journal: Journal): Promise<Check[]> {
  const [ignored, tracked] = await Promise.all([
    journal.git.run(['check-ignore', '--quiet', '--no-index', `${STATE_DIR}/`]),
    journal.git.run(['ls-files', '-z', '--', STATE_DIR]),
  ]);
  const committed = tracked.stdout.toString('utf8').split('\0').filter(Boolean);
  if (committed.length > 0)
    return [
      check(
        'ignored',
        'fail',
        `${STATE_DIR}/ holds files that are committed, so they reach your partner: this computer's own state.`,
        {
          fix: `git rm -r --cached ${STATE_DIR} in the journal, then commit; keep ${STATE_DIR}/ in .gitignore.`,
          details: some(committed),
        },
      ),
    ];
  if (ignored.code !== 0)
    return [
      check(
        'ignored',
        'fail',
        `git does not ignore ${STATE_DIR}/: drafts and private entries could be committed and shared.`,
        {
          fix: `Add the line ${STATE_DIR}/ to the journal's .gitignore and commit it.`,
        },
      ),
    ];
  return [check('ignored', 'ok', `git ignores ${STATE_DIR}/ (drafts, private entries, caches stay on this computer).`)];
}
