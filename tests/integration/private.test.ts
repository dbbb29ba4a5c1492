import { spawnSync } from 'node:child_process';
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
});
