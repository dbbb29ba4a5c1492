import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { cleanupTemp, git, newUser, runCli } from '../helpers/cli.js';
import { allObjectText } from '../helpers/remote-objects.js';
import { ok, syncedPair } from '../sync/partners.js';

/*
 * The scrapbook as a user meets it: `--attach FILE` on every writing command, real git, real
 * photos carrying a location (tests/fixtures/photos), a real FIFO and link.
 */

afterAll(cleanupTemp);

const PHOTOS = path.join(import.meta.dirname, '..', 'fixtures', 'photos');
const LOCATION = ['Berlin', 'PhoneCo', '52 31'];

async function journal() {
  const { home, env } = newUser();
  const dir = path.join(home, 'journal');
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  // A photo of the user's own, with a name as a phone or a person gives it.
  copyFileSync(path.join(PHOTOS, 'gps.jpg'), path.join(home, 'Picnic by the lake.JPG'));
  copyFileSync(path.join(PHOTOS, 'gps.webp'), path.join(home, 'sunset.webp'));
  writeFileSync(path.join(home, 'ticket.pdf'), '%PDF-1.4 a concert ticket\n');
  const run = (args: string[], input?: string) => runCli(['--journal', dir, ...args], { env, input, cwd: home });
  return { home, env, dir, run };
}

function files(dir: string, under: string): string[] {
  const root = path.join(dir, under);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

/** What the last commit changed, by path. */
function lastCommit(dir: string): string[] {
  return git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n').sort();
}

describe('--attach', { timeout: 60_000 }, () => {
  it('keeps the photo beside the entry, linked from it, in the same commit, without its location', async () => {
    const j = await journal();
    const saved = await j.run([
      'gratitude',
      '--attach',
      'Picnic by the lake.JPG',
      '--attach',
      'ticket.pdf',
      'the picnic',
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    const attached = files(j.dir, 'attachments');
    expect(attached).toEqual([
      expect.stringMatching(/^attachments\/2026\/11\/20261125T183000Z-alex-picnic_by_the_lake\.jpg$/),
      expect.stringMatching(/^attachments\/2026\/11\/20261125T183000Z-alex-ticket\.pdf$/),
    ]);
    const [entryFile] = files(j.dir, 'entries');
    expect(lastCommit(j.dir)).toEqual([...attached, entryFile].sort());
    expect(git(j.dir, ['status', '--porcelain'])).toBe('');
    // Listed in the front matter, linked from the Markdown (an image as an image).
    const text = readFileSync(path.join(j.dir, entryFile!), 'utf8');
    const entry = parseEntry(text);
    expect(entry.fields.attachments).toEqual(attached);
    expect(text).toContain(`![20261125T183000Z-alex-picnic_by_the_lake.jpg](../../../${attached[0]})`);
    expect(text).toContain(`[20261125T183000Z-alex-ticket.pdf](../../../${attached[1]})`);
    // The link resolves from the entry's folder.
    expect(existsSync(path.resolve(path.dirname(path.join(j.dir, entryFile!)), `../../../${attached[0]}`))).toBe(true);
    // The copy has no location; the original still has it.
    const copy = readFileSync(path.join(j.dir, attached[0]!)).toString('latin1');
    for (const word of LOCATION) expect(copy).not.toContain(word);
    expect(readFileSync(path.join(j.home, 'Picnic by the lake.JPG')).toString('latin1')).toContain('Berlin');
    expect(readFileSync(path.join(j.dir, attached[1]!), 'utf8')).toBe('%PDF-1.4 a concert ticket\n');
    // Said once, for the photo only.
    expect(saved.stderr.match(/Removed the location/g)).toHaveLength(1);
    expect(saved.stderr).toMatch(
      /Removed the location and camera details from Picnic by the lake\.JPG before keeping it/,
    );
    // show lists the paths, once, and not the Markdown links.
    const shown = await j.run(['show', 'last']);
    expect(shown.stdout).toContain(attached[0]);
    expect(shown.stdout).toContain(attached[1]);
    expect(shown.stdout).not.toContain('](');
    expect(shown.stdout.split('Attached').length - 1).toBe(1);
    // The Markdown export links them relative to where it is written.
    const md = path.join(j.home, 'out', 'journal.md');
    mkdirSync(path.dirname(md));
    expect((await j.run(['export', '--format', 'md', '-o', md])).code).toBe(0);
    const exported = readFileSync(md, 'utf8');
    const link = /!\[[^\]]*\]\(([^)]+picnic_by_the_lake\.jpg)\)/.exec(exported)?.[1];
    expect(link).toBeDefined();
    expect(existsSync(path.resolve(path.dirname(md), decodeURI(link!)))).toBe(true);
  });

  it('every writing command takes it: checkin, repair, date, new, pulse, gratitude', async () => {
    const j = await journal();
    const runs: Array<[string[], string?]> = [
      [['checkin', '--answers', '-'], 'appreciation_1: the soup\n'],
      [['repair', '--answers', '-'], 'what_happened: the keys\nfeelings: [hurt]\n'],
      [['date', '--answers', '-'], 'what: a picnic\n'],
      [['new', 'appreciation', '--answers', '-'], 'what: your patience\n'],
      [['pulse', '4', 'a calm day']],
      [['gratitude', 'the tea']],
    ];
    for (const [i, [args, input]] of runs.entries()) {
      const env = { ...j.env, INTIMACY_NOW: `2026-11-25T18:3${i}:00Z` };
      const result = await runCli(['--journal', j.dir, ...args, '--attach', 'sunset.webp'], {
        env,
        input,
        cwd: j.home,
      });
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(0);
      const changed = lastCommit(j.dir);
      expect(
        changed.filter((p) => p.startsWith('attachments/')),
        args[0],
      ).toHaveLength(1);
      expect(
        changed.filter((p) => p.startsWith('entries/')),
        args[0],
      ).toHaveLength(1);
    }
    expect(files(j.dir, 'attachments')).toHaveLength(runs.length);
    for (const file of files(j.dir, 'attachments')) {
      expect(file).toMatch(/\.webp$/);
      expect(readFileSync(path.join(j.dir, file)).toString('latin1')).not.toContain('Berlin');
    }
  });

  it('a missing, linked, piped, folder, empty or oversized file writes nothing, and says which and why', async () => {
    const j = await journal();
    const head = git(j.dir, ['rev-parse', 'HEAD']);
    symlinkSync(path.join(j.home, 'Picnic by the lake.JPG'), path.join(j.home, 'link.jpg'));
    spawnSync('mkfifo', [path.join(j.home, 'pipe')]);
    writeFileSync(path.join(j.home, 'huge.mov'), Buffer.alloc(16 * 1024 * 1024));
    mkdirSync(path.join(j.home, 'album'));
    const cases: Array<[string, RegExp]> = [
      ['nowhere.jpg', /Cannot attach nowhere\.jpg: there is no such file; nothing was saved/],
      ['link.jpg', /Cannot attach link\.jpg: it is a symbolic link, which intimacy does not follow; nothing was saved/],
      ['pipe', /Cannot attach pipe: it is a named pipe, not a file; nothing was saved/],
      ['album', /Cannot attach album: it is a folder, not a file; nothing was saved/],
      ['', /^error: The path of the file to attach is empty; nothing was saved\. Give a file: --attach photo\.jpg\.$/m],
      ['huge.mov', /Cannot attach huge\.mov: it is 16\.0 MiB, more than the 15 MiB a file may be; nothing was saved/],
    ];
    for (const [file, message] of cases) {
      // A good file beside the bad one is not kept either.
      const result = await j.run(['gratitude', '--attach', 'ticket.pdf', '--attach', file, 'a note']);
      expect(result.code, file).toBe(2);
      expect(result.stderr, file).toMatch(message);
      // The interactive and answers paths refuse before asking or reading answers.
      const checkin = await j.run(['checkin', '--attach', file, '--answers', '-'], 'appreciation_1: the soup\n');
      expect(checkin.code, file).toBe(2);
    }
    expect(git(j.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(files(j.dir, 'entries')).toEqual([]);
    expect(existsSync(path.join(j.dir, 'attachments'))).toBe(false);
    expect(git(j.dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });

  it("a template's question cannot take the attachments (or private) field: it is refused before anything is written", async () => {
    const j = await journal();
    const head = git(j.dir, ['rev-parse', 'HEAD']);
    mkdirSync(path.join(j.dir, 'templates'));
    writeFileSync(
      path.join(j.dir, 'templates', 'album.yaml'),
      'title: Album\ndescription: D\nquestions:\n' +
        '  - { id: attachments, type: choice, message: Which album?, choices: [summer, winter] }\n' +
        '  - { id: private, type: yesno, message: Just between us? }\n',
    );
    const result = await j.run(
      ['new', 'album', '--attach', 'ticket.pdf', '--answers', '-'],
      'attachments: summer\nprivate: true\n',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('questions[0].id: "attachments" is reserved for the entry header');
    expect(result.stderr).toContain('questions[1].id: "private" is reserved for the entry header');
    expect(git(j.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(files(j.dir, 'entries')).toEqual([]);
    expect(existsSync(path.join(j.dir, 'attachments'))).toBe(false);
  });

  it('a private entry keeps its files on this computer only, beside it in .intimacy/', async () => {
    const j = await journal();
    const head = git(j.dir, ['rev-parse', 'HEAD']);
    const saved = await j.run(['gratitude', '--private', '--attach', 'sunset.webp', 'just for me']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(git(j.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(existsSync(path.join(j.dir, 'attachments'))).toBe(false);
    const kept = files(j.dir, '.intimacy/private/attachments');
    expect(kept).toHaveLength(1);
    const [entry] = files(j.dir, '.intimacy/private/entries');
    const text = readFileSync(path.join(j.dir, entry!), 'utf8');
    const link = /\]\(([^)]+)\)/.exec(text)?.[1];
    expect(path.resolve(path.dirname(path.join(j.dir, entry!)), link!)).toBe(path.join(j.dir, kept[0]!));
    // The next shared entry does not sweep it into a commit.
    expect((await j.run(['gratitude', 'shared'])).code).toBe(0);
    expect(git(j.dir, ['ls-files'])).not.toContain('private');
  });

  it('with encryption on, attached files are ciphertext in git and plain on disk; an older encrypted journal learns to encrypt them', async () => {
    const j = await journal();
    expect((await runCli(['-j', j.dir, 'encrypt', 'init'], { env: j.env })).code).toBe(0);
    // A journal encrypted before attachments existed: its .gitattributes knows only entries and templates.
    const attributes = path.join(j.dir, '.gitattributes');
    expect(readFileSync(attributes, 'utf8')).toMatch(/^attachments\/\*\* filter=intimacy -diff -text$/m);
    const old = readFileSync(attributes, 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('attachments/'))
      .join('\n');
    writeFileSync(attributes, old);
    git(j.dir, ['commit', '-qam', 'an older .gitattributes']);
    const result = await runCli(['-j', j.dir, 'gratitude', '--attach', 'sunset.webp', 'a secret sunset'], {
      env: j.env,
      cwd: j.home,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(lastCommit(j.dir)).toContain('.gitattributes');
    expect(readFileSync(attributes, 'utf8')).toMatch(/^attachments\/\*\* filter=intimacy/m);
    const [file] = files(j.dir, 'attachments');
    // Plain on disk (the picture), ciphertext in every object git holds.
    expect(readFileSync(path.join(j.dir, file!)).toString('latin1', 8, 12)).toBe('WEBP');
    const blob = git(j.dir, ['rev-parse', `HEAD:${file}`]);
    const stored = spawnSync('git', ['cat-file', 'blob', blob], { cwd: j.dir, encoding: 'latin1' }).stdout;
    expect(stored).not.toContain('WEBP');
    expect(allObjectText(j.dir)).not.toContain('VP8');
    expect(git(j.dir, ['status', '--porcelain'])).toBe('');
  });

  it("a partner's photo arrives through sync, encrypted on the way, plain in the other clone and drawn in its report", async () => {
    const { root, alex, jordan } = await syncedPair();
    await ok(alex.run(['encrypt', 'init']));
    const pass = path.join(root, 'pass');
    writeFileSync(pass, 'a long shared passphrase\n');
    const key = await ok(alex.run(['encrypt', 'export-key', '--passphrase-file', pass]));
    writeFileSync(path.join(root, 'key.txt'), key.stdout);
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    await ok(jordan.run(['encrypt', 'import-key', path.join(root, 'key.txt'), '--passphrase-file', pass]));
    copyFileSync(path.join(PHOTOS, 'date-night.jpg'), path.join(jordan.home, 'us.jpg'));
    const saved = await runCli(['--journal', jordan.dir, 'date', '--attach', 'us.jpg', '--answers', '-'], {
      env: jordan.env,
      cwd: jordan.home,
      input: 'what: dancing in the kitchen\n',
    });
    expect(saved.code, saved.stderr).toBe(0);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    const [file] = files(alex.dir, 'attachments');
    expect(file).toMatch(/-jordan-us\.jpg$/);
    const arrived = readFileSync(path.join(alex.dir, file!));
    expect(arrived.equals(readFileSync(path.join(jordan.dir, file!)))).toBe(true);
    expect(arrived.toString('latin1')).not.toContain('Berlin');
    expect(arrived[0]).toBe(0xff);
    // In the remote, only ciphertext.
    expect(allObjectText(path.join(root, 'remote.git'))).not.toContain('JFIF');
    const report = path.join(alex.home, 'report.html');
    await ok(alex.run(['export', '--format', 'html', '-o', report]));
    expect(readFileSync(report, 'utf8')).toContain(`<img src="data:image/jpeg;base64,${arrived.toString('base64')}"`);
  });
});
