import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { at, BIN, cleanupTemp, git, gitProcessesIn, newUser, runCli, tempDir } from '../helpers/cli.js';

/*
 * SIGKILL of the whole process group (as a closed terminal or the OOM killer does: git's
 * children die with intimacy) at random moments of a write, an edit and a sync with a real
 * merge, many times. After each: the next command succeeds by itself (no lock removed by
 * hand), and at the end every entry is on disk, parses and is in HEAD, and git fsck is clean.
 * The moments are drawn within how long the command takes on this machine at this moment, so
 * a loaded machine still has kills land inside the command; nothing waits a fixed time.
 */

afterAll(cleanupTemp);

/** A small seeded generator, so that a failing run can be told apart and repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

interface Outcome {
  killed: boolean;
  code: number | null;
  stdout: string;
  ms: number;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the built CLI in a process group of its own and kills the group after `killAfterMs`
 * (undefined: never). Resolves when the CLI has closed and no process of its group is left.
 */
async function runKilled(args: string[], env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  let stdout = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString('utf8');
  });
  // Listened for at once: the command may finish before the kill.
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let killed = false;
  const timer =
    killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          killed = groupAlive(child.pid!);
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, killAfterMs);
  const code = await closed;
  clearTimeout(timer);
  // git children of a killed group die with it; wait until the kernel has taken them all.
  while (groupAlive(child.pid!)) await new Promise((resolve) => setImmediate(resolve));
  return { killed: killed && code === null, code, stdout, ms: performance.now() - started };
}

function entryFiles(dir: string): string[] {
  const root = path.join(dir, 'entries');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.md'))
    .map((file) => `entries/${file.split(path.sep).join('/')}`)
    .sort();
}

/** Every entry parses, is committed as it is on disk, and git's objects are whole. */
function expectWhole(dir: string): void {
  expect(git(dir, ['status', '--porcelain', '--untracked-files=all', '--', 'entries', 'intimacy.yaml'])).toBe('');
  const inHead = new Set(git(dir, ['ls-tree', '-r', '--name-only', 'HEAD', '--', 'entries']).split('\n'));
  for (const file of entryFiles(dir)) {
    expect(inHead.has(file), `${file} is in HEAD`).toBe(true);
    expect(() => parseEntry(readFileSync(path.join(dir, file), 'utf8'), file)).not.toThrow();
  }
  expect(existsSync(path.join(dir, '.git', 'MERGE_HEAD'))).toBe(false);
  expect(git(dir, ['fsck', '--no-progress', '--no-dangling'])).toBe('');
}

/**
 * When to kill: a random moment within the shortest uninterrupted run seen so far (a little
 * past it, to catch the very end too). The shortest, so that a run slowed by a busy moment
 * does not send later kills past the end of the command.
 */
function killClock(seed: number, measuredMs: number): { next: () => number; observe: (run: Outcome) => void } {
  const draw = random(seed);
  let shortest = measuredMs;
  return {
    next: () => Math.round(draw() * shortest * 1.1),
    observe: (run) => {
      if (!run.killed && run.code === 0) shortest = Math.min(shortest, run.ms);
    },
  };
}

const SEED = Number(process.env.INTIMACY_KILL_SEED) || Date.now() % 100_000;

describe(`killed at random moments (seed ${SEED})`, { timeout: 300_000 }, () => {
  it('gratitude: every note promised is committed by the next command, and none is half written', async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    const first = await runKilled(['-j', dir, 'gratitude', 'measured'], env);
    expect(first.code).toBe(0);
    const promised: string[] = [];
    let kills = 0;
    const clock = killClock(SEED, first.ms);
    for (let i = 0; i < 24; i++) {
      const delay = clock.next();
      // Each note at its own second, so that every saved note has a name of its own.
      const when = new Date(Date.parse('2026-11-25T10:00:00Z') + i * 1000);
      const run = await runKilled(['-j', dir, 'gratitude', `note ${i}`], at(env, when), delay);
      clock.observe(run);
      if (run.killed) kills++;
      else expect(run.code, `note ${i} ran to its end`).toBe(0);
      if (/^Saved /m.test(run.stdout)) promised.push(`note ${i}`);
    }
    expect(kills, 'kills that landed inside the command').toBeGreaterThanOrEqual(6);
    const after = await runCli(['-j', dir, 'gratitude', 'after the kills'], { env: at(env, '2026-11-25T12:00:00Z') });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).not.toMatch(/not committed/);
    expectWhole(dir);
    const texts = entryFiles(dir).map((file) => readFileSync(path.join(dir, file), 'utf8'));
    for (const note of promised)
      expect(
        texts.some((text) => text.includes(`${note}\n`)),
        note,
      ).toBe(true);
    // No half-written file is left where a reader could take it for an entry.
    const stray = (readdirSync(path.join(dir, 'entries'), { recursive: true }) as string[]).filter(
      (file) => /\.tmp-/.test(file) && !path.basename(file).startsWith('.'),
    );
    expect(stray).toEqual([]);
  });

  it('edit: the entry is always the old or the new version, and the next command commits it', async () => {
    const { env } = newUser();
    const root = tempDir();
    const dir = path.join(root, 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    expect((await runCli(['-j', dir, 'gratitude', 'the first words'], { env })).code).toBe(0);
    const [file] = entryFiles(dir);
    // The editor, run without a terminal: appends a line to the draft it is given.
    const editor = path.join(root, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "%s\\n" "$INTIMACY_TEST_LINE" >> "$1"\n');
    chmodSync(editor, 0o755);
    const editEnv = (line: string) => ({ ...env, EDITOR: editor, VISUAL: editor, INTIMACY_TEST_LINE: line });
    const first = await runKilled(['-j', dir, 'edit', 'last'], editEnv('measured'));
    expect(first.code).toBe(0);
    let promised = 'measured';
    let kills = 0;
    const clock = killClock(SEED + 1, first.ms);
    for (let i = 0; i < 24; i++) {
      const run = await runKilled(['-j', dir, 'edit', 'last'], editEnv(`edit ${i}`), clock.next());
      clock.observe(run);
      if (run.killed) kills++;
      else expect(run.code, `edit ${i} ran to its end`).toBe(0);
      if (/^Saved your edit/m.test(run.stdout)) promised = `edit ${i}`;
      const text = readFileSync(path.join(dir, file!), 'utf8');
      expect(() => parseEntry(text, file)).not.toThrow();
      expect(text).toContain('the first words');
    }
    expect(kills, 'kills that landed inside the command').toBeGreaterThanOrEqual(6);
    const after = await runCli(['-j', dir, 'edit', 'last'], { env: editEnv('after the kills') });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).not.toMatch(/not committed/);
    expectWhole(dir);
    const text = readFileSync(path.join(dir, file!), 'utf8');
    expect(text).toContain(`${promised}\n`);
    expect(text).toContain('after the kills\n');
    expect(git(dir, ['show', `HEAD:${file}`])).toBe(text);
  });

  it('sync with a real merge: the next sync finishes the job, and both partners end with every entry', async () => {
    const { env } = newUser();
    const root = tempDir();
    const remote = path.join(root, 'remote.git');
    git(root, ['init', '-q', '--bare', '--initial-branch=main', remote]);
    const alex = path.join(root, 'alex');
    const jordan = path.join(root, 'jordan');
    const cli = (args: string[], when?: Date) => runCli(args, { env: when ? at(env, when) : env });
    // The remote is a folder here, so its receive-pack dies with a killed sync and may leave its
    // ref locks (the branch's and HEAD's): the next sync of either partner that pushes names one
    // such file, and once each named file is deleted as told, syncs.
    const sync = async (dir: string) => {
      let run = await cli(['-j', dir, 'sync']);
      for (let named = 0; run.code !== 0 && named < 3; named++) {
        const lock = /The remote is locked: (\S+\.lock) is there/.exec(run.stderr)?.[1];
        if (!lock) break;
        expect(existsSync(lock), run.stderr).toBe(true);
        rmSync(lock);
        run = await cli(['-j', dir, 'sync']);
      }
      return run;
    };
    expect((await cli(['init', alex, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote])).code).toBe(0);
    expect((await cli(['-j', alex, 'sync'])).code).toBe(0);
    expect((await cli(['clone', remote, jordan, '--me', 'Jordan'])).code).toBe(0);
    const written: string[] = [];
    // Both write, Alex shares: Jordan's sync then has a real merge to make (and a push).
    const bothWrite = async (i: number) => {
      const when = new Date(Date.parse('2026-11-25T10:00:00Z') + i * 60_000);
      for (const [who, dir] of [
        ['alex', alex],
        ['jordan', jordan],
      ] as const) {
        const result = await cli(['-j', dir, 'gratitude', `${who} ${i}`], when);
        expect(result.code, result.stderr).toBe(0);
        written.push(`${who} ${i}`);
      }
      const shared = await sync(alex);
      expect(shared.code, shared.stderr).toBe(0);
    };
    await bothWrite(0);
    const first = await runKilled(['-j', jordan, 'sync'], env);
    expect(first.code).toBe(0);
    let kills = 0;
    const clock = killClock(SEED + 2, first.ms);
    for (let i = 0; i < 12; i++) {
      const delay = clock.next();
      await bothWrite(i + 1);
      // An entry written while the sync runs (it waits for the journal lock, or slips in between).
      const meanwhileAt = new Date(Date.parse('2026-11-26T10:00:00Z') + i * 60_000);
      const [run, meanwhile] = await Promise.all([
        runKilled(['-j', jordan, 'sync'], env, delay),
        cli(['-j', jordan, 'gratitude', `jordan meanwhile ${i}`], meanwhileAt),
      ]);
      clock.observe(run);
      if (run.killed) kills++;
      else expect(run.code, `sync ${i} ran to its end`).toBe(0);
      // No git of the sync's (a fetch, a push) outlives it to hold the journal's locks.
      expect(gitProcessesIn(jordan)).toEqual([]);
      expect(meanwhile.code, meanwhile.stderr).toBe(0);
      written.push(`jordan meanwhile ${i}`);
      const again = await sync(jordan);
      expect(again.code, again.stderr).toBe(0);
      expectWhole(jordan);
    }
    expect(kills, 'kills that landed inside the sync').toBeGreaterThanOrEqual(3);
    const last = await sync(alex);
    expect(last.code, last.stderr).toBe(0);
    for (const dir of [alex, jordan]) {
      expectWhole(dir);
      const texts = entryFiles(dir)
        .map((file) => readFileSync(path.join(dir, file), 'utf8'))
        .join('\n');
      for (const words of written) expect(texts, `${words} in ${path.basename(dir)}`).toContain(`${words}\n`);
    }
    expect(git(alex, ['rev-parse', 'HEAD'])).toBe(git(jordan, ['rev-parse', 'HEAD']));
  });
});
