import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, runCli } from '../helpers/cli.js';
import { note, ok, type Partner, partner, read, syncedPair } from '../sync/partners.js';

/*
 * git names files in bytes, and a partner can commit a name that is not UTF-8. Sync and clone
 * refuse it, name it with each such byte escaped, and give a fix that, pasted into bash, takes
 * out of git the very file git has (not a name spelled with U+FFFD, which git has not).
 */

const FOLDER = 'entries/2026/11';
/** The name as git holds it: "al", the byte 0xff, "ex". */
const NAME = Buffer.concat([Buffer.from('20261121T100000Z-gratitude-al'), Buffer.from([0xff]), Buffer.from('ex.md')]);
const SHOWN = `"${FOLDER}/20261121T100000Z-gratitude-al\\xffex.md"`;
const FIX = `git rm -r --cached -- $'${FOLDER}/20261121T100000Z-gratitude-al\\xffex.md'`;
/** A name's bytes read as no character, raw: U+FFFD or a lone surrogate. */
const UNREADABLE = /[\ufffd\ud800-\udfff]/u;

afterAll(() => cleanupTemp());

/** Jordan commits and pushes, with plain git, an entry whose file name holds the byte 0xff. */
function pushNotUtf8(jordan: Partner): Buffer {
  const folder = path.join(jordan.dir, FOLDER);
  mkdirSync(folder, { recursive: true });
  const file = Buffer.concat([Buffer.from(`${folder}/`), NAME]);
  writeFileSync(
    file,
    '---\ntype: "gratitude"\nauthor: "Jordan"\ndate: "2026-11-21T10:00:00+00:00"\ntags: []\n---\n\nbytes\n',
  );
  git(jordan.dir, ['add', '-A']);
  commitAndPush(jordan, 'a name that is not UTF-8');
  return Buffer.concat([Buffer.from(`${FOLDER}/`), NAME]);
}

function commitAndPush(jordan: Partner, message: string): void {
  git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@example.com', 'commit', '-qm', message]);
  git(jordan.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
}

/** The paths in a clone's index, as the bytes git holds. */
function indexPaths(dir: string): Buffer[] {
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: dir }).stdout;
  const paths: Buffer[] = [];
  for (let start = 0, end: number; (end = listed.indexOf(0, start)) >= 0; start = end + 1)
    paths.push(listed.subarray(start, end));
  return paths;
}

/** The refusal names the path escaped, shows no byte raw, and gives the fix; returns it. */
function expectRefusal(refused: { code: number; stdout: string; stderr: string }, outcome: string): string {
  expect(refused.code, refused.stderr).toBe(1);
  expect(refused.stdout + refused.stderr).not.toMatch(UNREADABLE);
  expect(refused.stderr).toContain(`${SHOWN}, which this journal refuses: its name is not UTF-8`);
  expect(refused.stderr).toContain(outcome);
  const fix = /\(in their journal: (git rm [^,]+), then git commit/.exec(refused.stderr)?.[1];
  expect(fix).toBe(FIX);
  return fix!;
}

/** Jordan pastes the fix into bash (in the C locale: the word must not need a UTF-8 one): exactly that file leaves git. */
function runFix(jordan: Partner, fix: string, file: Buffer): void {
  const before = indexPaths(jordan.dir);
  expect(before.some((held) => held.equals(file))).toBe(true);
  const ran = spawnSync('bash', ['-c', fix], {
    cwd: jordan.dir,
    env: { ...jordan.env, LC_ALL: 'C' },
    encoding: 'utf8',
  });
  expect(ran.status, ran.stderr).toBe(0);
  expect(indexPaths(jordan.dir)).toEqual(before.filter((held) => !held.equals(file)));
}

/** Whether a folder holds a file named with the byte 0xff (read as bytes: no decoding guesses). */
function holdsName(dir: string): boolean {
  const folder = path.join(dir, FOLDER);
  return existsSync(folder) && readdirSync(folder, { encoding: 'buffer' }).some((name) => name.equals(NAME));
}

describe('file names that are not UTF-8', { timeout: 120_000 }, () => {
  it('are refused at sync, named with the byte escaped, and the fix given runs as pasted', async () => {
    const { alex, jordan } = await syncedPair();
    const mine = await note(alex, 'mine, before');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const file = pushNotUtf8(jordan);

    const refused = await alex.run(['sync']);
    const fix = expectRefusal(refused, 'Nothing was merged; your journal is as it was.');
    expect(holdsName(alex.dir)).toBe(false);

    runFix(jordan, fix, file);
    commitAndPush(jordan, 'take it out');
    await ok(alex.run(['sync']));
    expect(holdsName(alex.dir)).toBe(false);
    expect(read(alex.dir, mine)).toContain('mine, before');
    expect((await ok(alex.run(['log']))).stdout).toContain('mine, before');
  });

  it('are refused at clone, named the same way, and the fix given runs as pasted', async () => {
    const { root, remote, jordan } = await syncedPair();
    const file = pushNotUtf8(jordan);
    const laptop = partner('Alex', root);
    const target = path.join(root, 'alex2');

    const refused = await runCli(['clone', remote, target, '--me', 'Alex'], { env: laptop.env });
    const fix = expectRefusal(refused, 'Nothing was created here.');
    expect(existsSync(target)).toBe(false);

    runFix(jordan, fix, file);
    commitAndPush(jordan, 'take it out');
    await ok(runCli(['clone', remote, target, '--me', 'Alex'], { env: laptop.env }));
    expect(holdsName(target)).toBe(false);
  });
});
