import { describe, expect, it } from 'vitest';
import { GRATITUDE_HEADING } from '../../src/app/gratitude-entry.js';
import { parseEntry, serializeEntry } from '../../src/store/entry.js';
import { answersToEntry, commitmentsIn, type RunContext, resolveAnswers } from '../../src/templates/answers.js';
import { loadTemplates } from '../../src/templates/load.js';
import type { Template } from '../../src/templates/schema.js';

const set = await loadTemplates(undefined);
function builtin(name: string): Template {
  const found = set.templates.get(name);
  if (!found) throw new Error(`no built-in ${name}`);
  return found.template;
}
const checkin = builtin('checkin');
const NONE: RunContext = { previousCommitments: [] };
const DATE = '2026-11-25T19:30:00+01:00';

describe('checking answers against a template', () => {
  it('names every missing required id', () => {
    expect(resolveAnswers(builtin('repair'), { my_part: 'I snapped' }, NONE)).toEqual({
      ok: false,
      missing: ['what_happened', 'feelings'],
      wrong: [],
      answers: { my_part: 'I snapped' },
    });
  });

  it('names the id and what is allowed for wrong answers', () => {
    const result = resolveAnswers(
      checkin,
      { appreciation_1: 'x', connection: 6, feelings: ['close', 'meh'], has_concern: 'maybe', nope: 1 },
      NONE,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.wrong.map((w) => w.id)).toEqual(['nope', 'feelings', 'connection', 'has_concern']);
    expect(result.wrong.find((w) => w.id === 'connection')?.problem).toBe('must be a whole number from 1 to 5, not 6');
    expect(result.wrong.find((w) => w.id === 'feelings')?.problem).toMatch(/^"meh" not among the choices: happy, /);
    expect(result.wrong.find((w) => w.id === 'nope')?.problem).toMatch(/^is not a question of the checkin template/);
  });

  it('accepts the forms people write in YAML and JSON', () => {
    const result = resolveAnswers(
      builtin('date'),
      { what: 'picnic', kind: 'a trip', enjoyment: '4', minutes: 90, planned_next: 'yes', next_date: 'Friday' },
      NONE,
    );
    expect(result).toEqual({
      ok: true,
      answers: { what: 'picnic', kind: 'a trip', enjoyment: 4, minutes: 90, planned_next: true, next_date: 'Friday' },
    });
  });

  it('leaves out a question whose condition does not hold, whatever was given for it', () => {
    const result = resolveAnswers(checkin, { appreciation_1: 'x', has_concern: false, concern: 'ignored' }, NONE);
    expect(result).toEqual({ ok: true, answers: { appreciation_1: 'x', has_concern: false } });
    const asked = resolveAnswers(
      checkin,
      { appreciation_1: 'x', has_concern: true, concern: 'I feel rushed about mornings and I need ten calm minutes' },
      NONE,
    );
    expect(asked.ok && asked.answers.concern).toBe('I feel rushed about mornings and I need ten calm minutes');
  });

  it('asks for a review only when the previous check-in left a commitment', () => {
    expect(resolveAnswers(checkin, { appreciation_1: 'x', review: 'kept' }, NONE)).toEqual({
      ok: true,
      answers: { appreciation_1: 'x' },
    });
    const ctx: RunContext = { previousCommitments: ['cook on Friday', 'phone-free dinner'] };
    expect(resolveAnswers(checkin, { appreciation_1: 'x', review: ['kept', 'not yet'] }, ctx)).toEqual({
      ok: true,
      answers: { appreciation_1: 'x', review: ['kept', 'not yet'] },
    });
    const wrong = resolveAnswers(checkin, { appreciation_1: 'x', review: ['kept'] }, ctx);
    expect(!wrong.ok && wrong.wrong).toEqual([
      { id: 'review', problem: 'needs 2 outcomes, one for each commitment from last time' },
    ]);
  });
});

describe('answers → entry', () => {
  it('puts structured answers in the front matter and text under headings, and records the template', () => {
    const entry = answersToEntry(
      checkin,
      {
        appreciation_1: 'made tea — thoughtful',
        went_well: 'our walk',
        feelings: ['close'],
        connection: 4,
        support: 5,
        has_concern: false,
        commitment: 'cook on Friday',
      },
      { author: 'Alex', date: DATE, tags: ['weekly'], ctx: NONE },
    );
    expect(entry).toEqual({
      type: 'checkin',
      author: 'Alex',
      date: DATE,
      tags: ['weekly'],
      fields: {
        template: 'checkin',
        feelings: ['close'],
        has_concern: false,
        ratings: { connection: 4, support: 5 },
        commitments: ['cook on Friday'],
      },
      body: "## Appreciation 1\n\nmade tea — thoughtful\n\n## What went well\n\nour walk\n\n## What I'll do this week\n\ncook on Friday\n",
    });
    expect(parseEntry(serializeEntry(entry))).toEqual(entry);
  });

  it('carries last check-in’s commitments into this one’s review', () => {
    const last = answersToEntry(
      checkin,
      { appreciation_1: 'x', commitment: 'plan a date' },
      { author: 'Alex', date: DATE, ctx: NONE },
    );
    const ctx: RunContext = { previousCommitments: commitmentsIn(parseEntry(serializeEntry(last))) };
    expect(ctx.previousCommitments).toEqual(['plan a date']);
    const now = answersToEntry(
      checkin,
      { appreciation_1: 'y', review: ['partly'] },
      { author: 'Alex', date: DATE, ctx },
    );
    expect(now.fields.reviewed).toEqual([{ commitment: 'plan a date', outcome: 'partly' }]);
    expect(now.fields.commitments).toBeUndefined();
  });

  it('drops answers to questions that are no longer asked (an answer changed at the preview)', () => {
    const entry = answersToEntry(
      checkin,
      { appreciation_1: 'x', has_concern: false, concern: 'stale' },
      { author: 'A', date: DATE, ctx: NONE },
    );
    expect(entry.body).not.toContain('stale');
  });

  it('writes gratitude with the same heading as `intimacy gratitude`', () => {
    const entry = answersToEntry(builtin('gratitude'), { text: 'the soup' }, { author: 'A', date: DATE, ctx: NONE });
    expect(entry.type).toBe('gratitude');
    expect(entry.body).toBe(`## ${GRATITUDE_HEADING}\n\nthe soup\n`);
  });
});
