import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/cli.js';
import { head, pushAttack } from './attack.js';
import { entryFiles, expectHealthy, note, ok, type Partner, read, syncedPair } from './partners.js';

afterAll(cleanupTemp);

/*
 * A file the partner made a folder, or a folder they made a file, is refused at sync. The fix
 * the refusal gives must put it back as both had it: taken out of git alone, the folder would go
 * and the entry with it, and the next sync would remove it from this clone too.
 */

const JORDAN_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Jordan',
  GIT_AUTHOR_EMAIL: 'j@example.com',
  GIT_COMMITTER_NAME: 'Jordan',
  GIT_COMMITTER_EMAIL: 'j@example.com',
};

/** Alex's refused sync, the fix it gives Jordan run as pasted, then both syncing twice. */
async function refusedThenPutBack(alex: Partner, jordan: Partner, clash: string): Promise<void> {
  const before = head(alex.dir);
  const refused = await alex.run(['sync']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`Jordan's history brings ${clash}, which this journal refuses`);
  expect(refused.stderr).toContain('Ask Jordan to put it back as it was (in their journal: ');
  expect(head(alex.dir)).toBe(before);
  const fix = /in their journal: (.+) && intimacy sync\)/.exec(refused.stderr)?.[1] ?? '';
  const ran = spawnSync('bash', ['-c', fix], { cwd: jordan.dir, env: JORDAN_ENV, encoding: 'utf8' });
  expect(ran.status, `${fix}\n${ran.stderr}`).toBe(0);
  for (const who of [jordan, alex, jordan, alex]) await ok(who.run(['sync']));
}

describe('a file made a folder, or a folder made a file, by the partner', { timeout: 120_000 }, () => {
  it("an entry of Alex's made a folder: the fix puts the entry back, and no sync removes it", async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const mine = await note(alex, 'the lantern festival');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    pushAttack(jordan, () => {
      rmSync(path.join(jordan.dir, mine));
      mkdirSync(path.join(jordan.dir, mine));
      writeFileSync(path.join(jordan.dir, mine, 'inside.md'), 'a file inside\n');
      writeFileSync(path.join(jordan.dir, mine, 'second.md'), 'another\n');
    });
    await refusedThenPutBack(alex, jordan, mine);
    for (const who of [alex, jordan]) {
      expect(read(who.dir, mine)).toContain('the lantern festival');
      expect(entryFiles(who.dir)).toContain(mine);
      expectHealthy(who.dir);
    }
    expect((await ok(alex.run(['log']))).stdout).toContain('the lantern festival');
  });

  it("the month folder of Alex's entry made a file: the fix puts the folder back, with the entry", async () => {
    const { alex, jordan } = await syncedPair({}, true);
    const mine = await note(alex, 'the night market');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const month = path.posix.dirname(mine);
    pushAttack(jordan, () => {
      rmSync(path.join(jordan.dir, month), { recursive: true });
      writeFileSync(path.join(jordan.dir, month), 'not a folder\n');
    });
    await refusedThenPutBack(alex, jordan, month);
    for (const who of [alex, jordan]) {
      expect(read(who.dir, mine)).toContain('the night market');
      expect(existsSync(path.join(who.dir, month, path.posix.basename(mine)))).toBe(true);
      expectHealthy(who.dir);
    }
  });
});
