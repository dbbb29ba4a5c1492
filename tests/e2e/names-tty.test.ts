import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupTemp, defaultJournal, git, newUser, runCli, tempDir } from '../helpers/cli.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

/** Cloning the partner's journal at a real terminal, without --me: it asks which of you you are. */
const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

describe('clone at a terminal', { timeout: 60_000 }, () => {
  it('asks which of the partners you are and records it in the clone', async () => {
    const alex = newUser();
    const remote = path.join(tempDir(), 'remote.git');
    git(path.dirname(remote), ['init', '-q', '--bare', remote]);
    const dir = path.join(alex.home, 'journal');
    expect(
      (await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote], { env: alex.env })).code,
    ).toBe(0);
    expect((await runCli(['-j', dir, 'sync'], { env: alex.env })).code).toBe(0);

    const jordan = newUser();
    const terminal = startTerminal(['clone', remote], jordan.env, jordan.home);
    open.push(terminal);
    await terminal.waitFor('Which of you are you?');
    expect(terminal.screen()).toMatch(/Alex[\s\S]*Jordan/);
    terminal.keys('Down');
    terminal.keys('Enter');
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).toMatch(/Joined the journal of Alex and Jordan in .*, as Jordan/);
    const recorded = spawnSync('git', ['config', 'intimacy.me'], {
      cwd: defaultJournal(jordan.home),
      encoding: 'utf8',
    });
    expect(recorded.stdout.trim()).toBe('Jordan');
  });
});
