import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { at, cleanupTemp, git, newUser, runCli } from '../helpers/cli.js';
import { seedEntries } from '../helpers/journal.js';
import { entryFiles, expectHealthy, note, ok, type Partner, syncedPair } from '../sync/partners.js';

afterAll(cleanupTemp);

function when(who: Partner, instant: string): Partner {
  const env = at(who.env, instant);
  return { ...who, env, run: (args, input) => runCli(['--journal', who.dir, ...args], { env, input }) };
}

describe('intimacy reply', { timeout: 120_000 }, () => {
  it('answers an entry from both sides at once without a conflict; show, log, export and status read them', async () => {
    const pair = await syncedPair();
    const alex = when(pair.alex, '2026-11-25T18:30:00Z');
    const thanked = await note(alex, 'the soup you made when I was ill');
    const id = thanked.slice(thanked.lastIndexOf('/') + 1, -3);
    await ok(alex.run(['sync']));
    const jordan = when(pair.jordan, '2026-11-26T08:00:00Z');
    await ok(jordan.run(['sync']));
    // Both reply before either syncs: two files, never the same one.
    await ok(jordan.run(['reply', 'last', 'any time, my love']));
    await ok(when(pair.alex, '2026-11-26T08:00:30Z').run(['reply', id, 'and the bread too']));
    await ok(jordan.run(['sync']));
    const later = when(pair.alex, '2026-11-26T09:00:00Z');
    const synced = await ok(later.run(['sync']));
    expect(synced.stderr + synced.stdout).not.toMatch(/both changed/);
    await ok(jordan.run(['sync']));
    for (const dir of [alex.dir, jordan.dir]) {
      expectHealthy(dir);
      expect(entryFiles(dir)).toHaveLength(3);
    }
    for (const who of [later, jordan]) {
      const shown = await ok(who.run(['show', id]));
      const text = shown.stdout;
      expect(text).toContain('the soup you made when I was ill');
      // Oldest first, under the entry.
      expect(text.indexOf('any time, my love')).toBeGreaterThan(text.indexOf('the soup'));
      expect(text.indexOf('and the bread too')).toBeGreaterThan(text.indexOf('any time, my love'));
      const log = await ok(who.run(['log', '--type', 'gratitude']));
      expect(log.stdout).toContain('[2 replies]');
      const exported = await ok(who.run(['export', '--format', 'md']));
      expect(exported.stdout).toMatch(/the soup you made[\s\S]*Reply to Alex's gratitude[\s\S]*any time, my love/);
    }
    const status = await ok(later.run(['status']));
    expect(status.stdout).toContain('Jordan replied to your gratitude');
    const jordanLog = git(jordan.dir, ['log', '--format=%s', '-3']);
    expect(jordanLog).toContain('Jordan wrote a reply entry');
  });

  it('refuses a missing entry, an empty reply and a sealed answer, writing nothing', async () => {
    const pair = await syncedPair();
    const alex = when(pair.alex, '2026-11-25T18:30:00Z');
    const missing = await alex.run(['reply', '20200101T000000Z-gratitude-alex', 'hello']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No entry matches "20200101T000000Z-gratitude-alex"; nothing was written.');
    await note(alex, 'a note to reply to');
    const empty = await alex.run(['reply', 'last', '--mine', '   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The reply is empty; nothing was saved.');
    const noInput = await alex.run(['--no-input', 'reply', 'last', '--mine']);
    expect(noInput.code).not.toBe(0);
    await ok(alex.run(['ask', '--question', 'a-small-worry', '--answer', 'the boiler']));
    const [answer] = JSON.parse((await ok(alex.run(['log', '--type', 'question', '--json']))).stdout) as Array<{
      id: string;
    }>;
    const sealed = await alex.run(['reply', answer?.id ?? '', 'about my worry']);
    expect(sealed.code).toBe(1);
    expect(sealed.stderr).toContain('is a sealed answer; nothing was written.');
    // A private entry: a shared reply would name it to the partner.
    const head = git(alex.dir, ['rev-parse', 'HEAD']);
    const kept = await ok(alex.run(['gratitude', '--private', 'only for me']));
    const privateId = /Saved gratitude (\S+) privately/.exec(kept.stdout)?.[1] ?? '';
    expect(privateId).not.toBe('');
    const toPrivate = await alex.run(['reply', privateId, 'noted']);
    expect(toPrivate.code).toBe(1);
    expect(toPrivate.stderr).toBe(
      `error: ${privateId} is a private entry (this computer only); a reply is shared and would name it, so nothing was written. Add to the entry itself with intimacy edit ${privateId}.\n`,
    );
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
    expect(entryFiles(alex.dir)).toHaveLength(2);
  });

  it("replies with last to the partner's newest entry it can answer, passing over an answer still sealed", async () => {
    const pair = await syncedPair();
    const jordan = when(pair.jordan, '2026-11-25T18:30:00Z');
    await note(jordan, 'the tea in bed');
    await ok(when(pair.jordan, '2026-11-25T19:00:00Z').run(['ask', '--question', 'a-small-worry', '--answer', 'work']));
    await ok(jordan.run(['sync']));
    const alex = when(pair.alex, '2026-11-26T08:00:00Z');
    await ok(alex.run(['sync']));
    const replied = await ok(alex.run(['reply', 'last', 'any time']));
    expect(replied.stdout).toMatch(/^Saved reply /);
    const shown = await ok(alex.run(['show', 'last', '--json']));
    expect(JSON.parse(shown.stdout)[0].fields.replies_to_type).toBe('gratitude');
  });

  it('finds the replies to what log and show list however late, and a little early, but never a private, copied or damaged one', async () => {
    const { home, env } = newUser();
    const dir = path.join(home, 'journal');
    await ok(runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env }));
    const reply = (date: string, to: string, text: string) => ({
      type: 'reply',
      author: 'Alex',
      date,
      fields: { replies_to: to, replies_to_type: 'gratitude' },
      body: `## Reply\n\n${text}\n`,
    });
    const target = '20260310T120000Z-gratitude-jordan';
    const [, late, early] = seedEntries(
      dir,
      [
        { type: 'gratitude', author: 'Jordan', date: '2026-03-10T12:00:00Z', body: '## Grateful\n\nthe kite\n' },
        reply('2026-09-01T08:00:00Z', target, 'half a year later'),
        // the replier's clock eighteen days behind the writer's: the reply's stamp is the older
        reply('2026-02-20T08:00:00Z', target, 'from a clock behind'),
        { type: 'gratitude', author: 'Jordan', date: '2026-11-20T12:00:00Z' },
      ],
      env,
    );
    // Not replies that count: a private file named as one, a conflict copy, a damaged one.
    const privateReply = path.join(dir, '.intimacy/private/2026/09/20260902T080000Z-reply-alex.md');
    mkdirSync(path.dirname(privateReply), { recursive: true });
    copyFileSync(path.join(dir, late!), privateReply);
    copyFileSync(path.join(dir, late!), path.join(dir, late!.replace(/\.md$/, '-conflict_jordan.md')));
    writeFileSync(path.join(dir, 'entries/2026/09/20260903T080000Z-reply-jordan.md'), '---\ntype: [\n---\n');
    // A stray in a folder only the look for replies lists: show never reads it, so never names it.
    writeFileSync(path.join(dir, 'entries/2026/09/notes.txt'), 'not an entry');
    const run = (args: string[]) => runCli(['--journal', dir, ...args], { env });

    const shown = await run(['show', target]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe('');
    expect(shown.stdout).toContain('the kite');
    // Oldest first by stamp: the early clock's reply, then the late one.
    expect(shown.stdout.indexOf('from a clock behind')).toBeGreaterThan(shown.stdout.indexOf('the kite'));
    expect(shown.stdout.indexOf('half a year later')).toBeGreaterThan(shown.stdout.indexOf('from a clock behind'));
    expect(shown.stdout.match(/half a year later/g)).toHaveLength(1);
    const log = await run(['log', '--type', 'gratitude']);
    expect(log.stdout.split('\n').filter((line) => line.includes('[2 replies]'))).toHaveLength(1);
    expect(early).toMatch(/^entries\/2026\/02\//);
  });
  it('a hand-made reply naming itself answers nothing: log counts no reply and show never lists it under itself', async () => {
    const { home, env } = newUser();
    const dir = path.join(home, 'journal');
    await ok(runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env }));
    const self = '20261202T051700Z-reply-jordan';
    seedEntries(
      dir,
      [
        {
          type: 'reply',
          author: 'Jordan',
          date: '2026-12-02T05:17:00Z',
          fields: { replies_to: self },
          body: '## Reply\n\nabout myself\n',
        },
      ],
      env,
    );
    const run = (args: string[]) => runCli(['--journal', dir, ...args], { env });
    const log = await ok(run(['log']));
    expect(log.stdout).toContain('about myself');
    expect(log.stdout).not.toContain('[1 reply]');
    const shown = await ok(run(['show', self]));
    expect(shown.stdout).toContain(`In reply to  ${self}`);
    expect(shown.stdout.match(/about myself/g)).toHaveLength(1);
  });
});
