import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { cleanupTemp, git, newUser, runCli, TEST_NOW, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => !p.startsWith('.git/') && p !== '.git');
}

async function journal() {
  const { env } = newUser();
  const dir = path.join(tempDir(), 'journal');
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  return { env, dir };
}

describe('hostile and broken input', () => {
  it('names with spaces, quotes, a leading dash, path tricks and unicode stay inside the journal and read back', async () => {
    // A journal that names one partner: any name may write in it (two partners would refuse a third).
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex'], { env })).code).toBe(0);
    const outside = path.dirname(dir);
    const before = readdirSync(outside).sort();
    for (const name of ['Mary Ann', `O'Brien "the bold"`, '-rf', '../../etc/passwd', 'Zoë 💛', 'نور']) {
      const result = await runCli(['--me', name, 'gratitude', '--for', name, '--', `from ${name}`], { env });
      expect(result.code, result.stderr).toBe(0);
    }
    expect(readdirSync(outside).sort()).toEqual(before);
    const files = allFiles(path.join(dir, 'entries')).filter((p) => p.endsWith('.md'));
    expect(files).toHaveLength(6);
    for (const file of files) expect(file).toMatch(/^\d{4}\/\d{2}\/\d{8}T\d{6}Z-gratitude-[^/\s'"]+\.md$/);
    const authors = files.map((f) => parseEntry(readFileSync(path.join(dir, 'entries', f), 'utf8')).author).sort();
    expect(authors).toEqual(['-rf', '../../etc/passwd', 'Mary Ann', `O'Brien "the bold"`, 'Zoë 💛', 'نور'].sort());
  });

  it('refuses to write through a symbolic link in entries/ that points outside', async () => {
    const { env, dir } = await journal();
    const outside = tempDir('outside-');
    const month = TEST_NOW.slice(0, 7).split('-');
    mkdirSync(path.join(dir, 'entries', month[0]!), { recursive: true });
    symlinkSync(outside, path.join(dir, 'entries', month[0]!, month[1]!));
    const result = await runCli(['gratitude', 'through the link'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is a symbolic link; intimacy only writes inside the journal; nothing was written/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a broken intimacy.yaml is a clear error naming the file and line, and nothing is written', async () => {
    const { env, dir } = await journal();
    writeFileSync(path.join(dir, 'intimacy.yaml'), 'version: 1\npartners: [Alex, Jordan\n');
    const result = await runCli(['gratitude', 'x'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/intimacy\.yaml:\d+: a list or mapping opened with \[ or \{ is not closed/);
    expect(existsSync(path.join(dir, 'entries'))).toBe(false);
  });

  it('binary-looking text and a very long line are saved whole; text over the entry limit is refused, nothing saved', async () => {
    const { env, dir } = await journal();
    const big = 'a long, long letter. '.repeat(40_000) + '\n' + 'x'.repeat(100_000) + '\n\u0000\u0001 bytes\n';
    const result = await runCli(['gratitude'], { env, input: big });
    expect(result.code, result.stderr).toBe(0);
    const file = allFiles(path.join(dir, 'entries')).find((p) => p.endsWith('.md'))!;
    expect(parseEntry(readFileSync(path.join(dir, 'entries', file), 'utf8')).body).toContain(big.trimEnd());
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    // Every reader shows what was saved.
    const shown = await runCli(['show', 'last', '--json'], { env });
    expect(JSON.parse(shown.stdout)[0].body).toContain('x'.repeat(100_000));

    const huge = 'a long, long letter. '.repeat(60_000);
    const refused = await runCli(['gratitude'], { env, input: huge });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/bigger than 1024 KiB, the most intimacy takes; nothing was saved/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(allFiles(path.join(dir, 'entries')).filter((p) => p.endsWith('.md'))).toHaveLength(1);
    // Just under the limit on stdin, over it once the front matter is added: refused the same way.
    const edge = 'y'.repeat(1024 * 1024 - 10);
    const atEdge = await runCli(['gratitude'], { env, input: edge });
    expect(atEdge.code).toBe(2);
    expect(atEdge.stderr).toMatch(/This entry is bigger than 1024 KiB/);
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });

  it.skipIf(process.getuid?.() !== 0)(
    'a disk that fills up during a write loses nothing already saved and leaves no half entry',
    async () => {
      const { env } = newUser();
      const mount = tempDir('tmpfs-');
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', mount]);
      if (mounted.status !== 0) return; // no permission to mount here: nothing to test
      try {
        const dir = path.join(mount, 'journal');
        expect((await runCli(['init', dir, '--me', 'Alex'], { env })).code).toBe(0);
        expect((await runCli(['-j', dir, 'gratitude', 'a small note that fits'], { env })).code).toBe(0);
        const full = await runCli(['-j', dir, 'gratitude'], { env, input: 'too big for the disk '.repeat(40_000) });
        expect(full.code).toBe(1);
        expect(full.stderr).toMatch(/The disk is full; nothing was written/);
        const files = allFiles(path.join(dir, 'entries'));
        expect(files.filter((f) => f.endsWith('.md'))).toHaveLength(1);
        expect(files.filter((f) => /\.tmp-/.test(f))).toEqual([]);
        expect(readFileSync(path.join(dir, 'entries', files.find((f) => f.endsWith('.md'))!), 'utf8')).toContain(
          'a small note that fits',
        );
      } finally {
        spawnSync('umount', ['-l', mount]);
      }
    },
  );
});

describe('hostile names, templates and remotes', { timeout: 120_000 }, () => {
  it('template names that try to leave the journal are refused, and nothing is written outside', async () => {
    const { env, dir } = await journal();
    const outside = path.dirname(dir);
    const before = readdirSync(outside).sort();
    for (const args of [
      ['new', '../../etc/passwd'],
      ['templates', 'show', '../../etc/passwd'],
      ['templates', 'new', '../escape'],
      ['templates', 'new', '/tmp/escape'],
      ['new', '--', '-rf'],
    ]) {
      const result = await runCli(args, { env });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBeGreaterThan(0);
      expect(result.stderr.trim().split('\n').length, result.stderr).toBeLessThanOrEqual(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(outside).sort()).toEqual(before);
    expect(existsSync('/tmp/escape.yaml')).toBe(false);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('entry ids that try to leave the journal find nothing, and binary or malformed files are skipped by name', async () => {
    const { env, dir } = await journal();
    expect((await runCli(['gratitude', 'a real one'], { env })).code).toBe(0);
    for (const id of ['../../etc/passwd', '/etc/passwd', '..', '-rf', '"; rm -rf ~']) {
      for (const command of ['show', 'edit']) {
        const result = await runCli([command, '--', id], { env: { ...env, EDITOR: 'false' } });
        expect(result.code, `${command} ${id}: ${result.stderr}`).toBeGreaterThan(0);
        expect(result.stderr + result.stdout).not.toMatch(/root:x:0/);
      }
    }
    const month = path.join(dir, 'entries', '2026', '01');
    mkdirSync(month, { recursive: true });
    writeFileSync(path.join(month, '20260101T000000Z-gratitude-alex.md'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(month, '20260102T000000Z-gratitude-alex.md'), '---\ntype: [broken\n---\nbody\n');
    writeFileSync(path.join(month, 'notes.txt'), 'a stray');
    const log = await runCli(['log'], { env });
    expect(log.code).toBe(0);
    expect(log.stdout).toContain('a real one');
    expect(log.stderr.match(/skipped/g)).toHaveLength(3);
    expect(readFileSync(path.join(month, '20260102T000000Z-gratitude-alex.md'), 'utf8')).toBe(
      '---\ntype: [broken\n---\nbody\n',
    );
  });

  it('a template with thousands of questions is refused by name, and one with a hundred runs from an answers file', async () => {
    const { env, dir } = await journal();
    const questions = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `  - id: q${i}\n    type: text\n    message: "Question ${i}?"\n    required: false\n`,
      ).join('');
    mkdirSync(path.join(dir, 'templates'), { recursive: true });
    writeFileSync(
      path.join(dir, 'templates', 'huge.yaml'),
      `name: huge\ntitle: A very long one\ndescription: many questions\nquestions:\n${questions(3000)}`,
    );
    writeFileSync(
      path.join(dir, 'templates', 'long.yaml'),
      `name: long\ntitle: A long one\ndescription: many questions\nquestions:\n${questions(100)}`,
    );
    const answers = path.join(dir, '..', 'answers.yaml');
    writeFileSync(answers, 'q0: "first"\nq99: "last"\n');
    const refused = await runCli(['new', 'huge', '--answers', answers], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/templates\/huge\.yaml/);
    const result = await runCli(['new', 'long', '--answers', answers], { env });
    expect(result.code, result.stderr).toBe(0);
    const file = allFiles(path.join(dir, 'entries')).find((p) => p.endsWith('.md'))!;
    const body = readFileSync(path.join(dir, 'entries', file), 'utf8');
    expect(body).toContain('first');
    expect(body).toContain('last');
  });

  it('option-like and ext:: remote URLs are refused before anything runs', async () => {
    const { env, dir } = await journal();
    const canary = path.join(tempDir(), 'pwned');
    for (const url of [`--upload-pack=touch ${canary}`, `ext::sh -c touch% ${canary}`, '-oProxyCommand=touch /tmp/x']) {
      // Given plainly, an option-like URL is already an unknown option; after `--` our own check refuses it.
      for (const args of [
        ['remote', 'set', url],
        ['remote', 'set', '--', url],
        ['clone', '--', url, path.join(tempDir(), 'c')],
        ['init', path.join(tempDir(), 'n'), `--remote=${url}`],
      ]) {
        const result = await runCli(args, { env });
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toMatch(/URL|unknown option/);
      }
    }
    expect(existsSync(canary)).toBe(false);
    expect(git(dir, ['remote'])).toBe('');
  });
});
