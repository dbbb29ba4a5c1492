import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { render } from '@inquirer/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { PromptCancelled } from '../../src/errors.js';
import type { PromptContext } from '../../src/prompts/index.js';
import { type AskOptions, askQuestion } from '../../src/prompts/questions.js';
import type { AnswerValue, RunContext } from '../../src/templates/answers.js';
import { FEELINGS, type Question } from '../../src/templates/schema.js';
import { cleanupTemp, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

const NONE: RunContext = { previousCommitments: [] };

/** Runs askQuestion against @inquirer/testing's fake terminal. */
async function ask(question: Question, options: Partial<AskOptions> = {}) {
  const prompt = (_props: object, context: PromptContext) =>
    askQuestion(question, { ctx: NONE, env: {}, ...options, context });
  const screen = await render(prompt as never, {});
  /** The prompt module loads lazily; wait until the question is on screen before typing. */
  const shown = async (text: string) => {
    for (let i = 0; i < 200 && !screen.getScreen().includes(text); i++) await new Promise((r) => setTimeout(r, 5));
    expect(screen.getScreen()).toContain(text);
  };
  await shown(question.message);
  return { ...screen, shown, answer: screen.answer as unknown as Promise<AnswerValue | undefined> };
}

const q = (fields: Partial<Question> & Pick<Question, 'id' | 'type'>): Question => ({
  message: `Question ${fields.id}?`,
  required: false,
  ...fields,
});

describe('asking template questions', () => {
  it('text: types an answer, and refuses an empty one when required', async () => {
    const { events, getScreen, answer } = await ask(q({ id: 'a', type: 'text', required: true, hint: 'a hint' }));
    expect(getScreen()).toContain('(a hint)');
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 20));
    expect(getScreen()).toContain('This one needs an answer');
    events.type('our walk');
    events.keypress('enter');
    await expect(answer).resolves.toBe('our walk');
  });

  it('long: is typed inline when no editor is set, and offers the earlier answer as default', async () => {
    const { events, answer } = await ask(q({ id: 'b', type: 'long' }), { previous: 'from the draft' });
    events.keypress('enter');
    await expect(answer).resolves.toBe('from the draft');
  });

  it('long: opens $VISUAL when set, with the temp file in the private folder', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'fake-editor.sh');
    writeFileSync(script, '#!/bin/sh\nprintf "written in the editor\\n" > "$1"\n');
    chmodSync(script, 0o755);
    const previous = process.env.VISUAL;
    process.env.VISUAL = script;
    try {
      const { events, answer } = await ask(q({ id: 'c', type: 'long' }), { env: { VISUAL: script }, editorDir: dir });
      events.keypress('enter');
      await expect(answer).resolves.toBe('written in the editor');
    } finally {
      if (previous === undefined) delete process.env.VISUAL;
      else process.env.VISUAL = previous;
    }
  });

  it('long: opens the editor with the question and hint as comment lines, left out of the answer', async () => {
    const dir = tempDir();
    const seen = path.join(dir, 'seen.txt');
    const script = path.join(dir, 'fake-editor.sh');
    // Keeps what the editor opened with, then types an answer below it (one line of it a Markdown heading).
    writeFileSync(
      script,
      `#!/bin/sh\ncp "$1" "${seen}"\nprintf "we talked it through\\n# Later\\nand laughed\\n" >> "$1"\n`,
    );
    chmodSync(script, 0o755);
    const previous = process.env.VISUAL;
    process.env.VISUAL = script;
    try {
      const question = q({ id: 'd', type: 'long', message: 'How did you see it?', hint: 'in your own words' });
      const { events, answer } = await ask(question, { env: { VISUAL: script }, editorDir: dir });
      events.keypress('enter');
      await expect(answer).resolves.toBe('we talked it through\n# Later\nand laughed');
      expect(readFileSync(seen, 'utf8')).toMatch(
        /^# How did you see it\? · optional\n# in your own words\n# \(These lines are left out/,
      );
    } finally {
      if (previous === undefined) delete process.env.VISUAL;
      else process.env.VISUAL = previous;
    }
  });

  it('number: accepts a number within the range and rejects one outside it', async () => {
    const { events, getScreen, answer } = await ask(q({ id: 'n', type: 'number', min: 0, max: 100 }));
    events.type('120');
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 20));
    expect(getScreen()).toMatch(/100/);
    events.keypress('backspace');
    events.keypress('backspace');
    events.keypress('backspace');
    events.type('45');
    events.keypress('enter');
    await expect(answer).resolves.toBe(45);
  });

  it('rating: picks by digit, and optional ratings can be skipped', async () => {
    const first = await ask(q({ id: 'r', type: 'rating', min: 1, max: 5 }));
    expect(first.getScreen()).toContain('(1–5)');
    first.events.type('4');
    first.events.keypress('enter');
    await expect(first.answer).resolves.toBe(4);
    const second = await ask(q({ id: 'r', type: 'rating', min: 1, max: 5 }));
    second.events.type('6');
    second.events.keypress('enter');
    await expect(second.answer).resolves.toBeUndefined();
  });

  it('choice: arrows move through the choices', async () => {
    const { events, answer } = await ask(
      q({ id: 'c', type: 'choice', choices: ['out', 'home', 'trip'], required: true }),
    );
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe('home');
  });

  it('multi and feelings: space ticks several', async () => {
    const multi = await ask(q({ id: 'm', type: 'multi', choices: ['a', 'b', 'c'] }));
    multi.events.keypress('space');
    multi.events.keypress('down');
    multi.events.keypress('down');
    multi.events.keypress('space');
    multi.events.keypress('enter');
    await expect(multi.answer).resolves.toEqual(['a', 'c']);
    const feelings = await ask(q({ id: 'f', type: 'feelings', choices: FEELINGS }));
    expect(feelings.getScreen()).toContain('happy');
    feelings.events.keypress('down');
    feelings.events.keypress('space');
    feelings.events.keypress('enter');
    await expect(feelings.answer).resolves.toEqual([FEELINGS[1]]);
  });

  it('yesno: y means yes; the default is no', async () => {
    const yes = await ask(q({ id: 'y', type: 'yesno' }));
    yes.events.type('y');
    yes.events.keypress('enter');
    await expect(yes.answer).resolves.toBe(true);
    const fallback = await ask(q({ id: 'y', type: 'yesno' }));
    fallback.events.keypress('enter');
    await expect(fallback.answer).resolves.toBe(false);
  });

  // One commitment: @inquirer/testing's fake stream serves a single prompt per render.
  it('review: shows last time’s commitment and asks how it went', async () => {
    const ctx: RunContext = { previousCommitments: ['cook on Friday'] };
    const { events, shown, answer } = await ask(q({ id: 'review', type: 'review', message: 'How did it go?' }), {
      ctx,
    });
    await shown('cook on Friday');
    events.keypress('down');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toEqual(['not yet']);
  });

  it('Ctrl-C becomes PromptCancelled', async () => {
    const controller = new AbortController();
    const prompt = (_props: object, context: PromptContext) =>
      askQuestion(q({ id: 'x', type: 'text' }), {
        ctx: NONE,
        env: {},
        context: { ...context, signal: controller.signal },
      });
    const { answer } = await render(prompt as never, {});
    controller.abort();
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled);
  });
});
