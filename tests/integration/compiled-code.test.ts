import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanupTemp, tempDir, userEnv } from '../helpers/cli.js';

afterAll(cleanupTemp);

/*
 * Each command runs with the code V8 compiled for its bundle on an earlier run, kept in the
 * user's cache folder. Compiled code is code: only this user's own, unshared folder is used,
 * a damaged or foreign file there changes nothing a command does, and nothing is kept where
 * others could write.
 */
const run = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

const codeFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.code')) : []);

describe('compiled code of the bundles', () => {
  it('is kept in ~/.cache/intimacy/compiled, private, one file a bundle, and the next run answers the same', () => {
    const home = tempDir();
    const env = userEnv(home);
    const first = run(env, 'help', 'log');
    expect(first.status, first.stderr).toBe(0);
    const dir = path.join(home, '.cache', 'intimacy', 'compiled');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file, ...others] = codeFiles(dir);
    expect(others).toEqual([]);
    expect(file).toMatch(/^log-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.code$/);
    expect(statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    const again = run(env, 'help', 'log');
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toBe('');
    expect(codeFiles(dir)).toEqual([file]);
    // Another command's bundle has its own file.
    expect(run(env, '--version').status).toBe(0);
    const both = codeFiles(dir);
    expect(both).toHaveLength(2);
    expect(both).toContain(file);
    expect(both.some((name) => name.startsWith('run-'))).toBe(true);
  });

  it('keeps one file a build, and one for runs with node options of their own', () => {
    const home = tempDir();
    const env = userEnv(home);
    const dir = path.join(home, '.cache', 'intimacy', 'compiled');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // What an earlier build of the program left.
    const older = `log-0123456789abcdef-${process.version}-${process.arch}.code`;
    writeFileSync(path.join(dir, older), 'code of an older build', { mode: 0o600 });
    expect(run(env, 'help', 'log').status).toBe(0);
    const [current, ...others] = codeFiles(dir);
    expect(others).toEqual([]);
    expect(current).not.toBe(older);
    const withOptions = run({ ...env, NODE_OPTIONS: '--no-warnings' }, 'help', 'log');
    expect(withOptions.status, withOptions.stderr).toBe(0);
    const both = codeFiles(dir);
    expect(both).toHaveLength(2);
    expect(both).toContain(current);
    // Each run finds its own again: neither replaces the other.
    const mtimes = () => both.map((name) => statSync(path.join(dir, name)).mtimeMs);
    const before = mtimes();
    run(env, 'help', 'log');
    run({ ...env, NODE_OPTIONS: '--no-warnings' }, 'help', 'log');
    expect(mtimes()).toEqual(before);
  });

  it('follows XDG_CACHE_HOME, and a damaged file there is compiled anew and replaced', () => {
    const home = tempDir();
    const cache = path.join(home, 'elsewhere');
    const env = userEnv(home, { XDG_CACHE_HOME: cache });
    const first = run(env, 'help', 'show');
    expect(first.status).toBe(0);
    const dir = path.join(cache, 'intimacy', 'compiled');
    const [file] = codeFiles(dir);
    expect(file).toBeDefined();
    expect(existsSync(path.join(home, '.cache'))).toBe(false);
    writeFileSync(path.join(dir, file!), 'not compiled code at all');
    const damaged = run(env, 'help', 'show');
    expect(damaged.stdout).toBe(first.stdout);
    expect(damaged.stderr).toBe('');
    expect(readFileSync(path.join(dir, file!), 'utf8')).not.toBe('not compiled code at all');
  });

  it('never holds up a command where no folder can be made (a cache home under /proc)', () => {
    const home = tempDir();
    const env = userEnv(home, { XDG_CACHE_HOME: '/proc/no-such-cache' });
    const result = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8', timeout: 20_000 });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('is neither read nor written where others may write, nor through a link', () => {
    const home = tempDir();
    const env = userEnv(home);
    const dir = path.join(home, '.cache', 'intimacy', 'compiled');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    const open = run(env, 'help', 'log');
    expect(open.status, open.stderr).toBe(0);
    expect(codeFiles(dir)).toEqual([]);

    chmodSync(dir, 0o700);
    const elsewhere = path.join(tempDir(), 'planted.code');
    writeFileSync(elsewhere, 'planted');
    expect(run(env, 'help', 'log').status).toBe(0);
    const [file] = codeFiles(dir);
    const target = path.join(dir, file!);
    // A link put in its place is replaced by a file, never written through.
    rmSync(target);
    symlinkSync(elsewhere, target);
    const linked = run(env, 'help', 'log');
    expect(linked.status, linked.stderr).toBe(0);
    expect(linked.stdout).toBe(open.stdout);
    expect(readFileSync(elsewhere, 'utf8')).toBe('planted');
    expect(lstatSync(target).isFile()).toBe(true);
  });
});
