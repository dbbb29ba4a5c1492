import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  GitConfigUnreadable,
  GitMissing,
  GitRepositoryDamaged,
  GitRepositoryNotOwned,
  GitStepError,
} from '../errors.js';
import { type GitConfigValues, parseConfigList } from './config.js';
import { abandonKeeping, CONFIG_MEMO, finishKeeping, heldConfig, startKeeping } from './config-memo.js';
import { gitEnv } from './env.js';
import { firstGitLine } from './messages.js';
import { type GitRun, runGit } from './run.js';

/**
 * One repository (a journal, or the folder a clone starts from), as git sees it from `dir`
 * with the user's environment. It runs every git command there, reads the config once and
 * keeps it until a write through it changes it, and knows where git keeps its own files.
 *
 * simple-git is not used: this runner already does what intimacy needs of it (time limits
 * that end ssh too, bytes for blobs, exit codes read rather than thrown, stdin fed or closed),
 * while loading simple-git cost more start-up time than the git process itself, and its
 * guards against unsafe options had to be switched off one by one for the user's own
 * environment and for the filter drivers intimacy sets.
 */
export class Git {
  readonly env: Record<string, string>;
  private configRead: Promise<GitConfigValues> | undefined;
  private readonly askedPaths = new Map<string, Promise<string>>();

  /**
   * `discover`: let git look for the repository in the folders above `dir` too, as git does by
   * default; only for git's config where there is no journal yet, and for what git itself
   * starts in its repository (the filter). A journal's git never looks above the journal's
   * folder: were its .git damaged or missing, git would otherwise take a repository above it
   * (a home folder kept in git, say) for the journal's, and commit and push entries there.
   */
  constructor(
    readonly dir: string,
    environment: NodeJS.ProcessEnv,
    options: { discover?: boolean } = {},
  ) {
    this.env = gitEnv(environment, options.discover ? {} : { GIT_CEILING_DIRECTORIES: ceilingAbove(dir, environment) });
  }

  /**
   * A Git for a journal's folder whose config read starts now when the folder is a repository:
   * git then runs on the other core while node is still loading the command's modules.
   */
  static startedAt(dir: string, environment: NodeJS.ProcessEnv): Git {
    const git = new Git(dir, environment);
    if (git.isRepository()) git.config().catch(() => undefined); // read (and reported) by whoever asks
    return git;
  }

  /** The folder holds a repository of its own (its .git), as far as a look at the folder tells. */
  isRepository(): boolean {
    return existsSync(path.join(this.dir, '.git'));
  }

  /** Runs git here; `env` adds to the environment and `unset` takes variables out of it. */
  run(args: string[], options: RunOptions = {}): Promise<GitRun> {
    let env = options.env ? { ...this.env, ...options.env } : this.env;
    if (options.unset) {
      env = { ...env };
      for (const variable of options.unset) delete env[variable];
    }
    return runGit(args, { cwd: this.dir, env, timeoutMs: options.timeoutMs, input: options.input });
  }

  /** A local step that must succeed: its stdout as text, or a GitStepError with git's own first line. */
  async text(args: string[], options: RunOptions = {}): Promise<string> {
    return (await this.bytes(args, options)).toString('utf8');
  }

  /** `text`'s step, its stdout as git wrote it: for output naming paths, which need not be UTF-8 (path-bytes.ts). */
  async bytes(args: string[], options: RunOptions = {}): Promise<Buffer> {
    const run = await this.run(args, options);
    if (run.code !== 0) throw new GitStepError(`git ${args[0] ?? ''}`, firstGitLine(run.stderr));
    return run.stdout;
  }

  /**
   * The config as git would apply it here (`git config --list -z`), read once. A failed read is
   * tried once more (a git killed or not started on a loaded machine); a second failure is a
   * GitConfigUnreadable with git's first line, never an empty config.
   */
  config(): Promise<GitConfigValues> {
    if (!this.configRead) {
      const memoFile = this.knownGitPath(CONFIG_MEMO);
      const held = memoFile === undefined ? undefined : heldConfig(memoFile, this.env);
      if (held !== undefined) return (this.configRead = Promise.resolve(held));
      const keeping = memoFile === undefined ? undefined : startKeeping(memoFile);
      let listed: string | undefined;
      const attempt = async (): Promise<GitConfigValues | string> => {
        const run = await this.run(['config', '--list', '-z', '--show-scope', '--show-origin']).catch(
          (error: Error) => error,
        );
        if (run instanceof Error) {
          // No git to start (spawn's ENOENT, in a folder that is there): not a config to fix.
          if ((run as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(this.dir)) throw new GitMissing();
          return run.message;
        }
        if (run.code !== 0) return firstGitLine(run.stderr, `git config --list exited with ${run.code}`);
        listed = run.stdout.toString('utf8');
        const values = parseConfigList(listed, { origins: true });
        if (!values.local && this.isRepository()) await this.mustOpen();
        return values;
      };
      const read = attempt()
        .then(async (first) => {
          const answer = typeof first === 'string' ? await attempt() : first;
          if (typeof answer === 'string') {
            // git cannot read any config there because .git names a folder that is gone (a moved
            // worktree or separate git dir): the repository is what is broken, and --me cannot
            // stand in for it (GitConfigUnreadable would let it, and the entry go uncommitted).
            if (this.gitFileLeadsNowhere()) throw new GitRepositoryDamaged(path.join(this.dir, '.git'), answer);
            throw new GitConfigUnreadable(answer);
          }
          if (keeping) finishKeeping(keeping, memoFile!, this.dir, this.env, listed, answer);
          return answer;
        })
        .finally(() => {
          if (keeping) abandonKeeping(keeping); // a failed read: nothing kept
        });
      // A failure is not kept: the next ask tries again.
      read.catch(() => {
        if (this.configRead === read) this.configRead = undefined;
      });
      this.configRead = read;
    }
    return this.configRead;
  }

  /**
   * The config had none of the repository's own values (no `local` scope; no value given
   * globally or with -c can pass for one) though there is a .git: either its config file is
   * gone (git still opens the repository) or git cannot open it at all, and then nothing may
   * go on as if there were no repository. Asked only then: one git more.
   */
  private async mustOpen(): Promise<void> {
    // In git's own words (LC_ALL=C), to tell a repository of another user's from a damaged one.
    const run = await this.run(['rev-parse', '--git-dir'], { env: { LC_ALL: 'C' } });
    if (run.code === 0) return;
    const line = firstGitLine(run.stderr, 'git rev-parse failed');
    if (/dubious ownership/.test(line)) throw new GitRepositoryNotOwned(this.dir);
    throw new GitRepositoryDamaged(path.join(this.dir, '.git'), line);
  }

  /** .git is a file ("gitdir: PATH", as a linked worktree has) naming a folder that is not there. */
  private gitFileLeadsNowhere(): boolean {
    const dotGit = path.join(this.dir, '.git');
    let target: string | undefined;
    try {
      if (!statSync(dotGit).isFile()) return false;
      target = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
    } catch {
      return false; // no .git, or one that cannot be read: git's own line says what is wrong
    }
    if (target === undefined) return true;
    try {
      return statSync(path.resolve(this.dir, target), { throwIfNoEntry: false })?.isDirectory() !== true;
    } catch {
      return false; // there but not to be looked at (its permissions): git's own line says so
    }
  }

  /** Sets a value in this repository's own config (.git/config). */
  async setConfig(key: string, value: string): Promise<void> {
    this.forgetConfig();
    await this.text(['config', '--local', key, value]);
    this.forgetConfig();
  }

  /** For a change to the config made otherwise (git remote add): the next config() reads it again. */
  forgetConfig(): void {
    this.configRead = undefined;
  }

  async init(): Promise<void> {
    this.forgetConfig();
    this.askedPaths.clear();
    await this.text(['init', '--quiet', '--initial-branch=main']);
  }

  /** Where git keeps `name` (index, FETCH_HEAD, MERGE_HEAD, hooks/pre-push, intimacy/key…), absolute. */
  async gitPath(name: string): Promise<string> {
    return (await this.gitPaths([name]))[0]!;
  }

  /** gitPath for several names, with at most one git process for those git has to tell. */
  async gitPaths(names: string[]): Promise<string[]> {
    const unknown = names.filter((name) => this.knownGitPath(name) === undefined && !this.askedPaths.has(name));
    if (unknown.length > 0) {
      const asked = this.text(['rev-parse', ...unknown.flatMap((name) => ['--git-path', name])]).then((out) =>
        out.split('\n').map((line) => path.resolve(this.dir, line.trim())),
      );
      asked.catch(() => {
        for (const name of unknown) this.askedPaths.delete(name);
      });
      for (const [i, name] of unknown.entries())
        this.askedPaths.set(
          name,
          asked.then((paths) => paths[i]!),
        );
    }
    return Promise.all(names.map((name) => this.knownGitPath(name) ?? this.askedPaths.get(name)!));
  }

  /**
   * gitPath without asking git, when git's own layout leaves no doubt: a .git folder in `dir`
   * and none of the variables that move its parts. Undefined otherwise (a linked worktree, a
   * GIT_DIR set by the user or by a hook), and for hooks, which core.hooksPath may move.
   */
  knownGitPath(name: string): string | undefined {
    if (name === 'hooks' || name.startsWith('hooks/')) return undefined;
    if (RELOCATING.some((variable) => this.env[variable])) return undefined;
    const dotGit = path.join(this.dir, '.git');
    try {
      if (!statSync(dotGit).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    return path.join(dotGit, name);
  }
}

export interface RunOptions {
  env?: Record<string, string>;
  unset?: string[];
  /** hard limit; git and what it started are killed when it passes */
  timeoutMs?: number;
  /** written to git's stdin, which is then closed */
  input?: string | Buffer;
}

/** Variables with which git keeps its files (or some of them) somewhere other than .git/. */
const RELOCATING = ['GIT_DIR', 'GIT_COMMON_DIR', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_WORK_TREE'];

/**
 * GIT_CEILING_DIRECTORIES for a journal's git: the folder above the journal (as git will see it,
 * links resolved), after any the user set.
 */
function ceilingAbove(dir: string, environment: NodeJS.ProcessEnv): string {
  let real = path.resolve(dir);
  try {
    real = realpathSync.native(real);
  } catch {
    // not there yet (a clone's new folder): as given
  }
  const own = environment.GIT_CEILING_DIRECTORIES;
  return own ? `${own}${path.delimiter}${path.dirname(real)}` : path.dirname(real);
}
