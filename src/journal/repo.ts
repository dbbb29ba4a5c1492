import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { dropPrefetchedConfig, takePrefetchedConfig } from './config-prefetch.js';
import { runGit, type GitRun } from './git-run.js';

/**
 * The journal's git repository. Every call runs non-interactively: no terminal prompt,
 * no pager, unicode paths unquoted. Network operations live with sync, not here.
 */
export interface GitConfigValues {
  userName?: string;
  userEmail?: string;
  /** who "I" am in this clone (intimacy.me in .git/config; never shared) */
  me?: string;
  /** the encryption filter is wired into this clone */
  filterConfigured?: boolean;
  /** remote.origin.url: where sync fetches from and pushes to */
  remoteUrl?: string;
  /** core.sshCommand: the user's own ssh line, which sync extends */
  sshCommand?: string;
  /** git answered; absent when reading the config failed (the other fields are then unknown, not unset) */
  read?: true;
}

function runConfigList(dir: string): Promise<GitRun> {
  return runGit(['config', '--list', '-z'], { cwd: dir });
}

export interface CommitAuthor {
  name: string;
  email: string;
}

export interface BranchState {
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

/** git refused to commit; the files are on disk and will be committed by a later command. */
export class CommitFailedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CommitFailedError';
  }
}

const LOCK_RETRIES = 8;
const LOCK_RETRY_MS = 120;

export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...extra };
}

/**
 * simple-git refuses to pass on environment variables such as EDITOR, PAGER or GIT_SSH_COMMAND
 * unless told to. They come from the user's own environment, so they are trusted; the checks on
 * arguments (`--upload-pack`, `ext::` and the like) stay on.
 */
const TRUST_USER_ENVIRONMENT = {
  allowUnsafeEditor: true,
  allowUnsafePager: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeSshCommand: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeGitProxy: true,
  allowUnsafeTemplateDir: true,
};

export class JournalRepo {
  private gitPromise: Promise<SimpleGit> | undefined;
  /** Asked before every commit; a reason to refuse stops it (the files stay on disk). */
  commitGuard: (() => Promise<string | undefined>) | undefined;

  constructor(readonly dir: string) {}

  /** simple-git is loaded on first use so commands that never touch git start faster. */
  git(): Promise<SimpleGit> {
    this.gitPromise ??= import('simple-git').then(({ simpleGit }) =>
      simpleGit({
        baseDir: this.dir,
        config: ['core.quotepath=off'],
        trimmed: false,
        unsafe: TRUST_USER_ENVIRONMENT,
      }).env(gitEnv()),
    );
    return this.gitPromise;
  }

  async init(): Promise<void> {
    dropPrefetchedConfig(this.dir);
    const git = await this.git();
    await git.raw(['init', '--quiet', '--initial-branch=main']);
  }

  /**
   * Reads the identity and encryption settings git would apply here. Like the commit in
   * commitPaths, this runs git directly rather than through simple-git: it is on the path of
   * every writing command, and loading simple-git costs more than the git process itself
   * (see BENCHMARKS.md, "gratitude").
   */
  async readConfig(): Promise<GitConfigValues> {
    const run = await (takePrefetchedConfig(this.dir) ?? runConfigList(this.dir));
    if (run.code !== 0) throw new Error(firstGitLine(run.stderr));
    // -z: each record is "key\nvalue\0"; a later value of the same key wins, as in git.
    const all = new Map<string, string>();
    for (const record of run.stdout.toString('utf8').split('\0')) {
      const newline = record.indexOf('\n');
      if (newline > 0) all.set(record.slice(0, newline), record.slice(newline + 1));
    }
    const last = (key: string): string | undefined => {
      const one = all.get(key);
      return one && one.trim() !== '' ? one : undefined;
    };
    return {
      userName: last('user.name'),
      userEmail: last('user.email'),
      me: last('intimacy.me'),
      filterConfigured: last('filter.intimacy.process') !== undefined,
      remoteUrl: last('remote.origin.url')?.trim(),
      // git prints section and key names in lower case
      sshCommand: last('core.sshcommand'),
      read: true,
    };
  }

  async setLocalConfig(key: string, value: string): Promise<void> {
    dropPrefetchedConfig(this.dir);
    const git = await this.git();
    await git.raw(['config', '--local', key, value]);
  }

  /**
   * Sets filter and diff drivers in this clone's own config. simple-git guards these keys
   * because they run commands; here the commands are intimacy itself, set by intimacy.
   */
  async setDriverConfig(values: Array<[string, string]>): Promise<void> {
    dropPrefetchedConfig(this.dir);
    const { simpleGit } = await import('simple-git');
    const git = simpleGit({
      baseDir: this.dir,
      unsafe: { ...TRUST_USER_ENVIRONMENT, allowUnsafeFilter: true, allowUnsafeDiffTextConv: true },
    }).env(gitEnv());
    for (const [key, value] of values) await git.raw(['config', '--local', key, value]);
  }

  async gitDir(): Promise<string> {
    const git = await this.git();
    const dir = (await git.raw(['rev-parse', '--absolute-git-dir'])).trim();
    return dir;
  }

  /**
   * Where the branch stands against its remote, and how many files are not committed. With
   * `ignored`, also which files differ from the index (`offIndex`): status then needs no
   * second git process that looks at every file again (see git-index.ts, lookAtJournal).
   */
  async branchState(options: { ignored?: boolean } = {}): Promise<BranchState> {
    // Run directly, like readConfig: status should not wait for simple-git to load.
    const ignored = options.ignored ? ['--ignored=matching'] : [];
    const run = await runGit(
      [
        'status',
        '--porcelain=v2',
        '--branch',
        '-z',
        '--untracked-files=all',
        ...ignored,
        '--',
        'entries',
        'templates',
        'intimacy.yaml',
      ],
      { cwd: this.dir },
    );
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

  /** Paths (relative, forward slashes) that differ from HEAD or are untracked. */
  async changedPaths(pathspecs: string[]): Promise<string[]> {
    // Run directly, like readConfig: sync asks this every time and simple-git costs more to load.
    const run = await runGit(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...pathspecs], {
      cwd: this.dir,
    });
    if (run.code !== 0) throw new Error(firstGitLine(run.stderr));
    const out = run.stdout.toString('utf8');
    const paths: string[] = [];
    const records = out.split('\0');
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (!record || record.length < 4) continue;
      const status = record.slice(0, 2);
      paths.push(record.slice(3));
      if (status[0] === 'R' || status[0] === 'C') i++; // the next record is the old name
    }
    return paths;
  }

  /**
   * Commits exactly these paths (added, changed or deleted) and nothing else that is staged.
   * Retries briefly while another git process holds index.lock.
   */
  async commitPaths(paths: string[], message: string, author: CommitAuthor): Promise<void> {
    const refusal = await this.commitGuard?.();
    if (refusal) {
      await markUncommitted(this.dir);
      throw new CommitFailedError(refusal);
    }
    const env = gitEnv({
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    });
    // git is run directly (no simple-git) on this hot path; see readConfig. stdin is closed and
    // GIT_TERMINAL_PROMPT=0, so git can never wait for an answer.
    const step = async (args: string[]): Promise<void> => {
      const run = await runGit(args, { cwd: this.dir, env });
      if (run.code !== 0) throw new Error(`${run.stderr}\n${run.stdout.toString('utf8')}`);
    };
    for (let attempt = 1; ; attempt++) {
      try {
        // A deletion already staged (`git rm`) is in neither the index nor the folder, and
        // `git add` would refuse its path; git rm --cached records such deletions instead.
        const present = paths.filter((relPath) => existsSync(path.join(this.dir, relPath)));
        const gone = paths.filter((relPath) => !present.includes(relPath));
        if (present.length > 0) await step(['add', '--all', '--', ...present]);
        if (gone.length > 0) await step(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...gone]);
        // Hooks are skipped: a hook that prompts or fails must not hold an entry hostage.
        await step(['commit', '--quiet', '--no-verify', '-m', message, '--', ...paths]);
        return;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (/index\.lock/.test(text) && attempt < LOCK_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
          continue;
        }
        // Another intimacy command may have committed our file already (it commits leftovers).
        if (/nothing (added )?to commit|no changes added/.test(text) && (await this.changedPaths(paths)).length === 0)
          return;
        await markUncommitted(this.dir);
        throw new CommitFailedError(firstGitLine(text));
      }
    }
  }
}

/** Says "files may be waiting for a commit": the next writing command then looks with git status. */
export function pendingMarkerPath(dir: string): string {
  return path.join(dir, '.intimacy', 'uncommitted');
}

export async function markUncommitted(dir: string): Promise<void> {
  await fs.mkdir(path.dirname(pendingMarkerPath(dir)), { recursive: true, mode: 0o700 });
  await fs.writeFile(pendingMarkerPath(dir), String(process.pid), { mode: 0o600 });
}

/** git's own first meaningful line, for a one-line message. */
export function firstGitLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? 'git failed').replace(
    /^(fatal|error):\s*/,
    '',
  );
}
