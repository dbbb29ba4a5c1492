import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  builtinTemplatesDir,
  loadTemplates,
  loadTemplatesNamed,
  MAX_JOURNAL_TEMPLATES,
} from '../../src/templates/load.js';
import { describeProblem, parseTemplate } from '../../src/templates/schema.js';
import { cleanupTemp, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

const FILE = 'templates/t.yaml';

function problemsOf(yaml: string): string[] {
  const result = parseTemplate(yaml, 't', FILE);
  return result.ok ? [] : result.problems.map(describeProblem);
}

const HEAD = 'title: T\ndescription: D\nquestions:\n';

describe('template validation', () => {
  it('accepts a small valid template and fills in defaults', () => {
    const result = parseTemplate(
      HEAD +
        '  - { id: mood, type: rating, message: How? }\n  - { id: notes, type: long, message: Notes, when: { question: mood, max: 2 } }\n',
      't',
      FILE,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.template.type).toBe('t');
    expect(result.template.questions[0]).toMatchObject({ id: 'mood', min: 1, max: 5, required: false });
    expect(result.template.questions[1]?.when).toEqual({ question: 'mood', max: 2 });
  });

  it('names the file and field of an unknown question type', () => {
    expect(problemsOf(HEAD + '  - { id: a, type: slider, message: M }\n')).toEqual([
      'templates/t.yaml: questions[0].type: unknown type "slider" (allowed: text, long, number, rating, choice, multi, yesno, feelings, review)',
    ]);
  });

  it('rejects a duplicate id', () => {
    expect(problemsOf(HEAD + '  - { id: a, type: text, message: M }\n  - { id: a, type: long, message: N }\n')).toEqual(
      ['templates/t.yaml: questions[1].id: "a" is used by an earlier question; ids must be unique'],
    );
  });

  it('rejects a choice question without choices', () => {
    expect(problemsOf(HEAD + '  - { id: a, type: choice, message: M }\n')).toEqual([
      'templates/t.yaml: questions[0].choices: a choice question needs a list of at least two choices',
    ]);
  });

  it('rejects a condition on an unknown or later question', () => {
    expect(
      problemsOf(HEAD + '  - { id: a, type: text, message: M, when: { question: nope, equals: true } }\n'),
    ).toEqual(['templates/t.yaml: questions[0].when.question: "nope" is not an earlier question in this template']);
    expect(
      problemsOf(
        HEAD +
          '  - { id: a, type: text, message: M, when: { question: b, equals: x } }\n  - { id: b, type: text, message: N }\n',
      ),
    ).toHaveLength(1);
  });

  it('reports bad YAML with its line, missing fields, reserved ids and bad ranges', () => {
    expect(problemsOf('title: [\n')[0]).toMatch(/^templates\/t\.yaml:\d+: \(file\): not valid YAML/);
    expect(problemsOf('questions: []\n')).toEqual([
      'templates/t.yaml: title: is missing',
      'templates/t.yaml: description: is missing',
      'templates/t.yaml: questions: must be a list of at least one question',
    ]);
    expect(problemsOf(HEAD + '  - { id: date, type: text, message: M }\n')[0]).toContain(
      'questions[0].id: "date" is reserved',
    );
    // Every mapping the answers are read from has a `constructor` already: never an answer.
    expect(problemsOf(`${HEAD}  - { id: constructor, type: rating, message: M }\n`)).toEqual([
      'templates/t.yaml: questions[0].id: "constructor" cannot be a question id; choose another id',
    ]);
    // Fields every entry's reader gives a meaning: an answer there would be lost or misread.
    for (const id of ['attachments', 'private'])
      expect(problemsOf(`${HEAD}  - { id: ${id}, type: text, message: M }\n`)).toEqual([
        `templates/t.yaml: questions[0].id: "${id}" is reserved for the entry header; choose another id`,
      ]);
    expect(problemsOf(HEAD + '  - { id: r, type: rating, message: M, min: 5, max: 1 }\n')[0]).toContain(
      'questions[0].max: must be greater than min (5)',
    );
    expect(problemsOf(HEAD + '  - { id: r, type: rating, message: M, default: 9 }\n')[0]).toContain(
      'questions[0].default: must be within 1–5',
    );
  });

  it('keeps every built-in template valid', async () => {
    const set = await loadTemplates(undefined);
    expect([...set.broken.entries()]).toEqual([]);
    expect([...set.templates.keys()].sort()).toEqual([
      'appreciation',
      'checkin',
      'date',
      'gratitude',
      'pulse',
      'reflection',
      'repair',
    ]);
  });
});

describe('loading the journal’s own templates', () => {
  it('lets the journal override and add templates, and skips only the broken one', async () => {
    const journal = tempDir();
    mkdirSync(path.join(journal, 'templates'));
    writeFileSync(
      path.join(journal, 'templates', 'date.yaml'),
      HEAD + '  - { id: where, type: text, message: Where?, required: true }\n',
    );
    writeFileSync(
      path.join(journal, 'templates', 'budget.yaml'),
      HEAD + '  - { id: spent, type: number, message: Spent? }\n',
    );
    writeFileSync(path.join(journal, 'templates', 'broken.yaml'), HEAD + '  - { id: x, type: nope, message: M }\n');
    const set = await loadTemplates(journal, builtinTemplatesDir());
    expect(set.templates.get('date')).toMatchObject({ source: 'journal', overrides: true });
    expect(set.templates.get('date')?.template.questions.map((q) => q.id)).toEqual(['where']);
    expect(set.templates.get('budget')).toMatchObject({ source: 'journal', overrides: false });
    expect(set.templates.get('checkin')?.source).toBe('built-in');
    expect(set.templates.has('broken')).toBe(false);
    expect(set.broken.get('broken')?.map(describeProblem)).toEqual([
      expect.stringMatching(/^templates\/broken\.yaml: questions\[0\]\.type: unknown type "nope"/),
    ]);
  });

  it('loads a few templates by name exactly as the whole set has them', async () => {
    const journal = tempDir();
    const dir = path.join(journal, 'templates');
    mkdirSync(dir);
    const valid = (id: string) => HEAD + `  - { id: ${id}, type: text, message: Why? }\n`;
    writeFileSync(path.join(dir, 'gratitude.yaml'), valid('why')); // an override
    writeFileSync(path.join(dir, 'checkin.yaml'), HEAD + '  - { id: x, type: nope, message: M }\n'); // a broken one hides the built-in
    writeFileSync(path.join(dir, 'budget.yml'), valid('spent'));
    // Past the number a journal may hold: read by neither.
    for (let i = 0; i < MAX_JOURNAL_TEMPLATES; i++)
      writeFileSync(path.join(dir, `t${String(i).padStart(3, '0')}.yaml`), valid('a'));
    writeFileSync(path.join(dir, 'zz_late.yaml'), valid('late'));
    const whole = await loadTemplates(journal, builtinTemplatesDir());
    expect(whole.templates.has('zz_late')).toBe(false);
    for (const name of ['gratitude', 'checkin', 'budget', 'date', 'zz_late', 't000', 'missing']) {
      const some = await loadTemplatesNamed(journal, [name, 'reply'], builtinTemplatesDir());
      expect(some.templates.get(name)).toEqual(whole.templates.get(name));
      expect(some.broken.get(name)).toEqual(whole.broken.get(name));
      expect([...some.templates.keys()].filter((key) => key !== name && key !== 'reply')).toEqual([]);
    }
  });
});
