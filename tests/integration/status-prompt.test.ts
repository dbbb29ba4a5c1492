import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, newUser, runCli, tempDir } from '../helpers/cli.js';

/** `intimacy status --prompt`: a few characters for a shell prompt, and silence when there is nothing to say. */
afterAll(cleanupTemp);

async function couple(extra: Record<string, string> = {}) {
  const { env } = newUser(extra);
  const dir = path.join(tempDir(), 'journal');
  env.INTIMACY_JOURNAL = dir;
  expect((await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  return env;
}

describe('status --prompt', () => {
  it('says how many rituals are due, as status --quiet lists them', async () => {
    const env = await couple();
    const quiet = (await runCli(['status', '--quiet'], { env })).stdout.trim().split('\n');
    expect(quiet.length).toBeGreaterThan(1);
    expect(await runCli(['status', '--prompt'], { env })).toEqual({
      code: 0,
      stdout: `♥ ${quiet.length} due\n`,
      stderr: '',
    });
    expect((await runCli(['status', '--prompt'], { env: { ...env, LANG: 'C' } })).stdout).toBe(
      `<3 ${quiet.length} due\n`,
    );
    // a ritual no longer kept is no longer due
    await runCli(['rituals', 'remove', 'date'], { env });
    expect((await runCli(['status', '--prompt'], { env })).stdout).toBe(`♥ ${quiet.length - 1} due\n`);
  });

  it('prints nothing when nothing is due', async () => {
    const env = await couple();
    for (const ritual of ['checkin', 'gratitude', 'date']) await runCli(['rituals', 'remove', ritual], { env });
    expect(await runCli(['status', '--prompt'], { env })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('never puts an error in a prompt: no journal, or a broken settings file, print nothing (exit 1)', async () => {
    const { env } = newUser({ INTIMACY_JOURNAL: path.join(tempDir(), 'none') });
    expect(await runCli(['status', '--prompt'], { env })).toEqual({ code: 1, stdout: '', stderr: '' });
    const broken = await couple();
    writeFileSync(path.join(broken.INTIMACY_JOURNAL!, 'intimacy.yaml'), 'version: [\n');
    expect(await runCli(['status', '--prompt'], { env: broken })).toEqual({ code: 1, stdout: '', stderr: '' });
    expect((await runCli(['status'], { env: broken })).stderr).toMatch(/intimacy\.yaml/);
  });

  it('goes alone', async () => {
    const env = await couple();
    const both = await runCli(['status', '--prompt', '--json'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--prompt goes alone/);
  });
});
