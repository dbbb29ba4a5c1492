import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { shortHash } from '../short-hash.js';

/*
 * Runs one bundle of the build (CommonJS) with the code V8 compiled for it on an earlier run,
 * kept in the user's cache folder: compiling a bundle of half a megabyte or more is a large
 * part of a command's start-up, and node 20 keeps no compiled code between runs itself
 * (module.enableCompileCache came with node 22).
 *
 * Compiled code is code: it is read only from a folder of this user's own that nobody else can
 * write (never a shared temporary folder), and only for the bundle text it was made from — the
 * key carries a hash of that text, which the build computes, and V8 itself refuses code made
 * by another node version or with other flags. It holds the bundle's own code and literals,
 * nothing a command read or wrote. Any failure to read or write it only means compiling anew.
 * The code is written once, when a run finds none, at exit (so it includes what that run
 * compiled lazily), atomically, replacing older versions of the same bundle.
 */

/** Runs the bundle and gives what it exports. */
export function loadCompiled(file: string, key: string, env: NodeJS.ProcessEnv): unknown {
  const source = fs.readFileSync(file, 'utf8');
  const dir = cacheFolder(env);
  const cacheFile = dir && path.join(dir, `${key}-${process.version}-${process.arch}${flagsOf(env)}.code`);
  const cachedData = cacheFile ? readOwn(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected))
    process.once('exit', () => writeCompiled(cacheFile, key, script));
  const module = new Module(file);
  module.filename = file;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

/**
 * V8 refuses code compiled under other flags: node's own options (NODE_OPTIONS, or given to
 * node) get a file of their own, so that runs with and without them do not replace each
 * other's code on every run. A short hash names them.
 */
function flagsOf(env: NodeJS.ProcessEnv): string {
  const flags = [...process.execArgv, env.NODE_OPTIONS ?? ''].join('\0');
  if (flags === '') return '';
  return `-f${shortHash(flags).toString(16)}`;
}

/** $XDG_CACHE_HOME/intimacy/compiled (or ~/.cache/…), when it is, or can be made, this user's own. */
function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  const home = env.HOME && path.isAbsolute(env.HOME) ? env.HOME : os.homedir();
  const root = base ?? path.join(home, '.cache');
  const dir = path.join(root, 'intimacy', 'compiled');
  try {
    if (ownFolder(dir)) return dir; // the usual case: no failing mkdir (an error each) on every start
    // One level at a time, never mkdir's `recursive`: node's recursive mkdir spins for ever
    // under /proc (XDG_CACHE_HOME=/proc/x), and a start-up must never hang. The cache folder
    // itself is made only when its own parent is there.
    for (const folder of [root, path.dirname(dir), dir]) {
      try {
        fs.mkdirSync(folder, { mode: 0o700 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
      }
    }
    return ownFolder(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A real folder (not a link) of this user's that nobody else may write. */
function ownFolder(dir: string): boolean {
  const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
  return stat?.isDirectory() === true && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
}

/** The file's bytes when it is a plain file of this user's that nobody else may write. */
function readOwn(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeCompiled(cacheFile: string, key: string, script: vm.Script): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, cacheFile);
    // The same bundle's code from other builds is of no more use (other node versions or
    // flags of this build are kept: both may well run again).
    const bundle = `${key.slice(0, key.lastIndexOf('-'))}-`;
    const dir = path.dirname(cacheFile);
    for (const name of fs.readdirSync(dir))
      if (name.startsWith(bundle) && !name.startsWith(`${key}-`) && !name.endsWith('.tmp'))
        fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
