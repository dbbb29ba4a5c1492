import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { at, BIN, git, type RunResult, runBinary, tempDir } from '../helpers/cli.js';
import { bareRemote, ok, type Partner, partner } from '../sync/partners.js';

/*
 * Two partners on a bare remote, every command through the built binary (the encryption
 * records the binary's own path for git to call back), and the helpers the encryption tests
 * share: what the remote can read, the plain blobs a range of commits holds, killing a whole
 * process group at a moment.
 */

export const PASSPHRASE = 'a long shared passphrase';

export interface EncryptedPair {
  root: string;
  remote: string;
  alex: Partner;
  jordan: Partner;
  passFile: string;
  keyFile: string;
}

/** A minute after TEST_NOW plus `n`, so that each entry has its own name. */
export function minute(n: number): string {
  return new Date(Date.parse('2026-11-25T18:30:00Z') + n * 60_000).toISOString();
}

/** Writes a gratitude as `who` at minute `n`; returns its path in the journal. */
export async function gratitude(who: Partner, text: string, n: number): Promise<string> {
  const result = await ok(runBinary(['--journal', who.dir, 'gratitude', text], { env: at(who.env, minute(n)) }));
  const abs = /→ (.+\.md)$/m.exec(result.stdout)?.[1];
  if (!abs) throw new Error(`no saved path in: ${result.stdout}`);
  return path.relative(who.dir, abs);
}

/**
 * Alex starts the journal and shares it, Jordan clones it (no key yet); with `encrypted`,
 * Alex turns encryption on after one shared entry, syncs, and exports the key to `keyFile`
 * (Jordan has not synced since).
 */
export async function encryptedPair(options: { encrypted?: boolean } = {}): Promise<EncryptedPair> {
  const root = tempDir('intimacy-crypto-');
  const remote = bareRemote(root);
  const alex = partner('Alex', root, {}, true);
  const jordan = partner('Jordan', root, {}, true);
  await ok(runBinary(['init', alex.dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote], { env: alex.env }));
  await gratitude(alex, 'shared before encryption', 1);
  await ok(alex.run(['sync']));
  await ok(runBinary(['clone', remote, jordan.dir, '--me', 'Jordan'], { env: jordan.env }));
  const passFile = path.join(root, 'pass');
  writeFileSync(passFile, `${PASSPHRASE}\n`);
  const keyFile = path.join(root, 'key.txt');
  if (options.encrypted ?? true) {
    await ok(alex.run(['encrypt', 'init']));
    await ok(alex.run(['sync']));
    await exportKey(alex, keyFile, passFile);
  }
  return { root, remote, alex, jordan, passFile, keyFile };
}

/** encryptedPair, then Jordan imports the key and syncs: both read every entry, in step. */
export async function keyedPair(): Promise<EncryptedPair> {
  const pair = await encryptedPair();
  await ok(importKey(pair.jordan, pair));
  await ok(pair.jordan.run(['sync']));
  return pair;
}

export async function exportKey(who: Partner, keyFile: string, passFile: string): Promise<void> {
  const exported = await ok(who.run(['encrypt', 'export-key', '--passphrase-file', passFile]));
  writeFileSync(keyFile, exported.stdout);
}

export function importKey(who: Partner, pair: EncryptedPair): Promise<RunResult> {
  return who.run(['encrypt', 'import-key', pair.keyFile, '--passphrase-file', pair.passFile]);
}

export { allObjectText } from '../helpers/remote-objects.js';

/** Every file under a folder of the journal (relative paths), temp files of a save excepted. */
export function filesUnder(dir: string, folder: string): string[] {
  try {
    return (readdirSync(path.join(dir, folder), { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [];
  }
}

export function isCiphertext(file: string): boolean {
  return readFileSync(file).subarray(0, 12).toString('latin1') === 'INTIMACY-ENC';
}

/** The blobs of HEAD's tree under `folders` that are plain text (not encrypted). */
export function plainInTree(dir: string, revision = 'HEAD', folders = ['entries', 'templates']): string[] {
  const listed = git(dir, ['ls-tree', '-r', '-z', revision, '--', ...folders])
    .split('\0')
    .filter(Boolean);
  return listed
    .map((line) => ({ id: line.split(/\s/)[2]!, file: line.slice(line.indexOf('\t') + 1) }))
    .filter(({ id }) => {
      const head = spawnSync('git', ['cat-file', 'blob', id], { cwd: dir }).stdout.subarray(0, 12).toString('latin1');
      return head !== 'INTIMACY-ENC' && head.length > 0;
    })
    .map(({ file }) => file);
}

/** Starts the built CLI in its own process group and SIGKILLs the whole group after `delayMs`. */
export async function killedAfter(args: string[], env: NodeJS.ProcessEnv, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore', detached: true });
  const closed = new Promise((resolve) => child.on('close', resolve));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    /* finished already */
  }
  await closed;
}

/** `git fsck` finds nothing wrong. */
export function expectFsckClean(dir: string): void {
  const fsck = spawnSync('git', ['fsck', '--no-progress'], { cwd: dir, encoding: 'utf8' });
  expect(fsck.status, fsck.stderr).toBe(0);
  expect(fsck.stderr).not.toMatch(/error|missing|broken/i);
}

/** The bytes git holds for `file` at `rev` (its encrypted form). */
export function rawBlob(dir: string, file: string, rev = 'HEAD'): Buffer {
  return spawnSync('git', ['cat-file', 'blob', `${rev}:${file}`], { cwd: dir }).stdout;
}
