import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runBinary, runCli, TEST_NOW, tempDir } from '../helpers/cli.js';
import { tracedGit } from '../helpers/fake-programs.js';
import { seedEntries } from '../helpers/journal.js';

/** `intimacy status --prompt`: a few characters for a shell prompt, and silence when there is nothing to say. */
afterAll(cleanupTemp);

async function couple(extra: Record<string, string> = {}) {
  const { env } = newUser(extra);
  const dir = path.join(tempDir(), 'journal');
  env.INTIMACY_JOURNAL = dir;
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  return env;
}

/** The folders status stamps: entries/, each year, each month. */
function entryFolders(dir: string): string[] {
  const entries = path.join(dir, 'entries');
  const folders = [entries];
  for (const year of readdirSync(entries)) {
    folders.push(path.join(entries, year));
    for (const month of readdirSync(path.join(entries, year))) folders.push(path.join(entries, year, month));
  }
  return folders;
}

/**
 * `status --prompt` (with `args` after it), run with the real git through a script that notes
 * each git command started; in this process, or as the built program a shell starts.
 */
function watchedPrompt(env: NodeJS.ProcessEnv, runner = runCli, args: string[] = []) {
  const traced = tracedGit(env.PATH);
  const logged = { ...env, PATH: `${traced.bin}:${env.PATH}` };
  return async () => {
    traced.clear();
    const run = await runner(['status', '--prompt', ...args], { env: logged });
    return {
      out: run.stdout,
      code: run.code,
      lookedWithGit: traced.runs().some((line) => /(^|\s)status\s/.test(line)),
    };
  };
}

describe('status --prompt', () => {
  it('says how many rituals are due, as status --quiet lists them', async () => {
    const env = await couple();
    const quiet = (await runCli(['status', '--quiet'], { env })).stdout.trim().split('\n');
    expect(quiet.length).toBeGreaterThan(1);
    expect(await runCli(['status', '--prompt'], { env })).toEqual({
      code: 0,
      stdout: `♥ ${quiet.length} due\n`,
      stderr: '',
    });
    expect((await runCli(['status', '--prompt'], { env: { ...env, LANG: 'C' } })).stdout).toBe(
      `<3 ${quiet.length} due\n`,
    );
    // a ritual no longer kept is no longer due
    await runCli(['rituals', 'remove', 'date'], { env });
    expect((await runCli(['status', '--prompt'], { env })).stdout).toBe(`♥ ${quiet.length - 1} due\n`);
  });

  it('prints nothing when nothing is due', async () => {
    const env = await couple();
    for (const ritual of ['checkin', 'gratitude', 'date']) await runCli(['rituals', 'remove', ritual], { env });
    expect(await runCli(['status', '--prompt'], { env })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('never puts an error in a prompt: no journal, or a broken settings file, print nothing (exit 1)', async () => {
    const { env } = newUser({ INTIMACY_JOURNAL: path.join(tempDir(), 'none') });
    expect(await runCli(['status', '--prompt'], { env })).toEqual({ code: 1, stdout: '', stderr: '' });
    const broken = await couple();
    writeFileSync(path.join(broken.INTIMACY_JOURNAL!, 'intimacy.yaml'), 'version: [\n');
    expect(await runCli(['status', '--prompt'], { env: broken })).toEqual({ code: 1, stdout: '', stderr: '' });
    expect((await runCli(['status'], { env: broken })).stderr).toMatch(/intimacy\.yaml/);
  });

  it("answers from the last status while git's index and the entry folders are as they were, and asks git when not", async () => {
    const env = await couple();
    const dir = env.INTIMACY_JOURNAL!;
    const day = (daysAgo: number) => new Date(Date.parse(TEST_NOW) - daysAgo * 86_400_000).toISOString();
    const [old] = seedEntries(
      dir,
      [{ type: 'gratitude', author: 'Jordan', date: day(40), fields: { for: 'Alex' } }],
      env,
    );
    const prompt = watchedPrompt(env);
    // The folders' times an hour back: nothing in them changed while a status looked.
    const settle = () => {
      const hourAgo = new Date(Date.now() - 3_600_000);
      for (const folder of entryFolders(dir)) utimesSync(folder, hourAgo, hourAgo);
    };
    const due = (await runCli(['status', '--quiet'], { env })).stdout.trim().split('\n').length;
    expect(due).toBeGreaterThan(2);

    settle();
    expect((await runCli(['status'], { env })).code).toBe(0);
    expect(await prompt()).toEqual({ out: `♥ ${due} due\n`, code: 0, lookedWithGit: false });
    expect(await prompt()).toEqual({ out: `♥ ${due} due\n`, code: 0, lookedWithGit: false });

    // A date night, committed: git's index changed, so git looks.
    seedEntries(dir, [{ type: 'date', author: 'Jordan', date: day(1) }], env);
    expect(await prompt()).toEqual({ out: `♥ ${due - 1} due\n`, code: 0, lookedWithGit: true });

    // Our check-ins put there by hand, not committed: their folder's time changed.
    settle();
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 1} due\n`, lookedWithGit: true });
    expect(await prompt()).toEqual({ out: `♥ ${due - 1} due\n`, code: 0, lookedWithGit: false });
    const scratch = path.join(tempDir(), 'scratch');
    mkdirSync(scratch);
    git(scratch, ['init', '-q'], env);
    const [checkin, theirs] = seedEntries(
      scratch,
      ['Alex', 'Jordan'].map((author) => ({ type: 'checkin', author, date: day(0) })),
      env,
    );
    mkdirSync(path.dirname(path.join(dir, checkin!)), { recursive: true });
    for (const file of [checkin!, theirs!]) writeFileSync(path.join(dir, file), readFileSync(path.join(scratch, file)));
    expect(await prompt()).toEqual({ out: `♥ ${due - 2} due\n`, code: 0, lookedWithGit: true });
    // While a file differs from the index, every prompt asks git.
    settle();
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 2} due\n`, lookedWithGit: true });

    // Committed with plain git: the index changed again.
    git(dir, ['add', 'entries'], env);
    git(dir, ['-c', 'user.name=A', '-c', 'user.email=a@example.org', 'commit', '-qm', 'By hand'], env);
    settle();
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 2} due\n`, lookedWithGit: true });
    expect(await prompt()).toEqual({ out: `♥ ${due - 2} due\n`, code: 0, lookedWithGit: false });

    // The old entry removed by hand: its folder changed.
    rmSync(path.join(dir, old!));
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 2} due\n`, lookedWithGit: true });
    git(dir, ['checkout', '--', old!], env);
    settle();
    expect(await prompt()).toMatchObject({ lookedWithGit: true });

    // The check-in overwritten in place by hand: no folder changes, so the prompt counts as
    // before, until a status looks with git and finds it (as the README says).
    expect(await prompt()).toEqual({ out: `♥ ${due - 2} due\n`, code: 0, lookedWithGit: false });
    writeFileSync(path.join(dir, checkin!), 'not an entry any more\n');
    expect(await prompt()).toEqual({ out: `♥ ${due - 2} due\n`, code: 0, lookedWithGit: false });
    expect((await runCli(['status'], { env })).stderr).toMatch(/could not be read/);
    expect(await prompt()).toEqual({ out: `♥ ${due - 1} due\n`, code: 0, lookedWithGit: true });

    // What the prompt keeps is only a cache: damaged, or a link, it is not used.
    git(dir, ['checkout', '--', checkin!], env);
    settle();
    await prompt();
    const kept = path.join(dir, '.intimacy', 'cache', 'prompt.json');
    expect(existsSync(kept)).toBe(true);
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 2} due\n`, lookedWithGit: false });
    writeFileSync(kept, readFileSync(kept, 'utf8').replace(/"due":\d+/, '"due":"many"'));
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 2} due\n`, lookedWithGit: true });
    // Nor a count below zero, nor a file far larger than a count and its folders make (read before every prompt).
    const good = readFileSync(kept, 'utf8');
    expect(await prompt()).toMatchObject({ lookedWithGit: false });
    writeFileSync(kept, good.replace(/"due":\d+/, '"due":-1'));
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 2} due\n`, lookedWithGit: true });
    writeFileSync(kept, ' '.repeat(2 * 1024 * 1024) + good);
    expect(await prompt()).toMatchObject({ out: `♥ ${due - 2} due\n`, lookedWithGit: true });
    expect(readFileSync(kept, 'utf8')).toBe(good);
  });

  it('answers right after a write, once git has looked, while the folder just written holds the names git has', async () => {
    const env = await couple();
    const dir = env.INTIMACY_JOURNAL!;
    const prompt = watchedPrompt(env);
    // The folders' times half a second back: changed a moment before git looks, not while it
    // looks (as after a write by another command; a run here in the same process can follow
    // it within the same few milliseconds).
    const aMomentAgo = () => {
      const before = new Date(Date.now() - 500);
      for (const folder of entryFolders(dir)) utimesSync(folder, before, before);
    };
    // A note written and committed just now.
    expect((await runCli(['gratitude', 'the soup you made'], { env })).code).toBe(0);
    aMomentAgo();
    const first = await prompt();
    expect(first).toMatchObject({ code: 0, lookedWithGit: true });
    expect(await prompt()).toEqual({ ...first, lookedWithGit: false });
    const due = (await runCli(['status', '--quiet'], { env })).stdout.trim().split('\n').length;
    expect(first.out).toBe(`♥ ${due} due\n`);
    const kept = path.join(dir, '.intimacy', 'cache', 'prompt.json');
    const memo = JSON.parse(readFileSync(kept, 'utf8'));
    const racy = Object.keys(memo.names).find((folder) => /^entries\/\d{4}\/\d{2}$/.test(folder));
    expect(memo.names[racy!]).toEqual([expect.stringMatching(/-gratitude-alex\.md$/)]);
    // A name there that git's index does not hold (an empty folder git does not see): the names
    // differ, so nothing is kept, and every prompt asks git until the folder has settled.
    mkdirSync(path.join(dir, racy!, 'not-an-entry'));
    aMomentAgo();
    expect(await prompt()).toEqual({ ...first, lookedWithGit: true });
    expect(existsSync(kept)).toBe(false);
    expect(await prompt()).toMatchObject({ lookedWithGit: true });
    rmSync(path.join(dir, racy!, 'not-an-entry'), { recursive: true });
    aMomentAgo();
    expect(await prompt()).toMatchObject({ lookedWithGit: true });
    expect(await prompt()).toEqual({ ...first, lookedWithGit: false });
    // What is kept of the names is checked against the folder each time: one name fewer, and git looks.
    const good = JSON.parse(readFileSync(kept, 'utf8'));
    writeFileSync(kept, JSON.stringify({ ...good, names: { [racy!]: good.names[racy!].slice(1) } }));
    expect(await prompt()).toEqual({ ...first, lookedWithGit: true });
  });

  it('is not fooled by a folder whose time was put back after a file was added (rsync -a, tar, cp -a, touch)', async () => {
    const env = await couple();
    const dir = env.INTIMACY_JOURNAL!;
    // Whole seconds, so that the time put back is exactly the one status saw.
    const hourAgo = new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
    const settle = () => {
      for (const folder of entryFolders(dir)) utimesSync(folder, hourAgo, hourAgo);
    };
    seedEntries(dir, [{ type: 'gratitude', author: 'Jordan', date: '2026-11-02T09:00:00Z' }], env);
    const due = (await runCli(['status', '--quiet'], { env })).stdout.trim().split('\n').length;
    settle();
    expect((await runCli(['status'], { env })).code).toBe(0);
    expect((await runCli(['status', '--prompt'], { env })).stdout).toBe(`♥ ${due} due\n`);
    // A date night copied in by hand (not committed), and the folder's old time put back, as
    // rsync -a or tar do: the same folder, the same modification time, one more entry.
    const scratch = path.join(tempDir(), 'scratch');
    mkdirSync(scratch);
    git(scratch, ['init', '-q'], env);
    const [date] = seedEntries(scratch, [{ type: 'date', author: 'Jordan', date: TEST_NOW }], env);
    writeFileSync(path.join(dir, date!), readFileSync(path.join(scratch, date!)));
    settle();
    expect((await runCli(['status', '--prompt'], { env })).stdout).toBe(`♥ ${due - 1} due\n`);
    expect((await runCli(['status', '--quiet'], { env })).stdout.trim().split('\n')).toHaveLength(due - 1);
  });

  it('goes alone', async () => {
    const env = await couple();
    const both = await runCli(['status', '--prompt', '--json'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--prompt goes alone/);
  });
});

/** The compiled code the built program kept, by bundle: which bundles a run loaded. */
function bundlesRun(cache: string): string[] {
  const dir = path.join(cache, 'intimacy', 'compiled');
  return existsSync(dir) ? readdirSync(dir).map((file) => file.replace(/-[0-9a-f]{16}-.*$/, '')) : [];
}

describe('status --prompt, as the shell starts it (the built program)', () => {
  it('answers from the count the last status left with its own small start, and otherwise as the status command', async () => {
    const env = await couple();
    const dir = env.INTIMACY_JOURNAL!;
    seedEntries(dir, [{ type: 'gratitude', author: 'Jordan', date: '2026-11-02T09:00:00Z' }], env);
    const settle = () => {
      const hourAgo = new Date(Date.now() - 3_600_000);
      for (const folder of entryFolders(dir)) utimesSync(folder, hourAgo, hourAgo);
    };
    const quiet = async (extra: string[] = []) =>
      (await runBinary(['status', '--quiet', ...extra], { env })).stdout.trim().split('\n').length;
    const due = await quiet();
    expect(due).toBeGreaterThan(1);
    settle();
    expect((await runBinary(['status'], { env })).code).toBe(0);
    // A cache folder of its own for each look at which bundles ran.
    const fresh = () => path.join(tempDir(), 'cache');
    const cache = fresh();
    const prompt = watchedPrompt({ ...env, XDG_CACHE_HOME: cache }, runBinary);
    expect(await prompt()).toEqual({ out: `♥ ${due} due\n`, code: 0, lookedWithGit: false });
    expect(bundlesRun(cache)).toEqual(['shell-prompt']);

    // intimacy.yaml changed by hand (the index and the folders as they were): settings to
    // parse, and the count still holds when what they say is the same.
    const settings = path.join(dir, 'intimacy.yaml');
    const before = readFileSync(settings, 'utf8');
    writeFileSync(settings, `${before}\n# a comment of ours\n`);
    const unchanged = fresh();
    expect(await watchedPrompt({ ...env, XDG_CACHE_HOME: unchanged }, runBinary)()).toEqual({
      out: `♥ ${due} due\n`,
      code: 0,
      lookedWithGit: false,
    });
    expect(bundlesRun(unchanged).sort()).toEqual(['shell-prompt', 'yaml']);
    expect(await prompt()).toEqual({ out: `♥ ${due} due\n`, code: 0, lookedWithGit: false });
    // Only gratitude tracked now: the status command counts anew.
    writeFileSync(
      settings,
      `${before}rituals:\n  gratitude:\n    counts: [gratitude]\n    cadence: 3/week\n    who: each\n`,
    );
    const fewer = await prompt();
    expect(fewer).toMatchObject({ code: 0, lookedWithGit: true });
    expect(fewer.out).not.toBe(`♥ ${due} due\n`);
    expect(await prompt()).toEqual({ ...fewer, lookedWithGit: false });
    expect(fewer.out).toBe(`♥ ${await quiet()} due\n`);
    writeFileSync(settings, before);
    expect(await prompt()).toEqual({ out: `♥ ${due} due\n`, code: 0, lookedWithGit: true });

    // The journal named on the command line, and another person: as status counts for them.
    const elsewhere = { ...env, INTIMACY_JOURNAL: path.join(tempDir(), 'none') };
    for (const args of [['--journal', dir], [`--journal=${dir}`], ['-j', dir]])
      expect(await watchedPrompt(elsewhere, runBinary, args)()).toEqual({
        out: `♥ ${due} due\n`,
        code: 0,
        lookedWithGit: false,
      });
    expect((await runBinary(['status', '--prompt', '--me', 'Jordan'], { env })).stdout).toBe(
      `♥ ${await quiet(['--me', 'Jordan'])} due\n`,
    );
    expect((await runBinary(['status', '--prompt'], { env: { ...env, LANG: 'C' } })).stdout).toBe(`<3 ${due} due\n`);

    // Never an error in a prompt, however it is started.
    expect(await runBinary(['status', '--prompt'], { env: elsewhere })).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(await runBinary(['status', '--prompt', '--journal', ''], { env })).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
    writeFileSync(settings, 'version: [\n');
    expect(await runBinary(['status', '--prompt'], { env })).toEqual({ code: 1, stdout: '', stderr: '' });
    writeFileSync(settings, before);
    expect(await runBinary(['status', '--prompt'], { env: { ...env, INTIMACY_NOW: 'soon' } })).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
  });
});
