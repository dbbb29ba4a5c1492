import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli, tempDir } from '../helpers/cli.js';

afterAll(cleanupTemp);

describe('private entries', { timeout: 90_000 }, () => {
  it('stay on this computer, never committed or pushed, and only their author sees them', async () => {
    const { env } = newUser();
    const root = tempDir();
    const remote = path.join(root, 'remote.git');
    git(root, ['init', '-q', '--bare', '--initial-branch=main', remote]);
    const dir = path.join(root, 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan', '--remote', remote], { env })).code).toBe(
      0,
    );
    expect((await runCli(['gratitude', 'shared lighthouse thanks'], { env })).code).toBe(0);
    const saved = await runCli(['gratitude', '--private', 'a private lighthouse thought'], { env });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/privately \(this computer only, never shared\) → .*\.intimacy\/private\/entries\//);
    const answers = path.join(root, 'answers.yaml');
    spawnSync('sh', ['-c', `printf 'on_my_mind: "lighthouse dreams"\\n' > '${answers}'`]);
    expect((await runCli(['new', 'reflection', '--private', '--answers', answers], { env })).code).toBe(0);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(
      git(dir, ['ls-files'])
        .split('\n')
        .some((f) => f.includes('private')),
    ).toBe(false);

    const mine = await runCli(['log'], { env });
    expect(mine.stdout).toMatch(/\[private\] a private lighthouse thought/);
    expect(mine.stdout).toContain('shared lighthouse thanks');
    const json = JSON.parse((await runCli(['log', '--json'], { env })).stdout) as Array<{
      private?: boolean;
      type: string;
    }>;
    expect(
      json
        .filter((e) => e.private === true)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['gratitude', 'reflection']);
    const hits = await runCli(['grep', 'lighthouse'], { env });
    expect(hits.stdout).toContain('private lighthouse thought');
    const stats = JSON.parse((await runCli(['stats', '--json'], { env })).stdout);
    expect(stats.gratitude.perPartner.Alex.reduce((a: number, b: number) => a + b, 0)).toBe(2);

    const theirs = await runCli(['--me', 'Jordan', 'grep', 'lighthouse'], { env });
    expect(theirs.stdout).toContain('shared lighthouse thanks');
    expect(theirs.stdout).not.toContain('private lighthouse');

    expect((await runCli(['sync'], { env })).code).toBe(0);
    const objects = spawnSync('git', ['cat-file', '--batch-all-objects', '--batch'], {
      cwd: remote,
      encoding: 'latin1',
    }).stdout;
    expect(objects).toContain('shared lighthouse thanks');
    expect(objects).not.toContain('private lighthouse');
    expect(objects).not.toContain('lighthouse dreams');
  });

  it("a private entry is one person's: --private with --together is refused", async () => {
    const { env } = newUser();
    const dir = path.join(tempDir(), 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    const result = await runCli(['checkin', '--together', '--private'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--private and --together do not go together/);
  });

  it('export -o never writes inside the journal: not over a private entry, not under entries/ for sync to share', async () => {
    const { env } = newUser();
    const root = tempDir();
    const dir = path.join(root, 'journal');
    expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
    expect((await runCli(['gratitude', 'a shared one'], { env })).code).toBe(0);
    const saved = await runCli(['gratitude', '--private', 'a private lighthouse thought'], { env });
    const privateFile = /→ (.+\.md)$/m.exec(saved.stdout)?.[1] ?? '';
    const before = readFileSync(privateFile, 'utf8');
    const head = git(dir, ['rev-parse', 'HEAD']);
    symlinkSync(path.join(dir, 'entries'), path.join(root, 'entries-link'));
    for (const given of [
      privateFile,
      path.join(dir, 'intimacy.yaml'),
      path.join(dir, 'entries', '2026', '11', '20261125T000000Z-gratitude-alex.md'),
      path.join(dir, 'report.html'),
      path.join(root, 'entries-link', 'x.md'),
    ]) {
      const result = await runCli(['export', '--format', 'html', '-o', given], { env, cwd: root });
      expect(result.code, given).toBe(2);
      expect(result.stderr).toMatch(
        /^error: -o .* is inside the journal \(.*\); nothing was written\. .*Write it outside the journal, e\.g\. -o /,
      );
    }
    expect(readFileSync(privateFile, 'utf8')).toBe(before);
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
    // Beside the journal is fine.
    const beside = await runCli(['export', '-o', path.join(root, 'journal.md')], { env, cwd: dir });
    expect(beside.code, beside.stderr).toBe(0);
    expect(readFileSync(path.join(root, 'journal.md'), 'utf8')).toContain('a private lighthouse thought');
  });
});
