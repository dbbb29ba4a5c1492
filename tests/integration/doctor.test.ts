import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainOnRemoteChecks } from '../../src/app/doctor/plain-remote.js';
import { openJournal } from '../../src/journal/journal.js';
import { cleanupTemp, git, type RunResult, runBinary, tempDir } from '../helpers/cli.js';
import { bareRemote, note, ok, type Partner, partner, syncedPair } from '../sync/partners.js';

/*
 * `intimacy doctor` over a healthy shared, encrypted journal, then over each broken case, one
 * test each: real git, a real bare remote, two clones.
 */
afterAll(cleanupTemp);

interface Found {
  id: string;
  status: 'ok' | 'warn' | 'fail';
  summary: string;
  fix?: string;
  details?: string[];
}

async function doctor(
  who: Partner,
  env: NodeJS.ProcessEnv = who.env,
): Promise<{ code: number; checks: Found[]; text: RunResult }> {
  const json = await runBinary(['--journal', who.dir, 'doctor', '--json'], { env });
  const text = await runBinary(['--journal', who.dir, 'doctor'], { env });
  expect(text.code).toBe(json.code);
  return { code: json.code, checks: JSON.parse(json.stdout).checks, text };
}

function found(checks: Found[], id: string): Found {
  const one = checks.find((check) => check.id === id);
  if (!one) throw new Error(`no check ${id} in ${JSON.stringify(checks)}`);
  return one;
}

/** A journal of Alex alone, not shared. */
async function alone(): Promise<Partner> {
  const alex = partner('Alex', tempDir());
  await ok(alex.run(['init', alex.dir, '--me', 'Alex', '--partner', 'Jordan']));
  await note(alex, 'the walk');
  return alex;
}

/** A journal of Alex alone, encrypted, shared with a bare remote, with one entry. */
async function encryptedAlone(): Promise<Partner> {
  const alex = await alone();
  await ok(alex.run(['remote', 'set', bareRemote(path.dirname(alex.dir))]));
  await ok(runBinary(['--journal', alex.dir, 'encrypt', 'init'], { env: alex.env }));
  await note(alex, 'the tea');
  await ok(alex.run(['sync']));
  return alex;
}

/** A pid no process has any more. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

describe('intimacy doctor', () => {
  it('finds nothing wrong in a shared, encrypted, synced journal, and exits 0', async () => {
    const { alex } = await syncedPair();
    await ok(runBinary(['--journal', alex.dir, 'encrypt', 'init'], { env: alex.env }));
    await note(alex, 'the tea');
    await ok(alex.run(['sync']));
    const { code, checks, text } = await doctor(alex);
    expect(code).toBe(0);
    expect(checks.filter((check) => check.status !== 'ok')).toEqual([]);
    expect(checks.map((check) => check.id)).toEqual(
      expect.arrayContaining([
        'git',
        'journal',
        'identity',
        'partners',
        'rituals',
        'remote',
        'remote-reachable',
        'remote-ahead',
        'encryption',
        'encryption-key',
        'encryption-filter',
        'pre-push',
        'remote-plain',
        'entries',
        'conflicts',
        'leftovers',
        'modes',
        'ignored',
      ]),
    );
    expect(text.stdout).toMatch(/^✓ git \d+\.\d+\S* is installed \(intimacy needs 2\.28 or later\)/m);
    // One entry is not "every one".
    expect(text.stdout).toMatch(/^✓ 1 entry, well formed\.$/m);
    expect(text.stdout.trim().split('\n').at(-1)).toBe('Everything looks right.');
  });

  it('git that is missing, or too old, fails first', async () => {
    const alex = await alone();
    const noGit = await runBinary(['--journal', alex.dir, 'doctor'], {
      env: { ...alex.env, PATH: tempDir() },
    });
    expect(noGit.code).toBe(1);
    expect(noGit.stdout).toMatch(/^✗ git is not installed/m);
    // a test double of an old git, first on PATH
    const old = path.join(tempDir(), 'bin');
    mkdirSync(old);
    writeFileSync(path.join(old, 'git'), '#!/bin/sh\necho "git version 2.20.1"\n');
    chmodSync(path.join(old, 'git'), 0o755);
    const { code, checks } = await doctor(alex, { ...alex.env, PATH: `${old}:${alex.env.PATH}` });
    expect(code).toBe(1);
    expect(found(checks, 'git')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/2\.20\.1 is older/) });
  });

  it('a name that is not one of the partners fails; one partner named is a warning', async () => {
    const alex = await alone();
    const sam = await doctor(alex, { ...alex.env, INTIMACY_ME: 'Sam' });
    expect(sam.code).toBe(1);
    expect(found(sam.checks, 'identity')).toMatchObject({
      status: 'fail',
      fix: 'Set INTIMACY_ME to Alex or Jordan, or unset it.',
    });
    const solo = partner('Solo', tempDir());
    await ok(solo.run(['init', solo.dir, '--me', 'Alex']));
    const one = await doctor(solo);
    expect(one.code).toBe(0);
    expect(found(one.checks, 'partners')).toMatchObject({
      status: 'warn',
      summary: 'Only Alex is named as a partner.',
    });
  });

  it('rituals intimacy.yaml describes but cannot be read are a warning naming each, and what to do', async () => {
    const alex = await alone();
    const file = path.join(alex.dir, 'intimacy.yaml');
    const base = readFileSync(file, 'utf8');
    expect(found((await doctor(alex)).checks, 'rituals')).toEqual({
      id: 'rituals',
      status: 'ok',
      summary:
        '4 rituals are tracked, the defaults, as no "rituals:" is in intimacy.yaml: checkin, gratitude, date, repair.',
    });
    writeFileSync(
      file,
      `${base}rituals:\n  walk: { counts: [walk], cadence: sometimes }\n  checkin: { counts: [checkin], cadence: weekly, who: together }\n`,
    );
    const broken = await doctor(alex);
    expect(broken.code).toBe(0);
    expect(found(broken.checks, 'rituals')).toEqual({
      id: 'rituals',
      status: 'warn',
      summary: '1 ritual in intimacy.yaml cannot be read, so it is not tracked: walk.',
      fix: expect.stringMatching(
        /^Correct it in intimacy\.yaml as NAME: \{ counts: .*intimacy rituals add NAME --cadence CADENCE\.$/,
      ),
      details: [expect.stringMatching(/^walk: "sometimes" is not a cadence; use daily/)],
    });
    expect(broken.text.stdout).toMatch(
      /^! 1 ritual in intimacy\.yaml cannot be read, so it is not tracked: walk\.\n {4}walk: /m,
    );
    // A list where a mapping goes: no ritual at all is tracked.
    writeFileSync(file, `${base}rituals:\n  - checkin\n`);
    expect(found((await doctor(alex)).checks, 'rituals')).toMatchObject({
      status: 'warn',
      summary: '"rituals:" in intimacy.yaml is not a mapping of ritual names: no ritual is tracked.',
      fix: expect.stringMatching(/delete "rituals:" to keep the defaults\.$/),
    });
  });

  it('no ritual tracked is information with how to track one, not a tick; the exit code stays 0', async () => {
    const alex = await alone();
    const file = path.join(alex.dir, 'intimacy.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}rituals: {}\n`);
    const none = await doctor(alex);
    expect(none.code).toBe(0);
    expect(found(none.checks, 'rituals')).toEqual({
      id: 'rituals',
      status: 'info',
      summary: 'No ritual is tracked (intimacy.yaml lists none), so nothing is ever due.',
      fix: 'intimacy rituals add NAME --cadence CADENCE tracks one.',
    });
    expect(none.text.stdout).toMatch(
      /^i No ritual is tracked \(intimacy\.yaml lists none\), so nothing is ever due\.\n {2}→ intimacy rituals add NAME --cadence CADENCE tracks one\.$/m,
    );
    expect(none.text.stdout).not.toMatch(/✓ No ritual/);
  });

  it('no remote is a warning; a remote that does not answer fails, within the time limit', async () => {
    const alex = await alone();
    const unshared = await doctor(alex);
    expect(unshared.code).toBe(0);
    expect(found(unshared.checks, 'remote')).toMatchObject({
      status: 'warn',
      fix: expect.stringMatching(/remote set URL/),
    });
    expect(found(unshared.checks, 'encryption').status).toBe('ok');
    await ok(alex.run(['remote', 'set', path.join(tempDir(), 'gone.git')]));
    const gone = await doctor(alex);
    expect(gone.code).toBe(1);
    expect(found(gone.checks, 'remote-reachable')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/no git repository/i),
    });
    // shared without encryption: the host can read it
    expect(found(gone.checks, 'encryption')).toMatchObject({
      status: 'warn',
      fix: expect.stringMatching(/encrypt init/),
    });
  });

  it('says when the remote holds commits this clone has not brought in', async () => {
    const { alex, jordan } = await syncedPair();
    await note(jordan, 'from jordan');
    await ok(jordan.run(['sync']));
    const behind = await doctor(alex);
    expect(found(behind.checks, 'remote-ahead')).toMatchObject({
      status: 'warn',
      fix: expect.stringMatching(/intimacy sync/),
    });
    await note(jordan, 'another');
    const ahead = await doctor(jordan);
    expect(found(ahead.checks, 'remote-ahead')).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/does not have yet/),
    });
  });

  it('a clone of an encrypted journal without the key fails', async () => {
    const { alex, jordan } = await syncedPair();
    await ok(runBinary(['--journal', alex.dir, 'encrypt', 'init'], { env: alex.env }));
    await ok(alex.run(['sync']));
    await jordan.run(['sync']);
    const { code, checks } = await doctor(jordan);
    expect(code).toBe(1);
    expect(found(checks, 'encryption-key')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/import-key/) });
  });

  it('names a malformed entry file, and an open conflict copy', async () => {
    const alex = await alone();
    const entry = await note(alex, 'the soup');
    writeFileSync(
      path.join(alex.dir, 'entries', '2026', '11', '20261101T100000Z-gratitude-alex.md'),
      '---\ntype: [\n---\n',
    );
    copyFileSync(path.join(alex.dir, entry), path.join(alex.dir, entry.replace(/\.md$/, '-conflict_jordan.md')));
    const { code, checks } = await doctor(alex);
    expect(code).toBe(0);
    expect(found(checks, 'entries')).toMatchObject({
      status: 'warn',
      details: [expect.stringMatching(/^entries\/2026\/11\/20261101T100000Z-gratitude-alex\.md: /)],
    });
    expect(found(checks, 'conflicts')).toMatchObject({
      status: 'warn',
      details: [expect.stringMatching(/-conflict_jordan\.md$/)],
    });
  });

  it('files other users can read: the journal folder open and a file in it', async () => {
    const alex = await alone();
    chmodSync(alex.dir, 0o755);
    chmodSync(path.join(alex.dir, 'intimacy.yaml'), 0o644);
    const { checks } = await doctor(alex);
    expect(found(checks, 'modes')).toMatchObject({
      status: 'warn',
      fix: `intimacy doctor --fix closes them (chmod -R go-rwx ${alex.dir} does the same).`,
      details: expect.arrayContaining(['. (755)', 'intimacy.yaml (644)']),
    });
    const fixed = await runBinary(['--journal', alex.dir, 'doctor', '--fix'], { env: alex.env });
    expect(fixed.stdout).toMatch(/^✓ Closed \d+ files and folders to other users/m);
    expect(statSync(alex.dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(alex.dir, 'intimacy.yaml')).mode & 0o777).toBe(0o600);
    expect(found((await doctor(alex)).checks, 'modes').status).toBe('ok');
  });

  it('an open key or .intimacy/ is named even inside a closed journal folder', async () => {
    const alex = await encryptedAlone();
    chmodSync(path.join(alex.dir, '.git', 'intimacy', 'key'), 0o644);
    const { code, checks } = await doctor(alex);
    expect(code).toBe(0);
    expect(found(checks, 'modes')).toMatchObject({ status: 'warn', details: ['.git/intimacy/key (644)'] });
  });

  it('.intimacy/ not ignored by git fails, and so does a committed file in it', async () => {
    const alex = await alone();
    writeFileSync(path.join(alex.dir, '.gitignore'), '# nothing\n');
    const open = await doctor(alex);
    expect(open.code).toBe(1);
    expect(found(open.checks, 'ignored')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/\.gitignore/) });
    git(alex.dir, ['checkout', '--', '.gitignore']);
    mkdirSync(path.join(alex.dir, '.intimacy', 'drafts'), { recursive: true });
    writeFileSync(path.join(alex.dir, '.intimacy', 'drafts', 'x.yaml'), 'a: 1\n');
    git(alex.dir, ['add', '-f', '.intimacy/drafts/x.yaml']);
    git(alex.dir, ['-c', 'user.name=A', '-c', 'user.email=a@b', 'commit', '-qm', 'oops']);
    const committed = await doctor(alex);
    expect(found(committed.checks, 'ignored')).toMatchObject({ status: 'fail', details: ['.intimacy/drafts/x.yaml'] });
  });

  it('without a journal it says so and how to make one', async () => {
    const nobody = partner('Nobody', tempDir());
    const { code, checks } = await doctor(nobody);
    expect(code).toBe(1);
    expect(found(checks, 'journal')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/intimacy init/) });
  });

  it('plain text left on the remote: from before encryption a warning, committed after it a failure', async () => {
    const alex = await alone(); // "the walk", committed plain
    await ok(alex.run(['remote', 'set', bareRemote(path.dirname(alex.dir))]));
    await ok(alex.run(['sync']));
    await ok(runBinary(['--journal', alex.dir, 'encrypt', 'init'], { env: alex.env }));
    await note(alex, 'the tea');
    await ok(alex.run(['sync']));
    const before = await doctor(alex);
    expect(before.code).toBe(0);
    expect(found(before.checks, 'remote-plain')).toMatchObject({
      status: 'warn',
      summary: expect.stringMatching(/plain text of 1 file from before encryption/),
      details: [expect.stringMatching(/^entries\/\d{4}\/\d{2}\/\d{8}T\d{6}Z-gratitude-alex\.md$/)],
    });
    // a plain entry committed past the filter and pushed past the check
    const leak = 'entries/2026/11/20261120T100000Z-gratitude-alex.md';
    const blob = spawnSync('git', ['hash-object', '-w', '--no-filters', '--stdin'], {
      cwd: alex.dir,
      input: '---\ntype: gratitude\n---\nour secret\n',
      encoding: 'utf8',
    }).stdout.trim();
    git(alex.dir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${leak}`]);
    git(alex.dir, ['-c', 'user.name=A', '-c', 'user.email=a@b', 'commit', '-qm', 'leak']);
    git(alex.dir, ['push', '-q', '--no-verify', 'origin', 'main']);
    git(alex.dir, ['fetch', '-q', 'origin']);
    const after = await doctor(alex);
    expect(after.code).toBe(1);
    expect(found(after.checks, 'remote-plain')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/plain text of 1 file committed after encryption/),
      details: [leak],
      fix: expect.stringMatching(/fresh remote/),
    });
  });

  it("looks through the remote's history for a bounded time, and says when it could not finish", async () => {
    const alex = await encryptedAlone();
    const journal = await openJournal({ dir: alex.dir, env: alex.env, now: () => new Date() });
    const [quick] = await plainOnRemoteChecks(journal, 1);
    expect(quick).toMatchObject({
      id: 'remote-plain',
      status: 'warn',
      summary: expect.stringMatching(/too long to look through/),
    });
    // given the time, it looks through to the end
    const [whole] = await plainOnRemoteChecks(journal);
    expect(whole?.id).toBe('remote-plain');
    expect(whole?.summary).not.toMatch(/too long/);
  });

  it('a key that does not open the journal fails, and so does a damaged key file', async () => {
    const alex = await encryptedAlone();
    const keyFile = path.join(alex.dir, '.git', 'intimacy', 'key');
    writeFileSync(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
    const wrong = await doctor(alex);
    expect(wrong.code).toBe(1);
    expect(found(wrong.checks, 'encryption-key')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/does not open entries\/.+\.md, which is encrypted with key [0-9a-f]{16}/),
      fix: expect.stringMatching(/import-key/),
    });
    writeFileSync(keyFile, 'not a key\n', { mode: 0o600 });
    expect(found((await doctor(alex)).checks, 'encryption-key')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/is damaged/),
    });
  });

  it('the pre-push check: missing (doctor --fix installs it), bypassed by core.hooksPath, or running a moved intimacy', async () => {
    const alex = await encryptedAlone();
    const hook = path.join(alex.dir, '.git', 'hooks', 'pre-push');
    const original = readFileSync(hook, 'utf8');
    rmSync(hook);
    const missing = await doctor(alex);
    expect(missing.code).toBe(1);
    expect(found(missing.checks, 'pre-push')).toMatchObject({
      status: 'fail',
      fix: 'intimacy doctor --fix installs it.',
    });
    await runBinary(['--journal', alex.dir, 'doctor', '--fix'], { env: alex.env });
    expect(readFileSync(hook, 'utf8')).toBe(original);
    expect(found((await doctor(alex)).checks, 'pre-push').status).toBe('ok');

    const elsewhere = path.join(tempDir(), 'hooks');
    mkdirSync(elsewhere);
    git(alex.dir, ['config', 'core.hooksPath', elsewhere]);
    const bypassed = await doctor(alex);
    expect(bypassed.code).toBe(1);
    expect(found(bypassed.checks, 'pre-push')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/core\.hooksPath \(.+\), where intimacy's pre-push check is not/),
      fix: expect.stringMatching(/filter pre-push "\$@" to .+\/pre-push, or .+ config core\.hooksPath \.git\/hooks/),
    });
    git(alex.dir, ['config', '--unset', 'core.hooksPath']);

    writeFileSync(hook, original.replace(/'[^']*intimacy\.js'/, "'/gone/bin/intimacy.js'"), { mode: 0o700 });
    const moved = await doctor(alex);
    expect(found(moved.checks, 'pre-push')).toMatchObject({
      status: 'fail',
      summary: 'The pre-push check runs /gone/bin/intimacy.js, which is gone: every push fails.',
    });
    await runBinary(['--journal', alex.dir, 'doctor', '--fix'], { env: alex.env });
    expect(readFileSync(hook, 'utf8')).toBe(original);
  });

  it("git's encryption filter gone from this clone's config is set again by the next command, the key being here", async () => {
    const alex = await encryptedAlone();
    git(alex.dir, ['config', '--remove-section', 'filter.intimacy']);
    const rewired = await doctor(alex);
    expect(rewired.code).toBe(0);
    expect(found(rewired.checks, 'encryption-filter').status).toBe('ok');
    expect(git(alex.dir, ['config', 'filter.intimacy.process'])).toMatch(/intimacy\.js' filter process/);
  });

  it("git's encryption filter gone where the key is gone too is not set again: the key is asked for", async () => {
    const alex = await encryptedAlone();
    git(alex.dir, ['config', '--remove-section', 'filter.intimacy']);
    rmSync(path.join(alex.dir, '.git', 'intimacy', 'key'));
    const unwired = await doctor(alex);
    expect(unwired.code).toBe(1);
    expect(found(unwired.checks, 'encryption-key')).toMatchObject({
      status: 'fail',
      summary: 'This clone has no key for the encrypted journal: its entries cannot be read here.',
    });
    expect(git(alex.dir, ['config', '--list'])).not.toContain('filter.intimacy');
  });

  it('a stale git lock and the temp file of a killed write are named, and doctor --fix removes them', async () => {
    const alex = await alone();
    const lock = path.join(alex.dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    const folder = path.join(alex.dir, 'entries', '2026', '11');
    const temp = path.join(folder, `.20261101T100000Z-gratitude-alex.md.tmp-${deadPid()}-0a1b2c3d`);
    writeFileSync(temp, '---\ntype: grat');
    // a write still going on (its writer runs) is not a leftover
    const live = path.join(folder, `.20261102T100000Z-gratitude-alex.md.tmp-${process.pid}-0a1b2c3d`);
    writeFileSync(live, '');
    const { code, checks } = await doctor(alex);
    expect(code).toBe(0);
    expect(found(checks, 'leftovers')).toMatchObject({
      status: 'warn',
      fix: 'intimacy doctor --fix removes them.',
      details: ['.git/index.lock', path.relative(alex.dir, temp)],
    });
    const fixed = await runBinary(['--journal', alex.dir, 'doctor', '--fix'], { env: alex.env });
    expect(fixed.stdout).toMatch(/^✓ Removed 2 files left by an interrupted write\.$/m);
    expect(existsSync(lock) || existsSync(temp)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(found((await doctor(alex)).checks, 'leftovers').status).toBe('ok');
    await note(alex, 'after the fix');
  });
});
