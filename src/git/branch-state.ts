import type { Git } from './git.js';
import { firstGitLine } from './messages.js';

/** What `git status` says about the branch and the files under some paths. */
export interface BranchState {
  /** the branch checked out; undefined on a detached HEAD */
  name?: string;
  upstream?: string;
  /** commits to send */
  ahead?: number;
  /** commits fetched but not yet integrated */
  behind?: number;
  uncommitted: number;
  /** the commit HEAD points at; undefined before the first commit */
  head?: string;
  /**
   * With `ignored`: paths whose file on disk is not what git's index records (changed or
   * deleted in the work tree, untracked, ignored, unmerged), as `git ls-files -m -o` would list
   */
  offIndex?: string[];
  /** With `ignored`: every path git mentions, staged changes too (so: not as in HEAD) */
  offHead?: string[];
}

/**
 * Where the branch stands against its remote, and how many files under `pathspecs` are not
 * committed. With `ignored`, also which files differ from the index (`offIndex`), so that no
 * second git process has to look at every file again.
 */
export async function branchState(
  git: Git,
  pathspecs: string[],
  options: { ignored?: boolean } = {},
): Promise<BranchState> {
  const ignored = options.ignored ? ['--ignored=matching'] : [];
  const run = await git.run([
    'status',
    '--porcelain=v2',
    '--branch',
    '-z',
    '--untracked-files=all',
    ...ignored,
    '--',
    ...pathspecs,
  ]);
  if (run.code !== 0) throw new Error(firstGitLine(run.stderr));
  const records = run.stdout.toString('utf8').split('\0');
  const state: BranchState = { uncommitted: 0, ...(options.ignored ? { offIndex: [], offHead: [] } : {}) };
  // Fields before the path: "1 XY sub mH mI mW hH hI path", "2 … Xscore path\0origPath", "u … h3 path".
  const fieldsBefore: Record<string, number> = { '1': 8, '2': 9, u: 10 };
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.startsWith('# branch.oid ')) {
      const oid = record.slice('# branch.oid '.length);
      if (/^[0-9a-f]{40,64}$/.test(oid)) state.head = oid; // "(initial)" before the first commit
    } else if (record.startsWith('# branch.head ')) {
      const name = record.slice('# branch.head '.length);
      if (name !== '(detached)') state.name = name;
    } else if (record.startsWith('# branch.upstream ')) state.upstream = record.slice('# branch.upstream '.length);
    else if (record.startsWith('# branch.ab ')) {
      const match = /^# branch\.ab \+(\d+) -(\d+)/.exec(record);
      if (match) {
        state.ahead = Number(match[1]);
        state.behind = Number(match[2]);
      }
    } else if (record.startsWith('? ') || record.startsWith('! ')) {
      if (record[0] === '?') state.uncommitted++;
      state.offIndex?.push(record.slice(2));
      state.offHead?.push(record.slice(2));
    } else if (/^[12u] /.test(record)) {
      state.uncommitted++;
      const kind = record[0]!;
      const relPath = record.split(' ').slice(fieldsBefore[kind]).join(' ');
      // Y, the work tree against the index, is the second letter of XY; unmerged is never clean.
      if (kind === 'u' || record[3] !== '.') state.offIndex?.push(relPath);
      state.offHead?.push(relPath);
      if (kind === '2') {
        i++; // the next record is the old name, which no longer is as in HEAD either
        state.offHead?.push(records[i] ?? '');
      }
    }
  }
  return state;
}

/**
 * Paths (relative, forward slashes) under `pathspecs` that differ from HEAD or are untracked,
 * and ignored ones too: a .gitignore (which a partner can change) never hides a journal file.
 */
export async function changedPaths(git: Git, pathspecs: string[]): Promise<string[]> {
  const run = await git.run([
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    // with --untracked-files=all, each file of an ignored folder is listed
    '--ignored=traditional',
    '--',
    ...pathspecs,
  ]);
  if (run.code !== 0) throw new Error(firstGitLine(run.stderr));
  const paths: string[] = [];
  const records = run.stdout.toString('utf8').split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (!record || record.length < 4) continue;
    const status = record.slice(0, 2);
    paths.push(record.slice(3));
    if (status[0] === 'R' || status[0] === 'C') i++; // the next record is the old name
  }
  return paths;
}
