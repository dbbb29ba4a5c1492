import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { at, cleanupTemp, git, runBinary, runCli } from '../helpers/cli.js';
import { allObjectText } from '../helpers/remote-objects.js';
import { ok, type Partner, syncedPair } from '../sync/partners.js';

afterAll(cleanupTemp);

/** Every file of a clone, .git and .intimacy included: what the partner's computer holds. */
function allFiles(dir: string): string {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((rel) => path.join(dir, rel))
    .filter((file) => {
      try {
        return readFileSync(file) !== undefined;
      } catch {
        return false;
      }
    })
    .map((file) => readFileSync(file, 'latin1'))
    .join('\n');
}

/** The partner at a moment of the journal's clock; `binary`: each command starts the built CLI. */
function when(who: Partner, instant: string, binary = false): Partner {
  const env = at(who.env, instant);
  const runner = binary ? runBinary : runCli;
  return { ...who, env, run: (args, input) => runner(['--journal', who.dir, ...args], { env, input }) };
}

const ALEX_WORDS = 'a slow breakfast at the harbour cafe';
const ALEX_GUESS = 'reading in the hammock all afternoon';
const JORDAN_WORDS = 'cycling to the lighthouse and back';
const JORDAN_GUESS = 'breakfast somewhere by the water';

describe('a sealed answer', { timeout: 180_000 }, () => {
  it('is in no object of the remote and no file of the partner until they answer; then both read both', async () => {
    const pair = await syncedPair({}, true);
    const alex = when(pair.alex, '2026-11-25T18:30:00Z', true);
    const asked = await ok(
      alex.run([
        'ask',
        '--deck',
        'love-maps',
        '--question',
        'perfect-saturday',
        '--answer',
        ALEX_WORDS,
        '--guess',
        ALEX_GUESS,
      ]),
    );
    expect(asked.stdout).toContain('Sealed: Jordan can read your answer once they have answered too.');
    await ok(alex.run(['sync']));
    const jordan = when(pair.jordan, '2026-11-26T09:00:00Z', true);
    await ok(jordan.run(['sync']));
    for (const words of [ALEX_WORDS, ALEX_GUESS]) {
      expect(allObjectText(pair.remote)).not.toContain(words);
      expect(allFiles(jordan.dir)).not.toContain(words);
      expect(allObjectText(jordan.dir)).not.toContain(words);
    }
    // Jordan sees that it is their turn, and nothing of the words.
    const status = await ok(jordan.run(['status']));
    expect(status.stdout).toContain('Alex answered "What would your perfect Saturday look like');
    expect(status.stdout).toContain('your turn (intimacy ask)');
    const sealedShow = await ok(jordan.run(['show', 'last']));
    expect(sealedShow.stdout).toMatch(/Alex's answer\s+sealed until you have both answered/);
    const sealedLog = await ok(jordan.run(['log']));
    expect(sealedLog.stdout).toContain('(sealed) What would your perfect Saturday look like');
    expect((await jordan.run(['grep', 'harbour'])).stdout).toBe('');
    const waiting = JSON.parse((await ok(jordan.run(['questions', '--json']))).stdout) as Array<{ state: string }>;
    expect(waiting.map((q) => q.state)).toEqual(['your-turn']);

    // Jordan answers (the question offered first is the one Alex answered), and reads both.
    const answered = await ok(jordan.run(['ask', '--guess', JORDAN_GUESS], JORDAN_WORDS));
    expect(answered.stderr).toContain('Alex answered this — your turn.');
    expect(answered.stdout).toContain('You have both answered');
    // Jordan reads their own answer at once; Alex's opens with Alex's next sync.
    expect(answered.stdout).toContain(JORDAN_WORDS);
    expect(answered.stdout).toMatch(/Alex's answer\s+sealed until Alex's next sync opens it/);
    expect(answered.stdout).not.toContain(ALEX_WORDS);
    await ok(jordan.run(['sync']));
    // Alex's sync brings Jordan's answer, opens Alex's and sends its key back.
    const alexLater = when(pair.alex, '2026-11-26T10:00:00Z', true);
    const alexSync = await ok(alexLater.run(['sync']));
    expect(alexSync.stderr).toContain('Jordan has answered "What would your perfect Saturday');
    await ok(jordan.run(['sync']));
    // Alex's key is in the journal now: the clone keeps none.
    expect(readdirSync(path.join(alex.dir, '.intimacy', 'sealed'))).toEqual([]);
    for (const who of [alexLater, jordan]) {
      const shown = await ok(who.run(['show', 'last']));
      for (const words of [ALEX_WORDS, ALEX_GUESS, JORDAN_WORDS, JORDAN_GUESS]) expect(shown.stdout).toContain(words);
      // Each guess sits right under the answer it guessed.
      expect(shown.stdout).toMatch(new RegExp(`${JORDAN_WORDS}\\s+Alex's guess\\s+${ALEX_GUESS}`));
      expect(shown.stdout).toMatch(new RegExp(`${ALEX_WORDS}\\s+Jordan's guess\\s+${JORDAN_GUESS}`));
      expect(shown.stdout).not.toContain('Edited');
      const rows = JSON.parse((await ok(who.run(['questions', '--json']))).stdout) as Array<{ state: string }>;
      expect(rows.map((q) => q.state)).toEqual(['open']);
      expect((await ok(who.run(['grep', 'lighthouse']))).stdout).toContain(JORDAN_WORDS);
      expect((await ok(who.run(['stats', '--since', '2026-11-01']))).stdout).toContain(
        "1 answered by you both, 0 waiting for the other's answer",
      );
      const exported = await ok(who.run(['export', '--format', 'md']));
      expect(exported.stdout).toContain(ALEX_WORDS);
      expect(exported.stdout).toContain(JORDAN_WORDS);
    }
    // The history: each answer committed sealed, each opened only after both were in.
    const subjects = git(alex.dir, ['log', '--reverse', '--format=%s']).split('\n');
    const order = subjects.filter((s) => /question entry|opened/.test(s));
    expect(order).toEqual([
      'Alex wrote a question entry',
      'Jordan wrote a question entry',
      "Jordan's answer to love-maps/perfect-saturday opened: Alex has answered too",
      "Alex's answer to love-maps/perfect-saturday opened: Jordan has answered too",
    ]);
  });

  it('shows an answer edited after opening as edited, and refuses to edit one still sealed', async () => {
    const pair = await syncedPair();
    const alex = when(pair.alex, '2026-11-25T18:30:00Z');
    const saved = await ok(
      alex.run(['ask', '--deck', 'playful', '--question', 'inside-joke', '--answer', 'the goose']),
    );
    const id = /Saved question (\S+)/.exec(saved.stdout)?.[1] ?? '';
    const env = { ...alex.env, EDITOR: 'sed -i s/goose/swan/' };
    const refused = await runCli(['--journal', alex.dir, 'edit', id], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is a sealed answer: it cannot be edited until you have both answered');
    await ok(alex.run(['sync']));
    const jordan = when(pair.jordan, '2026-11-26T09:00:00Z');
    await ok(jordan.run(['sync']));
    await ok(jordan.run(['ask', '--deck', 'playful', '--answer', 'the umbrella']));
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    const edited = await runCli(['--journal', alex.dir, 'edit', id], { env });
    expect(edited.code, edited.stderr).toBe(0);
    const shown = await ok(alex.run(['show', id]));
    expect(shown.stdout).toContain('the swan');
    expect(shown.stdout).toMatch(/Edited\s+changed after it was opened/);
  });

  it('stays sealed in an encrypted journal whose key the partner holds', async () => {
    const pair = await syncedPair();
    const pass = path.join(pair.root, 'pass');
    writeFileSync(pass, 'a long shared passphrase\n');
    await ok(pair.alex.run(['encrypt', 'init']));
    const exported = await ok(pair.alex.run(['encrypt', 'export-key', '--passphrase-file', pass]));
    const keyFile = path.join(pair.root, 'key.txt');
    writeFileSync(keyFile, exported.stdout);
    await ok(pair.jordan.run(['encrypt', 'import-key', keyFile, '--passphrase-file', pass]));
    await ok(pair.alex.run(['sync']));
    await ok(pair.jordan.run(['sync']));
    await ok(pair.alex.run(['ask', '--question', 'a-small-worry', '--answer', ALEX_WORDS]));
    await ok(pair.alex.run(['sync']));
    await ok(pair.jordan.run(['sync']));
    expect(allFiles(pair.jordan.dir)).not.toContain(ALEX_WORDS);
    expect(allObjectText(pair.remote)).not.toContain(ALEX_WORDS);
    expect((await ok(pair.jordan.run(['show', 'last']))).stdout).toContain('sealed until you have both answered');
  });

  it("is not opened by a partner's forged answer: a copy of it, a letter for sealed words, or a key that opens nothing", async () => {
    const pair = await syncedPair({}, true);
    const alex = when(pair.alex, '2026-11-25T18:30:00Z', true);
    await ok(alex.run(['ask', '--deck', 'love-maps', '--question', 'perfect-saturday', '--answer', ALEX_WORDS]));
    await ok(alex.run(['sync']));
    const jordan = when(pair.jordan, '2026-11-26T09:00:00Z', true);
    await ok(jordan.run(['sync']));
    const mine = (readdirSync(path.join(jordan.dir, 'entries'), { recursive: true }) as string[]).find((file) =>
      file.endsWith('-question-alex.md'),
    )!;
    const text = readFileSync(path.join(jordan.dir, 'entries', mine), 'utf8');
    const sealed = /^sealed: "?([^"\n]+)"?$/m.exec(text)![1]!;
    const forgeries: Array<[string, (entry: string) => string]> = [
      ['a copy of the sealed words', (entry) => entry],
      ['a letter', (entry) => entry.replace(sealed, 'x')],
      [
        'an open answer whose key opens nothing',
        (entry) => entry.replace(/^sealed: .*$/m, `$&\nkey: "${'A'.repeat(43)}="`),
      ],
    ];
    const commitAsJordan = (message: string) =>
      git(jordan.dir, [
        '-c',
        'user.name=Jordan',
        '-c',
        'user.email=j@example.com',
        'commit',
        '-q',
        '--no-verify',
        '-m',
        message,
      ]);
    for (const [n, [what, forge]] of forgeries.entries()) {
      const forged = path.join(jordan.dir, 'entries', path.dirname(mine), `20261126T09000${n}Z-question-jordan.md`);
      writeFileSync(forged, forge(text.replace('author: "Alex"', 'author: "Jordan"')));
      git(jordan.dir, ['add', '-A']);
      commitAsJordan(what);
      git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'HEAD'], jordan.env);
      await ok(alex.run(['sync']));
      expect(allObjectText(pair.remote), what).not.toContain(ALEX_WORDS);
      expect(git(pair.alex.dir, ['log', '-1', '--format=%s']), what).not.toMatch(/opened/);
      git(jordan.dir, ['rm', '-q', path.relative(jordan.dir, forged)]);
      commitAsJordan('gone');
    }
  });
});
