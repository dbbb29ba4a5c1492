import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { at, cleanupTemp, newUser, runCli } from '../helpers/cli.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';
import { entryFiles, ok, read } from '../sync/partners.js';

const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

async function journal(instant = '2026-11-25T18:30:00Z') {
  const { home, env: base } = newUser();
  const env = at(base, instant);
  const dir = path.join(home, 'journal');
  await ok(runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env }));
  return {
    home,
    env,
    dir,
    run: (args: string[], input?: string) => runCli(['--journal', dir, ...args], { env, input }),
  };
}

const OWN_DECK = `name: playful
title: Our own playful deck
description: Three of ours.
questions:
  - id: one
    text: The first of ours?
  - id: two
    text: The second of ours?
  - id: three
    text: The third of ours?
    mode: guess
`;

describe('intimacy ask', { timeout: 120_000 }, () => {
  it("draws from the journal's own deck, never repeats until the deck is done, then allows --repeat", async () => {
    const { dir, run } = await journal();
    mkdirSync(path.join(dir, 'decks'));
    writeFileSync(path.join(dir, 'decks', 'playful.yaml'), OWN_DECK);
    const asked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await ok(run(['ask', '--deck', 'playful', '--answer', `answer ${i}`]));
      asked.push(/The (\w+) of ours\?/.exec(result.stderr)?.[1] ?? '');
    }
    expect(asked.sort()).toEqual(['first', 'second', 'third']);
    const done = await run(['ask', '--deck', 'playful', '--answer', 'one more']);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('You have answered every question of playful.');
    expect(done.stderr).toContain('Pass --repeat to answer them again');
    const waiting = await run(['ask', '--deck', 'playful', '--answer', 'one more', '--repeat']);
    expect(waiting.code).toBe(1);
    expect(waiting.stderr).toContain("Every question of playful is waiting for Jordan's answer.");
    expect(entryFiles(dir)).toHaveLength(3);
    // Jordan (at this computer for the test) answers all three, then a question comes again only with --repeat.
    for (let i = 0; i < 3; i++) await ok(run(['--me', 'Jordan', 'ask', '--deck', 'playful', '--answer', `j${i}`]));
    expect((await run(['ask', '--deck', 'playful', '--answer', 'again'])).code).toBe(1);
    const repeated = await ok(run(['ask', '--deck', 'playful', '--answer', 'years later', '--repeat']));
    expect(repeated.stderr).toMatch(/The (first|second|third) of ours\?/);
    expect(entryFiles(dir)).toHaveLength(7);
    // Nothing of the built-in playful deck: the journal's replaces it.
    const listed = await ok(run(['decks', 'playful']));
    expect(listed.stdout).toContain('Our own playful deck');
    expect(listed.stdout).not.toContain('trying-to-impress');
  });

  it('asks an in-order deck in order, and a question your partner answered first before any other', async () => {
    const { run } = await journal();
    const first = await ok(run(['ask', '--deck', 'thirty-six', '--answer', 'after my grandmother']));
    expect(first.stderr).toContain('What do you know about how your name was chosen?');
    const second = await ok(run(['ask', '--deck', 'thirty-six', '--answer', 'coffee and quiet']));
    expect(second.stderr).toContain('What would the first half hour of your ideal morning look like?');
    const jordan = await ok(run(['--me', 'Jordan', 'ask', '--answer', 'mine first']));
    expect(jordan.stderr).toContain('Alex answered this — your turn.');
    expect(jordan.stderr).toContain('What do you know about how your name was chosen?');
  });

  it('refuses bad input with one clear line and writes nothing', async () => {
    const { dir, run } = await journal();
    const unknownDeck = await run(['ask', '--deck', 'nope', '--answer', 'x']);
    expect(unknownDeck.code).toBe(2);
    expect(unknownDeck.stderr).toContain('There is no deck called "nope". Choose one of: dreams, ideas, love-maps');
    const unknownQuestion = await run(['ask', '--deck', 'playful', '--question', 'nope', '--answer', 'x']);
    expect(unknownQuestion.code).toBe(2);
    expect(unknownQuestion.stderr).toContain(
      'The playful deck has no question "nope". Its questions: trying-to-impress,',
    );
    const nowhere = await run(['ask', '--question', 'nope', '--answer', 'x']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('No deck has a question "nope"');
    const empty = await run(['ask', '--answer', '   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The answer is empty; nothing was saved.');
    const emptyStdin = await run(['ask'], '\n\n');
    expect(emptyStdin.code).toBe(2);
    const notGuess = await run(['ask', '--question', 'a-small-worry', '--answer', 'x', '--guess', 'y']);
    expect(notGuess.code).toBe(2);
    expect(notGuess.stderr).toContain('"a-small-worry" is not a guess question');
    expect(entryFiles(dir)).toEqual([]);
    await ok(run(['ask', '--question', 'a-small-worry', '--answer', 'the dentist']));
    const again = await run(['ask', '--question', 'a-small-worry', '--answer', 'again']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('You have answered "a-small-worry" already; it opens when Jordan has answered too.');
    expect(entryFiles(dir)).toHaveLength(1);
  });

  it('answers a guess question with its guess, and counts toward a questions ritual', async () => {
    const { dir, run } = await journal();
    await ok(run(['rituals', 'add', 'questions', '--cadence', '2/week', '--who', 'each', '--counts', 'question']));
    await ok(
      run(['ask', '--question', 'comfort-food', '--answer', 'my own: dumplings', '--guess', 'their guess: soup']),
    );
    const [file] = entryFiles(dir);
    const text = read(dir, file!);
    expect(text).not.toContain('dumplings');
    expect(text).not.toContain('soup');
    expect(text).toContain('mode: "guess"');
    const status = await ok(run(['status']));
    expect(status.stdout).toMatch(/questions\s+—\s+1 of 2 so far/);
    const shown = await ok(run(['show', 'last']));
    expect(shown.stdout).toContain("Alex's answer (sealed: only you can read it yet)");
    expect(shown.stdout).toContain('my own: dumplings');
    expect(shown.stdout).toContain('their guess: soup');
  });

  it('asks at a real terminal: the question, the answer, the guess', async () => {
    const { home, env, dir } = await journal();
    const terminal = startTerminal(['--journal', dir, 'ask', '--question', 'comfort-food'], env, home);
    open.push(terminal);
    await terminal.waitFor('What food do you reach for when you need comfort?');
    await terminal.waitFor('Your answer');
    terminal.type('warm bread');
    terminal.keys('Enter');
    await terminal.waitFor('what do you think Jordan will answer?');
    terminal.type('noodles');
    terminal.keys('Enter');
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).toContain('Sealed: Jordan can read your answer once they have answered too.');
    const shown = await ok(runCli(['--journal', dir, 'show', 'last'], { env }));
    expect(shown.stdout).toContain('warm bread');
    expect(shown.stdout).toContain('noodles');
  });
});
