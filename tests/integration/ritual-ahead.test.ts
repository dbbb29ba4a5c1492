import { afterAll, describe, expect, it } from 'vitest';
import { at, cleanupTemp, runCli } from '../helpers/cli.js';
import { ok, syncedPair } from '../sync/partners.js';

afterAll(cleanupTemp);

describe('a ritual whose first day is still ahead', { timeout: 120_000 }, () => {
  it('is not due, nor counted by status --prompt, for the partner still on the day before', async () => {
    const { alex, jordan } = await syncedPair();
    // 11:00 UTC on 25 November: already the 26th in Auckland, still 03:00 on the 25th in Los Angeles.
    const instant = '2026-11-25T11:00:00Z';
    const inAuckland = { ...at(jordan.env, instant), TZ: 'Pacific/Auckland' };
    const inLosAngeles = { ...at(alex.env, instant), TZ: 'America/Los_Angeles' };
    const asJordan = (args: string[]) => ok(runCli(['--journal', jordan.dir, ...args], { env: inAuckland }));
    const asAlex = (args: string[]) => ok(runCli(['--journal', alex.dir, ...args], { env: inLosAngeles }));
    await asJordan(['rituals', 'add', 'affection', '--cadence', 'daily', '--who', 'each']);
    await asJordan(['sync']);
    await asAlex(['sync']);

    const status = JSON.parse((await asAlex(['status', '--json'])).stdout) as {
      due: Array<{ ritual: string }>;
      rituals: Array<{ name: string; subjects: Array<{ state: string }> }>;
    };
    expect(status.due.map((item) => item.ritual)).not.toContain('affection');
    const affection = status.rituals.find((ritual) => ritual.name === 'affection');
    expect(affection?.subjects.map((s) => s.state)).toEqual(['upcoming', 'upcoming']);
    const text = (await asAlex(['status'])).stdout;
    expect(text).not.toMatch(/due\s+affection/);
    // The prompt counts what status lists as due, and nothing for affection.
    const prompt = (await asAlex(['status', '--prompt'])).stdout.trim();
    expect(prompt).toBe(`♥ ${status.due.length} due`);

    // From its first day on, it is due as any daily ritual.
    const nextDay = { ...inLosAngeles, INTIMACY_NOW: '2026-11-26T18:00:00Z' };
    const later = JSON.parse(
      (await ok(runCli(['--journal', alex.dir, 'status', '--json'], { env: nextDay }))).stdout,
    ) as {
      due: Array<{ ritual: string }>;
    };
    expect(later.due.map((item) => item.ritual)).toContain('affection');
  });
});
