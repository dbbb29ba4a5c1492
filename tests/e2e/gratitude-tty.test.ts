import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { cleanupTemp, defaultJournal, newUser } from '../helpers/cli.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

/** `intimacy gratitude` with nothing to say on the command line, at a real terminal. */
const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Terminal {
  const terminal = startTerminal(args, env, cwd);
  open.push(terminal);
  return terminal;
}

function notes(home: string): string[] {
  const root = path.join(defaultJournal(home), 'entries');
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((p) => p.endsWith('.md'))
      .map((p) => readFileSync(path.join(root, p), 'utf8'));
  } catch {
    return [];
  }
}

describe('gratitude at a terminal', { timeout: 60_000 }, () => {
  it('asks for the note, insists on a few words, and saves it', async () => {
    const { env, home } = newUser();
    const terminal = run(['gratitude', '--tag', 'home'], env, home);
    await terminal.waitFor('What are you grateful for?');
    terminal.keys('Enter');
    await terminal.waitFor('Write a few words');
    terminal.type('the soup you made when I was ill');
    terminal.keys('Enter');
    // The first write, with nothing but the login name to go by, asks for both names once.
    await terminal.waitFor("What's your name?");
    terminal.type('Alex');
    terminal.keys('Enter');
    await terminal.waitFor("And your partner's name?");
    terminal.type('Jordan');
    terminal.keys('Enter');
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).toMatch(/Saved gratitude \S+-gratitude-alex/);
    const [text] = notes(home);
    const entry = parseEntry(text!);
    expect(entry).toMatchObject({ author: 'Alex', fields: { for: 'Jordan' } });
    expect(entry.body).toContain('the soup you made when I was ill');
    expect(entry.tags).toEqual(['home']);

    // Asked once: the next write at a terminal goes straight to the note.
    const again = run(['gratitude', 'the walk'], env, home);
    expect(await again.exitCode()).toBe(0);
    expect(again.screen()).not.toMatch(/your name/);
    expect(notes(home)).toHaveLength(2);
  });

  it('lets both names be skipped with Enter, keeping the login name', async () => {
    const { env, home } = newUser();
    const terminal = run(['gratitude', 'the tea'], env, home);
    await terminal.waitFor("What's your name?");
    const login = os.userInfo().username;
    expect(terminal.screen()).toContain(`Enter keeps "${login}"`);
    terminal.keys('Enter');
    await terminal.waitFor("And your partner's name?");
    terminal.keys('Enter');
    expect(await terminal.exitCode()).toBe(0);
    expect(parseEntry(notes(home)[0]!).author).toBe(login);
  });

  it('Ctrl-C leaves without saving, and --no-input names what to pass instead of asking', async () => {
    const { env, home } = newUser();
    const cancelled = run(['gratitude'], env, home);
    await cancelled.waitFor('What are you grateful for?');
    cancelled.type('half a thou');
    cancelled.keys('C-c');
    expect(await cancelled.exitCode()).toBe(130);
    expect(cancelled.screen()).toContain('Cancelled; nothing was saved.');
    expect(notes(home)).toEqual([]);

    const strict = run(['--no-input', 'gratitude'], env, home);
    expect(await strict.exitCode()).toBe(2);
    expect(strict.screen()).toMatch(/prompting is off\. Pass it as an argument/);
  });
});
