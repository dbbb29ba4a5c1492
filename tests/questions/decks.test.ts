import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/decks/load.js';
import { parseDeck } from '../../src/decks/schema.js';
import { DECK_LIMITS } from '../../src/templates/limits.js';
import { newUser, runCli, tempDir } from '../helpers/cli.js';

async function journal(): Promise<{ dir: string; run: (args: string[]) => ReturnType<typeof runCli> }> {
  const { home, env } = newUser();
  const dir = path.join(home, 'journal');
  const init = await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
  expect(init.code, init.stderr).toBe(0);
  return { dir, run: (args) => runCli(['--journal', dir, ...args], { env }) };
}

function writeDeck(dir: string, name: string, text: string): void {
  mkdirSync(path.join(dir, 'decks'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', `${name}.yaml`), text);
}

const SMALL = 'title: Ours\ndescription: Our own questions\nquestions:\n  - id: first\n    text: First of ours?\n';

describe('the built-in decks', () => {
  it('are all valid: at least seven, each question with a stable id, some guess questions', async () => {
    const set = await loadDecks(undefined);
    expect([...set.broken.keys()]).toEqual([]);
    expect(set.decks.size).toBeGreaterThanOrEqual(7);
    for (const { deck } of set.decks.values()) {
      expect(deck.questions.length).toBeGreaterThan(10);
      expect(new Set(deck.questions.map((q) => q.id)).size).toBe(deck.questions.length);
    }
    const guesses = [...set.decks.values()].flatMap(({ deck }) => deck.questions.filter((q) => q.mode === 'guess'));
    expect(guesses.length).toBeGreaterThan(5);
    expect(set.decks.get('thirty-six')?.deck.questions).toHaveLength(36);
  });
});

describe('validating a deck', () => {
  it('names the file and the field of each problem', () => {
    const result = parseDeck(
      'title: T\nquestions:\n  - id: Bad Id\n    text: x\n  - id: ok\n    mode: maybe\n    colour: red\n',
      'ours',
      'decks/ours.yaml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const said = result.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
    expect(said).toContain('decks/ours.yaml: description: is missing');
    expect(said.some((s) => s.startsWith('decks/ours.yaml: questions[0].id: "Bad Id" is not a question id'))).toBe(
      true,
    );
    expect(said).toContain('decks/ours.yaml: questions[1].text: is missing');
    expect(said).toContain('decks/ours.yaml: questions[1].mode: must be open or guess');
    expect(said.some((s) => s.startsWith('decks/ours.yaml: questions[1].colour: is not a question field'))).toBe(true);
  });

  it('bounds the number of questions, the length of a text and the YAML itself', () => {
    const many = Array.from({ length: DECK_LIMITS.questions + 1 }, (_, i) => `  - id: q${i}\n    text: Q${i}?\n`).join(
      '',
    );
    const tooMany = parseDeck(`title: T\ndescription: D\nquestions:\n${many}`, 'big', 'decks/big.yaml');
    expect(tooMany.ok ? [] : tooMany.problems.map((p) => p.field)).toEqual(['questions']);
    const long = parseDeck(
      `title: T\ndescription: D\nquestions:\n  - id: a\n    text: ${'x'.repeat(400)}\n`,
      'l',
      'decks/l.yaml',
    );
    expect(long.ok ? '' : long.problems[0]?.message).toMatch(/too long \(400 characters; at most 300\)/);
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [*${i === 0 ? 'a' : `b${i - 1}`}, *${i === 0 ? 'a' : `b${i - 1}`}]`).join('\n')}\n`;
    const parsed = parseDeck(bomb, 'bomb', 'decks/bomb.yaml');
    expect(parsed.ok).toBe(false);
  });
});

describe('intimacy decks', () => {
  it('lists every deck with how many questions you have both answered, and one deck with its questions', async () => {
    const { run } = await journal();
    const listed = await run(['decks']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^love-maps\s+0\/36 answered\s+Knowing each other's world$/m);
    expect(listed.stdout).toMatch(/^thirty-six\s+0\/36 answered/m);
    const json = JSON.parse((await run(['decks', '--json'])).stdout) as Array<{ name: string; questions: number }>;
    expect(json.map((d) => d.name)).toContain('year-review');
    const one = await run(['decks', 'thirty-six']);
    expect(one.stdout).toContain('Set two — what shaped you');
    expect(one.stdout).toMatch(/name-story\s+What do you know about how your name was chosen\?/);
  });

  it("uses the journal's own deck over the built-in of its name, and names a broken one while the others work", async () => {
    const { dir, run } = await journal();
    writeDeck(dir, 'playful', SMALL);
    writeDeck(dir, 'broken', 'title: Broken\nquestions: 7\n');
    const listed = await run(['decks']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^playful\s+0\/1 answered\s+Ours\s+\(yours, replaces built-in\)$/m);
    expect(listed.stdout).toMatch(/^love-maps /m);
    expect(listed.stderr).toContain('broken deck, skipped: decks/broken.yaml: description: is missing');
    expect(listed.stderr).toContain('decks/broken.yaml: questions: must be a list');
    const broken = await run(['decks', 'broken']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('The broken deck is broken');
  });

  it('refuses an unknown deck with exit 2, naming the known ones', async () => {
    const { run } = await journal();
    const result = await run(['decks', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no deck called "nope". Choose one of: dreams, ideas, love-maps');
  });

  it('does not follow a deck that is a symbolic link', async () => {
    const { dir, run } = await journal();
    const outside = path.join(tempDir(), 'secret.yaml');
    writeFileSync(outside, SMALL);
    mkdirSync(path.join(dir, 'decks'));
    symlinkSync(outside, path.join(dir, 'decks', 'linked.yaml'));
    const result = await run(['decks']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^linked/m);
    expect(result.stderr).toContain('decks/linked.yaml: (file): a symbolic link, which intimacy does not follow');
  });
});

describe('Tab completion', () => {
  it('offers deck names for --deck and decks, question ids for --question, entry ids for reply', async () => {
    const { home, env } = newUser();
    const dir = path.join(home, 'journal');
    await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
    writeDeck(dir, 'ours', SMALL);
    const complete = async (...words: string[]) =>
      (await runCli(['complete', '--', '--journal', dir, ...words], { env })).stdout;
    expect(await complete('ask', '--deck', '')).toMatch(/^love-maps\tKnowing each other's world$/m);
    expect(await complete('ask', '--deck', '')).toMatch(/^ours\tOurs$/m);
    expect(await complete('decks', '')).toMatch(/^thirty-six\t/m);
    expect(await complete('ask', '--question', '')).toMatch(/^perfect-saturday\tlove-maps: What would your perfect/m);
    expect(await complete('ask', '--question', '')).toMatch(/^first\tours: First of ours\?$/m);
    await runCli(['--journal', dir, 'gratitude', 'a note'], { env });
    expect(await complete('reply', '')).toMatch(/^\d{8}T\d{6}Z-gratitude-alex\tgratitude by Alex$/m);
  });
});
