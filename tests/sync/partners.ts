import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { git, newUser, type RunResult, runBinary, runCli, tempDir } from '../helpers/cli.js';

/** One partner: their own HOME (so their own default journal) and a journal folder. */
export interface Partner {
  name: string;
  home: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  run: (args: string[], input?: string) => Promise<RunResult>;
}

/** `binary`: every command starts the built CLI (runBinary) rather than running in this process. */
export function partner(name: string, root: string, extraEnv: Record<string, string> = {}, binary = false): Partner {
  const { home, env } = newUser(extraEnv);
  const dir = path.join(root, name.toLowerCase());
  const runner = binary ? runBinary : runCli;
  return { name, home, env, dir, run: (args, input) => runner(['--journal', dir, ...args], { env, input }) };
}

export function bareRemote(root: string, name = 'remote.git'): string {
  const dir = path.join(root, name);
  git(root, ['init', '--quiet', '--bare', dir]);
  return dir;
}

/**
 * Alex starts a journal on the remote and shares it; Jordan clones it. Both are in sync.
 * `binary`: every command of both starts the built CLI.
 */
export async function syncedPair(
  extraEnv: Record<string, string> = {},
  binary = false,
): Promise<{ root: string; remote: string; alex: Partner; jordan: Partner }> {
  const root = tempDir('intimacy-sync-');
  const remote = bareRemote(root);
  const alex = partner('Alex', root, extraEnv, binary);
  const jordan = partner('Jordan', root, extraEnv, binary);
  const runner = binary ? runBinary : runCli;
  await ok(runner(['init', alex.dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote], { env: alex.env }));
  await ok(alex.run(['sync']));
  await ok(runner(['clone', remote, jordan.dir, '--me', 'Jordan'], { env: jordan.env }));
  return { root, remote, alex, jordan };
}

export async function ok(pending: Promise<RunResult>): Promise<RunResult> {
  const result = await pending;
  if (result.code !== 0) throw new Error(`intimacy exited ${result.code}:\n${result.stdout}${result.stderr}`);
  return result;
}

/** Writes a gratitude note and returns its path relative to the journal. */
export async function note(who: Partner, text: string): Promise<string> {
  const result = await ok(who.run(['gratitude', text]));
  const abs = /→ (.+\.md)$/m.exec(result.stdout)?.[1];
  if (!abs) throw new Error(`no saved path in: ${result.stdout}`);
  return path.relative(who.dir, abs);
}

export function entryFiles(dir: string): string[] {
  const root = path.join(dir, 'entries');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.md'))
    .map((file) => `entries/${file}`)
    .sort();
}

/** Clean, committed, not mid-merge, and every entry still parses. */
export function expectHealthy(dir: string): void {
  expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  expect(existsSync(path.join(dir, '.git', 'MERGE_HEAD'))).toBe(false);
  for (const file of entryFiles(dir)) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(text).not.toMatch(/^(<<<<<<<|>>>>>>>|=======)/m);
    parseEntry(text, file);
  }
}

export function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}
