import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { at, cleanupTemp, git, newUser, runCli, TEST_NOW } from '../helpers/cli.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

/** Interactive runs of the built CLI in a real pseudo-terminal (tmux). */
const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

async function journalFor(): Promise<{ env: NodeJS.ProcessEnv; home: string; dir: string }> {
  const { env, home } = newUser();
  const dir = path.join(home, 'journal');
  const init = await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
  expect(init.code).toBe(0);
  return { env: { ...env, INTIMACY_JOURNAL: dir }, home, dir };
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Terminal {
  const terminal = startTerminal(args, env, cwd);
  open.push(terminal);
  return terminal;
}

function entriesIn(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const item of readdirSync(at, { withFileTypes: true })) {
      if (item.isDirectory()) walk(path.join(at, item.name));
      else if (item.name.endsWith('.md')) files.push(path.join(at, item.name));
    }
  };
  try {
    walk(path.join(dir, 'entries'));
  } catch {
    /* no entries yet */
  }
  return files.sort();
}

/** Answers the prompt showing `message` (the active one starts with "? ") with keys. */
async function answer(t: Terminal, message: string, text: string | undefined, ...keys: string[]): Promise<void> {
  await t.waitFor(`? ${message}`);
  if (text !== undefined) t.type(text);
  t.keys(...keys, 'Enter');
}

describe('interactive template runs', () => {
  it('answers a whole check-in at the prompts, previews it and saves it', async () => {
    const { env, home, dir } = await journalFor();
    const t = run(['checkin', '--tag', 'weekly'], env, home);
    await t.waitFor('Weekly check-in');
    await answer(t, 'Something you appreciated', 'made tea when I was tired — thoughtful');
    await answer(t, 'Another thing you appreciated', 'the plan for Sunday');
    for (const message of ['And another', 'One more', 'And a fifth']) await answer(t, message, undefined);
    await answer(t, 'What went well between you', 'we laughed a lot on Saturday');
    await answer(t, 'How are you feeling about us', undefined, 'Down', 'Space', 'Down', 'Down', 'Space');
    for (const [message, digit] of [
      ['How connected', '4'],
      ['How well did we talk', '3'],
      ['How was the affection', '5'],
      ['How much fun', '2'],
      ['How supported', '4'],
    ] as const) {
      await answer(t, message, digit);
    }
    await answer(t, 'Is there one thing on your mind', 'y');
    await answer(t, 'Say it as', 'I feel rushed about mornings and I need ten calm minutes');
    await answer(t, 'What did you hear your partner say', 'that evenings matter to them');
    await answer(t, 'What can I do this week', 'cook on Friday');
    const preview = await t.waitFor('? Save this entry?');
    // The preview reads as `show` does: the template's words, ratings as bars, no raw keys.
    expect(preview).toMatch(/Connection +■■■■□ 4\/5/);
    expect(preview).toMatch(/Something to raise +yes/);
    expect(preview).toContain('I feel rushed about mornings');
    expect(preview).not.toMatch(/template:|has_concern|ratings:/);
    t.keys('Enter');
    expect(await t.exitCode()).toBe(0);

    const files = entriesIn(dir);
    expect(files).toHaveLength(1);
    const entry = parseEntry(readFileSync(files[0] ?? '', 'utf8'));
    expect(entry).toMatchObject({
      type: 'checkin',
      author: 'Alex',
      tags: ['weekly'],
      fields: {
        template: 'checkin',
        feelings: ['grateful', 'close'],
        has_concern: true,
        ratings: { connection: 4, communication: 3, affection: 5, fun: 2, support: 4 },
        commitments: ['cook on Friday'],
      },
    });
    expect(entry.body).toContain('## A concern\n\nI feel rushed about mornings and I need ten calm minutes\n');
    expect(git(dir, ['status', '--porcelain'], env)).toBe('');
    expect(git(dir, ['log', '-1', '--format=%s'], env).trim()).toBe('Alex wrote a checkin entry');

    // Next week's check-in looks back at this week's promise first.
    const nextWeek = new Date(Date.parse(TEST_NOW) + 7 * 86_400_000);
    const next = run(['checkin'], at(env, nextWeek), home);
    await next.waitFor('“cook on Friday”');
    next.keys('C-c');
    expect(await next.exitCode()).toBe(130);
  });

  it('keeps a draft through Ctrl-C, lists it, and resumes where it stopped', async () => {
    const { env, home, dir } = await journalFor();
    const first = run(['repair'], env, home);
    await first.waitFor('only when you are both calm');
    await answer(first, 'Which moment is this about?', 'Sunday, the dishes');
    await answer(first, 'How did you feel during it?', undefined, 'Space');
    await answer(first, 'How did you see it?', 'I was tired and felt alone with it');
    await first.waitFor("? What did you hear of your partner's side?");
    first.type('half-typed, lost');
    first.keys('C-c');
    expect(await first.exitCode()).toBe(130);
    expect(first.screen()).toContain('kept as a draft; run intimacy repair to resume');
    expect(entriesIn(dir)).toEqual([]);

    const draftFile = path.join(dir, '.intimacy', 'drafts', 'repair-alex.json');
    expect(statSync(draftFile).mode & 0o777).toBe(0o600);
    expect(git(dir, ['status', '--porcelain', '--ignored'], env)).toContain('.intimacy/');
    const drafts = await runCli(['drafts', '--json'], { env });
    expect(JSON.parse(drafts.stdout)).toMatchObject([{ template: 'repair', authors: ['Alex'], answers: 3 }]);

    const second = run(['repair'], env, home);
    await second.waitFor('You have an unfinished repair');
    second.keys('Enter');
    await answer(second, "What did you hear of your partner's side?", 'you felt I left early');
    for (const message of [
      'Which part of their view',
      'Did anything from before',
      'What set you up',
      'What was your part',
      'What would you like to apologise',
      'What do you need to put this',
      'One thing you will do differently',
      'One thing you ask your partner',
    ]) {
      await answer(second, message, undefined);
    }
    await second.waitFor('? Save this entry?');
    second.keys('Enter');
    expect(await second.exitCode()).toBe(0);

    const [file] = entriesIn(dir);
    const entry = parseEntry(readFileSync(file ?? '', 'utf8'));
    expect(entry.fields).toEqual({ template: 'repair', feelings: ['happy'] });
    expect(entry.body).toBe(
      '## The moment\n\nSunday, the dishes\n\n## How I saw it\n\nI was tired and felt alone with it\n\n## What I heard of your side\n\nyou felt I left early\n',
    );
    expect(readdirSync(path.join(dir, '.intimacy', 'drafts'))).toEqual([]);
  });

  it("keeps the review of last week's first promise through Ctrl-C at the second, and asks only the second on resuming", async () => {
    const { env, home, dir } = await journalFor();
    const lastWeek = (day: number) => at(env, new Date(Date.parse(TEST_NOW) - day * 86_400_000));
    for (const [days, promise] of [
      [9, 'cook on Friday'],
      [8, 'a walk on Sunday'],
    ] as const) {
      const written = await runCli(['checkin', '--answers', '-'], {
        env: lastWeek(days),
        input: JSON.stringify({ appreciation_1: 'the tea', commitment: promise }),
      });
      expect(written.code, written.stderr).toBe(0);
    }
    const first = run(['checkin'], env, home);
    await first.waitFor('“cook on Friday”');
    first.keys('Down', 'Enter'); // partly
    await first.waitFor('“a walk on Sunday”');
    first.keys('C-c');
    expect(await first.exitCode()).toBe(130);
    const drafts = await runCli(['drafts', '--json'], { env });
    expect(JSON.parse(drafts.stdout)).toMatchObject([{ template: 'checkin', answers: 1 }]);

    const second = run(['checkin'], env, home);
    await second.waitFor('(1 answer)');
    second.keys('Enter');
    const asked = await second.waitFor('“a walk on Sunday”');
    expect(asked).not.toContain('“cook on Friday”');
    second.keys('Enter'); // kept
    await answer(second, 'Something you appreciated', 'the soup');
    for (const message of [
      'Another thing you appreciated',
      'And another',
      'One more',
      'And a fifth',
      'What went well between you',
      'How are you feeling about us',
      'How connected',
      'How well did we talk',
      'How was the affection',
      'How much fun',
      'How supported',
      'Is there one thing on your mind',
      'What did you hear your partner say',
      'What can I do this week',
    ]) {
      await answer(second, message, undefined);
    }
    await second.waitFor('? Save this entry?');
    second.keys('Enter');
    expect(await second.exitCode()).toBe(0);
    const entry = parseEntry(readFileSync(entriesIn(dir).at(-1) ?? '', 'utf8'));
    expect(entry.fields.reviewed).toEqual([
      { commitment: 'cook on Friday', outcome: 'partly' },
      { commitment: 'a walk on Sunday', outcome: 'kept' },
    ]);
  });

  it('--together asks both partners in turn and saves two entries in one commit', async () => {
    const { env, home, dir } = await journalFor();
    const t = run(['new', 'gratitude', '--together'], env, home);
    await t.waitFor("Alex's turn");
    await answer(t, '[Alex] What are you grateful for?', 'your patience this week');
    await t.waitFor("Jordan's turn");
    await answer(t, '[Jordan] What are you grateful for?', 'the soup');
    await t.waitFor('? Save both entries?');
    t.keys('Enter');
    expect(await t.exitCode()).toBe(0);
    const entries = entriesIn(dir).map((file) => parseEntry(readFileSync(file, 'utf8')));
    expect(entries.map((e) => [e.author, e.body])).toEqual([
      ['Alex', "## What I'm grateful for\n\nyour patience this week\n"],
      ['Jordan', "## What I'm grateful for\n\nthe soup\n"],
    ]);
    expect(git(dir, ['log', '--format=%s'], env).trim().split('\n')).toEqual([
      'Alex and Jordan wrote gratitude entries together',
      'Start our journal',
    ]);
  });

  it('at a terminal, asks only what an --answers file left open', async () => {
    const { env, home, dir } = await journalFor();
    const file = path.join(home, 'answers.yaml');
    writeFileSync(file, 'trait: patient\nwhen_noticed: at the airport\nshared: no\n');
    const t = run(['new', 'appreciation', '--answers', file], env, home);
    await answer(t, 'What do you appreciate about your partner?', 'how you stay calm when plans fall apart');
    await t.waitFor('? Save this entry?');
    expect(t.screen()).not.toContain('Which of their qualities');
    t.keys('Enter');
    expect(await t.exitCode()).toBe(0);
    const [entry] = entriesIn(dir).map((f) => parseEntry(readFileSync(f, 'utf8')));
    expect(entry?.fields).toEqual({ template: 'appreciation', trait: 'patient', shared: false });
    expect(entry?.body).toContain('how you stay calm when plans fall apart');
  });
  it('previews the files given with --attach, and leaves one out when asked', async () => {
    const { env, home, dir } = await journalFor();
    const file = path.join(home, 'answers.yaml');
    writeFileSync(file, 'trait: patient\nwhen_noticed: at the airport\nshared: no\n');
    writeFileSync(path.join(home, 'ticket.txt'), 'Row 12, seats 3 and 4\n');
    writeFileSync(path.join(home, 'menu.txt'), 'x'.repeat(3000));
    const t = run(
      ['new', 'appreciation', '--answers', file, '--attach', 'ticket.txt', '--attach', 'menu.txt'],
      env,
      home,
    );
    await answer(t, 'What do you appreciate about your partner?', 'how you kept the tickets safe');
    const preview = await t.waitFor('? Save this entry?');
    expect(preview).toMatch(/Attached\n +ticket\.txt \(1 KiB\)\n +menu\.txt \(3 KiB\)/);
    expect(preview).toContain('Leave out an attached file');
    t.keys('Down', 'Down', 'Enter');
    await t.waitFor('? Which file should not be kept with the entry?');
    t.keys('Down', 'Enter');
    await t.waitFor(/Left out menu\.txt; your file is unchanged\.[\s\S]*\? Save this entry\?/);
    expect(t.screen().split('Left out menu.txt')[1]).not.toContain('menu.txt (3 KiB)');
    t.keys('Enter');
    expect(await t.exitCode()).toBe(0);
    const [entry] = entriesIn(dir).map((f) => parseEntry(readFileSync(f, 'utf8')));
    const attached = entry?.fields.attachments as string[];
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatch(/ticket\.txt$/);
    expect(readFileSync(path.join(dir, attached[0] ?? ''), 'utf8')).toBe('Row 12, seats 3 and 4\n');
    expect(readFileSync(path.join(home, 'menu.txt'), 'utf8')).toHaveLength(3000);
  });
});
