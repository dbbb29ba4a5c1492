import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { at, cleanupTemp, git, newUser, runBinary } from '../helpers/cli.js';

/** Non-interactive template runs and the template/draft commands, through the built binary. */
afterAll(cleanupTemp);

async function journalFor(partner = true): Promise<{ env: NodeJS.ProcessEnv; home: string; dir: string }> {
  const { env, home } = newUser();
  const dir = path.join(home, 'journal');
  const init = await runBinary(['init', dir, '--me', 'Alex', ...(partner ? ['--partner', 'Jordan'] : [])], { env });
  expect(init.code).toBe(0);
  return { env: { ...env, INTIMACY_JOURNAL: dir }, home, dir };
}

function entries(dir: string) {
  const files: string[] = [];
  const root = path.join(dir, 'entries');
  try {
    for (const year of readdirSync(root))
      for (const month of readdirSync(path.join(root, year)))
        for (const f of readdirSync(path.join(root, year, month))) files.push(path.join(root, year, month, f));
  } catch {
    /* none yet */
  }
  // Oldest first as the CLI orders them: by id, so "…-alex" (first in a second) before "…-alex-2".
  const id = (file: string): string => file.replace(/\.md$/, '');
  return files
    .sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0))
    .map((file) => parseEntry(readFileSync(file, 'utf8'), file));
}

const commits = (dir: string, env: NodeJS.ProcessEnv) => git(dir, ['log', '--format=%s'], env).trim().split('\n');

describe('template runs with --answers', () => {
  it('reads YAML from a file, then JSON from stdin, carrying the commitment into the review', async () => {
    const { env, home, dir } = await journalFor();
    const file = path.join(home, 'answers.yaml');
    writeFileSync(
      file,
      'appreciation_1: made tea — thoughtful\nfeelings: [close, tired]\nconnection: 4\nhas_concern: no\ncommitment: cook on Friday\n',
    );
    const first = await runBinary(['checkin', '--answers', file], { env });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Saved check-in \S+-checkin-alex → /);

    // A week later, the check-in looks back at last week's promise.
    const second = await runBinary(['checkin', '--answers', '-', '--tag', 'weekly'], {
      env: at(env, '2026-12-02T18:30:00Z'),
      input: JSON.stringify({ appreciation_1: 'the plan', review: 'partly' }),
    });
    expect(second.code).toBe(0);
    const [, latest] = entries(dir);
    expect(latest).toMatchObject({
      tags: ['weekly'],
      fields: { template: 'checkin', reviewed: [{ commitment: 'cook on Friday', outcome: 'partly' }] },
    });
    expect(commits(dir, env)).toEqual([
      'Alex wrote a checkin entry',
      'Alex wrote a checkin entry',
      'Start our journal',
    ]);
  });

  it('saves both partners’ answers with --together in one commit', async () => {
    const { env, dir } = await journalFor();
    const answers =
      'Alex: { what: picnic, enjoyment: 5 }\nJordan: { what: "picnic by the lake", planned_next: yes, next_date: Saturday }\n';
    const result = await runBinary(['date', '--together', '--answers', '-'], { env, input: answers });
    expect(result.code).toBe(0);
    expect(entries(dir).map((e) => [e.author, e.fields])).toEqual([
      ['Alex', { template: 'date', ratings: { enjoyment: 5 } }],
      ['Jordan', { template: 'date', planned_next: true }],
    ]);
    expect(commits(dir, env)[0]).toBe('Alex and Jordan wrote date entries together');
  });

  it('refuses missing and wrong answers with exit 2, naming the ids, and writes nothing', async () => {
    const { env, dir } = await journalFor();
    const missing = await runBinary(['repair', '--no-input'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing required answers: what_happened, feelings');
    expect(missing.stderr).toContain('--answers FILE');

    const wrong = await runBinary(['checkin', '--answers', '-'], {
      env,
      input: '{"appreciation_1": "x", "connection": 9, "kind": "a trip", "feelings": ["meh"]}',
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('connection: must be a whole number from 1 to 5, not 9');
    expect(wrong.stderr).toContain('kind: is not a question of the checkin template');
    expect(wrong.stderr).toContain('feelings: "meh" not among the choices');

    const choice = await runBinary(['date', '--answers', '-'], { env, input: 'what: dinner\nkind: bowling\n' });
    expect(choice.code).toBe(2);
    expect(choice.stderr).toContain('kind: "bowling" is not one of the choices: a date out, a date at home');

    const badYaml = await runBinary(['date', '--answers', '-'], { env, input: 'what: [unclosed\n' });
    expect(badYaml.code).toBe(2);
    expect(badYaml.stderr).toContain('The answers on stdin: line');

    const noFile = await runBinary(['date', '--answers', 'nope.yaml'], { env });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('Cannot read the answers file nope.yaml (ENOENT)');

    const unknown = await runBinary(['new', 'budget', '--answers', '-'], { env, input: '{}' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'There is no template called "budget". Choose one of: appreciation, checkin, date',
    );

    expect(entries(dir)).toEqual([]);
    expect(commits(dir, env)).toEqual(['Start our journal']);
  });

  it('needs a named partner for --together, and creates no journal on bad answers', async () => {
    const solo = await journalFor(false);
    const together = await runBinary(['date', '--together', '--answers', '-'], { env: solo.env, input: '{}' });
    expect(together.code).toBe(2);
    expect(together.stderr).toContain('--together needs both partners named');

    const { env, home } = newUser();
    const fresh = path.join(home, 'new-journal');
    const result = await runBinary(['--journal', fresh, 'gratitude', '--no-input'], { env });
    expect(result.code).toBe(2);
    const viaTemplate = await runBinary(['--journal', fresh, 'new', 'gratitude', '--answers', '-'], {
      env,
      input: '{}',
    });
    expect(viaTemplate.code).toBe(2);
    // Nothing of a journal anywhere: only the program's own compiled code, in ~/.cache.
    expect(readdirSync(home)).toEqual(['.cache']);
    expect(readdirSync(path.join(home, '.cache'))).toEqual(['intimacy']);
    expect(readdirSync(path.join(home, '.cache', 'intimacy'))).toEqual(['compiled']);
  });
});

describe('intimacy templates and drafts', () => {
  it('lists, shows as JSON, scaffolds, overrides, and reports a broken template by file and field', async () => {
    const { env, dir } = await journalFor();
    const list = await runBinary(['templates'], { env });
    expect(list.code).toBe(0);
    expect(
      list.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
    ).toEqual([
      'appreciation built-in',
      'checkin built-in',
      'date built-in',
      'gratitude built-in',
      'pulse built-in',
      'reflection built-in',
      'repair built-in',
    ]);

    const shown = await runBinary(['templates', 'show', 'date', '--json'], { env });
    const template = JSON.parse(shown.stdout) as { name: string; questions: Array<Record<string, unknown>> };
    expect(template.name).toBe('date');
    expect(template.questions.find((q) => q.id === 'enjoyment')).toMatchObject({
      type: 'rating',
      required: false,
      min: 1,
      max: 5,
    });
    expect(template.questions.find((q) => q.id === 'kind')?.choices).toContain('a trip');
    expect(template.questions.find((q) => q.id === 'next_date')?.when).toEqual({
      question: 'planned_next',
      equals: true,
    });

    const scaffold = await runBinary(['templates', 'new', 'morning', '--from', 'reflection'], { env });
    expect(scaffold.code).toBe(0);
    expect(scaffold.stdout.trim()).toBe(path.join(dir, 'templates', 'morning.yaml'));
    expect(readFileSync(path.join(dir, 'templates', 'morning.yaml'), 'utf8')).toContain('name: morning');
    expect(commits(dir, env)[0]).toBe('Alex added the morning template');
    const again = await runBinary(['templates', 'new', 'morning'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('templates/morning.yaml already exists');

    const morning = await runBinary(['new', 'morning', '--answers', '-'], { env, input: 'on_my_mind: the garden\n' });
    expect(morning.stdout).toContain('Saved morning');

    writeFileSync(
      path.join(dir, 'templates', 'date.yaml'),
      'title: Our dates\ndescription: Ours\nquestions:\n  - { id: where, type: text, message: Where?, required: true }\n',
    );
    mkdirSync(path.join(dir, 'templates'), { recursive: true });
    writeFileSync(
      path.join(dir, 'templates', 'broken.yaml'),
      'title: B\ndescription: B\nquestions:\n  - { id: a, type: text, message: A }\n  - { id: a, type: choice, message: B }\n',
    );
    const after = await runBinary(['templates'], { env });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/date\s+journal \(replaces built-in\)\s+Ours/);
    expect(after.stdout).toMatch(/morning\s+journal/);
    expect(after.stderr).toContain('templates/broken.yaml: questions[1].id: "a" is used by an earlier question');
    expect(after.stderr).toContain(
      'templates/broken.yaml: questions[1].choices: a choice question needs a list of at least two choices',
    );

    const usesBroken = await runBinary(['new', 'broken', '--answers', '-'], { env, input: '{}' });
    expect(usesBroken.code).toBe(1);
    expect(usesBroken.stderr).toContain('The broken template is broken');
    const override = await runBinary(['date', '--answers', '-'], { env, input: 'where: the lake\n' });
    expect(override.code).toBe(0);
  });

  it('says when there are no drafts', async () => {
    const { env } = await journalFor();
    const drafts = await runBinary(['drafts'], { env });
    expect(drafts).toMatchObject({ code: 0, stdout: '' });
    expect(drafts.stderr).toContain('No drafts');
  });

  it('passes over a draft whose times are no times, as over any damaged draft', async () => {
    const { env, dir } = await journalFor();
    mkdirSync(path.join(dir, '.intimacy', 'drafts'), { recursive: true });
    writeFileSync(
      path.join(dir, '.intimacy', 'drafts', 'checkin-alex.json'),
      '{"template":"checkin","authors":["Alex"],"answers":{"Alex":{}},"started":"2026-12-01T00:00:00Z","updated":"yesterday"}',
    );
    // Once "unexpected problem: Invalid time value. Please report this".
    const drafts = await runBinary(['drafts'], { env });
    expect(drafts).toMatchObject({ code: 0, stdout: '' });
    expect(drafts.stderr).toContain('No drafts');
  });
});
