import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { configRecords, type GitConfigValues } from './config.js';

/*
 * What git's config said, as the last `git config --list` in this repository found it, kept in
 * the repository's own folder (.git/intimacy/config.json: this clone's, never shared, nothing a
 * partner's commit can reach), so that a command that asks git nothing else (log, show) starts
 * no git process at all. Held while
 *   - every file git reads its config from is the same file with the same size and times (the
 *     ones it read, as --show-origin names them, and the ones it would read were they there:
 *     the system, global and repository files, the global ones wherever HOME and the variables
 *     put them), and
 *   - the environment git would read it with is the same (every GIT_ variable, HOME,
 *     XDG_CONFIG_HOME, PATH, and the user), and
 *   - the repository is still one git would open: the same HEAD file, and its objects and refs
 *     folders there (git's config read is what finds a damaged repository, Git.config).
 * Kept only from a read of the repository's own config that includes no other file (include.path
 * and includeIf may name files, or depend on the branch), and none of whose files changed in
 * the moments git was reading them: a file whose time is not before the memo's own start may
 * have been written after git read it.
 */

// 3: commitConfigured counts only the commit.* settings that change the commit (git/config.ts).
const VERSION = 3;
export const CONFIG_MEMO = 'intimacy/config.json';
const MAX_BYTES = 64 * 1024;

interface ConfigMemo {
  version: number;
  environment: string;
  files: string[];
  stamp: string;
  values: GitConfigValues;
}

/** The config git gave when nothing it is read from has changed since; otherwise undefined. */
export function heldConfig(memoFile: string, env: Record<string, string>): GitConfigValues | undefined {
  const memo = readMemo(memoFile);
  if (memo === undefined || memo.environment !== environmentOf(env)) return undefined;
  // No git to start: asking it says so (GitMissing) before anything is written.
  if (gitOnPath(env.PATH ?? '') === undefined) return undefined;
  const stamp = stampOf(memo.files, repositoryFolders(memoFile));
  return stamp !== undefined && stamp.text === memo.stamp ? memo.values : undefined;
}

/**
 * Begins keeping a config read: the memo's file is made before git reads, and its time (the
 * file system's own clock) is the moment after which a changed file may not be in what git read.
 */
export interface Keeping {
  temp: string;
  fd: number;
  started: bigint;
  done?: true;
}

export function startKeeping(memoFile: string): Keeping | undefined {
  const temp = `${memoFile}.${process.pid}.tmp`;
  try {
    try {
      mkdirSync(path.dirname(memoFile), { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    return { temp, fd, started: fstatSync(fd, { bigint: true }).mtimeNs };
  } catch {
    return undefined; // only a memo: the next run asks git again
  }
}

/** Ends keeping: writes the memo of `output` (git config --list -z --show-scope --show-origin) when it may be kept. */
export function finishKeeping(
  keeping: Keeping,
  memoFile: string,
  dir: string,
  env: Record<string, string>,
  output: string | undefined,
  values: GitConfigValues,
): void {
  if (keeping.done) return;
  try {
    const files = output === undefined || values.local !== true ? undefined : filesOf(output, dir, env);
    const stamp = files && stampOf(files, repositoryFolders(memoFile));
    if (files && stamp && stamp.newest < keeping.started) {
      const memo: ConfigMemo = { version: VERSION, environment: environmentOf(env), files, stamp: stamp.text, values };
      writeSync(keeping.fd, JSON.stringify(memo));
      closeSync(keeping.fd);
      renameSync(keeping.temp, memoFile);
      keeping.done = true;
      return;
    }
  } catch {
    // only a memo
  }
  abandonKeeping(keeping);
}

/** Ends keeping without a memo (the read failed, or may not be kept). */
export function abandonKeeping(keeping: Keeping): void {
  if (keeping.done) return; // kept, or abandoned already
  keeping.done = true;
  try {
    closeSync(keeping.fd);
  } catch {
    // closed already (a failed write)
  }
  rmSync(keeping.temp, { force: true });
}

/**
 * Every file the config came from or would come from, absolute; undefined when the config names
 * other files (include.path, includeIf.*.path) or came from elsewhere (a blob, stdin).
 */
function filesOf(output: string, dir: string, env: Record<string, string>): string[] | undefined {
  const files = new Set(candidates(dir, env));
  for (const record of configRecords(output, { origins: true })) {
    const key = record.text.slice(0, record.text.includes('\n') ? record.text.indexOf('\n') : undefined);
    if (key.startsWith('include.') || key.startsWith('includeif.')) return undefined;
    if (record.origin === 'command line:') continue; // -c and GIT_CONFIG_PARAMETERS, in the environment compared
    if (!record.origin?.startsWith('file:')) return undefined;
    files.add(path.resolve(dir, record.origin.slice('file:'.length)));
  }
  return [...files].sort();
}

/** The files git reads its config from when they are there (git help config, FILES). */
function candidates(dir: string, env: Record<string, string>): string[] {
  const files = ['config', 'config.worktree', 'HEAD'].map((name) => path.join(dir, '.git', name));
  if (env.GIT_CONFIG_GLOBAL !== undefined) files.push(path.resolve(dir, env.GIT_CONFIG_GLOBAL));
  else {
    const home = env.HOME ?? '';
    const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
    files.push(path.resolve(dir, xdg, 'git', 'config'), path.resolve(dir, home, '.gitconfig'));
  }
  if (!truthy(env.GIT_CONFIG_NOSYSTEM)) {
    if (env.GIT_CONFIG_SYSTEM !== undefined) files.push(path.resolve(dir, env.GIT_CONFIG_SYSTEM));
    else files.push('/etc/gitconfig', ...systemFileOfGit(env.PATH ?? ''));
  }
  return files;
}

/** A git installed under another prefix than /usr keeps its system file there (PREFIX/etc/gitconfig). */
function systemFileOfGit(searchPath: string): string[] {
  const folder = gitOnPath(searchPath);
  if (folder === undefined) return [];
  const prefix = path.dirname(folder);
  return prefix === '/usr' ? [] : [path.join(prefix, 'etc', 'gitconfig')];
}

/** The folder on PATH that holds the git a process would start (a file there), if any. */
function gitOnPath(searchPath: string): string | undefined {
  for (const folder of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(folder)) continue;
    try {
      if (statSync(path.join(folder, 'git'), { throwIfNoEntry: false })?.isFile() === true) return folder;
    } catch {
      // a folder not to be looked in: as the shell, look on
    }
  }
  return undefined;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/**
 * The folders without which git would not take .git for a repository, and the two whose owner
 * git checks before it opens one (safe.directory); the memo is in .git/intimacy/.
 */
function repositoryFolders(memoFile: string): string[] {
  const gitDir = path.dirname(path.dirname(memoFile));
  return [path.dirname(gitDir), gitDir, path.join(gitDir, 'objects'), path.join(gitDir, 'refs')];
}

/**
 * Each file's identity, size and times (or its absence), whether each folder is there and whose
 * it is (their times change with every commit), and the newest of the files' times.
 */
function stampOf(files: string[], folders: string[]): { text: string; newest: bigint } | undefined {
  let newest = 0n;
  const parts: string[] = [];
  try {
    for (const folder of folders) {
      const stat = statSync(folder, { throwIfNoEntry: false });
      parts.push(stat?.isDirectory() ? `d${stat.uid}` : '-');
    }
  } catch {
    return undefined;
  }
  for (const file of files) {
    try {
      const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
      if (stat === undefined) {
        parts.push('-');
        continue;
      }
      for (const time of [stat.mtimeNs, stat.ctimeNs]) if (time > newest) newest = time;
      parts.push(`${stat.dev}:${stat.ino}:${stat.mode}:${stat.uid}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`);
    } catch {
      return undefined; // not to be looked at: git may see it otherwise
    }
  }
  return { text: parts.join('|'), newest };
}

/** What git's reading of its config depends on besides the files. */
function environmentOf(env: Record<string, string>): string {
  const keys = Object.keys(env)
    .filter((key) => key.startsWith('GIT_') || key === 'HOME' || key === 'XDG_CONFIG_HOME' || key === 'PATH')
    .sort();
  return JSON.stringify([process.getuid?.() ?? -1, ...keys.map((key) => [key, env[key]])]);
}

function readMemo(memoFile: string): ConfigMemo | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(memoFile, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_BYTES || stat.uid !== process.getuid?.()) return undefined;
    const memo = JSON.parse(readFileSync(fd, 'utf8')) as Partial<ConfigMemo> | null;
    if (
      memo?.version !== VERSION ||
      typeof memo.environment !== 'string' ||
      typeof memo.stamp !== 'string' ||
      !Array.isArray(memo.files) ||
      !memo.files.every((file) => typeof file === 'string') ||
      !isConfigValues(memo.values)
    )
      return undefined;
    return memo as ConfigMemo;
  } catch {
    return undefined; // missing or damaged: git is asked
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const TEXT_FIELDS = [
  'userName',
  'userEmail',
  'me',
  'journalBranch',
  'filterCommand',
  'remoteUrl',
  'sshCommand',
  'hooksPath',
];

function isConfigValues(value: unknown): value is GitConfigValues {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    TEXT_FIELDS.every((field) => fields[field] === undefined || typeof fields[field] === 'string') &&
    (fields.filterConfigured === undefined || typeof fields.filterConfigured === 'boolean') &&
    (fields.commitConfigured === undefined || fields.commitConfigured === true) &&
    Array.isArray(fields.upstreamBranches) &&
    fields.upstreamBranches.every((branch) => typeof branch === 'string') &&
    fields.local === true &&
    fields.read === true
  );
}
