import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/store/entry.js';
import { cleanupTemp, git, runCli, tempDir } from '../helpers/cli.js';
import { bareRemote, entryFiles, expectHealthy, note, ok, partner, read, syncedPair } from './partners.js';

afterAll(cleanupTemp);

describe('intimacy sync between two partners', { timeout: 90_000 }, () => {
  it('brings in concurrent entries from both sides without rewriting anyone', async () => {
    const { alex, jordan } = await syncedPair();
    const fromJordan = await note(jordan, 'the soup you made');
    await ok(jordan.run(['sync']));
    const jordanCommit = git(jordan.dir, ['rev-parse', 'HEAD']).trim();
    const fromAlex = await note(alex, 'the walk by the river');

    const synced = await ok(alex.run(['sync']));
    expect(synced.stdout.trim()).toBe('1 new entry from Jordan, 1 sent');
    expect((await ok(jordan.run(['sync']))).stdout.trim()).toBe('1 new entry from Alex');

    for (const dir of [alex.dir, jordan.dir]) {
      expect(entryFiles(dir)).toEqual(expect.arrayContaining([fromJordan, fromAlex]));
      expectHealthy(dir);
    }
    // Jordan's commit is merged, not rebased: it is still in the shared history unchanged.
    expect(git(alex.dir, ['merge-base', '--is-ancestor', jordanCommit, 'HEAD'])).toBe('');
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(git(jordan.dir, ['rev-parse', 'HEAD']));
    expect((await ok(alex.run(['sync']))).stdout.trim()).toBe('Already in sync.');
    // The clone became Jordan's default journal, and knows who Jordan is.
    expect((await ok(runCli(['whoami'], { env: jordan.env }))).stdout.trim()).toBe('Jordan (from this journal)');
  });

  it('keeps both versions of an entry edited on both sides, as a conflict copy that parses', async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'our first dance');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeFileSync(path.join(alex.dir, file), read(alex.dir, file) + '\nAlex adds: in the kitchen.\n');
    writeFileSync(path.join(jordan.dir, file), read(jordan.dir, file) + '\nJordan adds: to our song.\n');
    await ok(alex.run(['sync']));

    const result = await ok(jordan.run(['sync', '--json']));
    const report = JSON.parse(result.stdout) as { conflicts: Array<{ path: string; copy: string; from: string }> };
    const copy = file.replace(/\.md$/, '-conflict_alex.md');
    expect(report.conflicts).toEqual([{ path: file, copy, from: 'Alex' }]);
    expect(read(jordan.dir, file)).toContain('Jordan adds');
    expect(read(jordan.dir, copy)).toContain('Alex adds');
    expect(parseEntry(read(jordan.dir, copy), copy).author).toBe('Alex');
    expectHealthy(jordan.dir);

    // Alex, who synced first, is told too: which version is where.
    const second = await ok(alex.run(['sync']));
    expect(second.stdout).toMatch(/1 entry you both changed \(both versions kept/);
    expect(second.stdout).not.toMatch(/new entry/);
    expect(second.stderr).toContain(
      `you and Jordan both changed ${file}: Jordan's version is now in ${file}, yours in ${copy}. See intimacy conflicts`,
    );
    expect(read(alex.dir, file)).toContain('Jordan adds');
    expect(read(alex.dir, copy)).toContain('Alex adds');
    expectHealthy(alex.dir);
  });

  it('names the conflict copy in the summary line and on stderr', async () => {
    const { alex, jordan } = await syncedPair();
    writeFileSync(path.join(alex.dir, 'intimacy.yaml'), read(alex.dir, 'intimacy.yaml') + 'week_starts: "monday"\n');
    writeFileSync(
      path.join(jordan.dir, 'intimacy.yaml'),
      read(jordan.dir, 'intimacy.yaml') + 'week_starts: "sunday"\n',
    );
    await ok(alex.run(['sync']));
    const result = await ok(jordan.run(['sync']));
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toContain('intimacy-conflict_alex.yaml');
    expect(result.stderr).toMatch(
      /you and Alex both changed intimacy\.yaml: yours is still there, Alex's version is in intimacy-conflict_alex\.yaml/,
    );
    expect(read(jordan.dir, 'intimacy.yaml')).toContain('sunday');
    expect(read(jordan.dir, 'intimacy-conflict_alex.yaml')).toContain('monday');
    expectHealthy(jordan.dir);
    // Deleting the copy once settled is an ordinary change that the next sync shares.
    rmSync(path.join(jordan.dir, 'intimacy-conflict_alex.yaml'));
    expect((await ok(jordan.run(['sync']))).stdout.trim()).toBe('1 other change sent');
    expectHealthy(jordan.dir);
  });

  it('keeps the edit when one side edits an entry and the other deletes it', async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'breakfast in bed');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    git(alex.dir, ['rm', '--quiet', file]); // deleted and staged, not committed: sync commits it
    writeFileSync(path.join(jordan.dir, file), read(jordan.dir, file) + '\nWith orange juice.\n');
    await ok(alex.run(['sync']));
    const result = await ok(jordan.run(['sync']));
    expect(result.stderr).toContain(
      `${file} was changed on one side and deleted on the other; the changed version was kept`,
    );
    await ok(alex.run(['sync']));
    for (const dir of [alex.dir, jordan.dir]) {
      expect(read(dir, file)).toContain('With orange juice.');
      expectHealthy(dir);
    }
  });

  it('retries a push the partner beat by pushing between our fetch and our push', async () => {
    const { root, alex, jordan } = await syncedPair();
    const fromJordan = await note(jordan, 'you waited up for me');
    const fromAlex = await note(alex, 'the flowers');
    // Alex's pre-push hook lets Jordan push first, once: exactly the race sync must survive.
    const mark = path.join(root, 'jordan-pushed');
    const hook = path.join(alex.dir, '.git', 'hooks', 'pre-push');
    writeFileSync(
      hook,
      `#!/bin/sh\nif [ ! -e "${mark}" ]; then\n  touch "${mark}"\n  unset $(git rev-parse --local-env-vars)\n  git -C "${jordan.dir}" push --quiet origin main\nfi\n`,
    );
    chmodSync(hook, 0o755);

    const result = await ok(alex.run(['sync', '--json']));
    const report = JSON.parse(result.stdout) as {
      retries: number;
      pushed: boolean;
      summary: string;
      received: { entries: Array<{ path: string }> };
    };
    expect(report.summary).toBe('1 new entry from Jordan, 1 sent');
    expect(existsSync(mark)).toBe(true);
    expect(report).toMatchObject({ retries: 1, pushed: true });
    expect(report.received.entries.map((entry) => entry.path)).toEqual([fromJordan]);
    await ok(jordan.run(['sync']));
    for (const dir of [alex.dir, jordan.dir]) {
      expect(entryFiles(dir)).toEqual(expect.arrayContaining([fromJordan, fromAlex]));
      expectHealthy(dir);
    }
  });

  it('fills an empty remote, and a clone of an empty remote starts the journal', async () => {
    const root = tempDir('intimacy-sync-');
    const remote = bareRemote(root);
    const alex = partner('Alex', root);
    const cloned = await ok(runCli(['clone', remote, alex.dir, '--me', 'Alex'], { env: alex.env }));
    expect(cloned.stderr).toMatch(/remote is empty.*ask them to run intimacy sync/);
    // Nothing was joined: the journal is new here.
    expect(cloned.stdout).toMatch(/^Started the journal of Alex in \S+, as Alex\n$/);
    const file = await note(alex, 'a fresh start');
    expect((await ok(alex.run(['sync']))).stdout.trim()).toMatch(/^Shared the journal: 1 entry sent/);
    expect(git(remote, ['ls-tree', '-r', '--name-only', 'main'])).toContain(file);
    // Plain git now knows where the journal goes.
    expect(git(alex.dir, ['status', '--short', '--branch'])).toMatch(/## main\.\.\.origin\/main/);
  });

  it('refuses a remote with unrelated history that is not a journal, changing nothing', async () => {
    const { root, alex } = await syncedPair();
    const other = tempDir('intimacy-other-');
    git(other, ['init', '--quiet', '--initial-branch=main']);
    writeFileSync(path.join(other, 'notes.txt'), 'shopping list\n');
    git(other, ['add', 'notes.txt']);
    git(other, ['-c', 'user.name=X', '-c', 'user.email=x@x', 'commit', '--quiet', '-m', 'x']);
    const stranger = bareRemote(root, 'stranger.git');
    git(other, ['push', '--quiet', stranger, 'main']);
    await ok(alex.run(['remote', 'set', stranger]));
    const before = git(alex.dir, ['rev-parse', 'HEAD']);
    const result = await alex.run(['sync']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unrelated to this journal, and it is not an intimacy journal/);
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(before);
    expect(existsSync(path.join(alex.dir, 'notes.txt'))).toBe(false);
    expectHealthy(alex.dir);
  });

  it('joins two journals started separately (unrelated histories), keeping both settings', async () => {
    const root = tempDir('intimacy-sync-');
    const remote = bareRemote(root);
    const alex = partner('Alex', root);
    const jordan = partner('Jordan', root);
    await ok(runCli(['init', alex.dir, '--me', 'Alex', '--remote', remote], { env: alex.env }));
    const fromAlex = await note(alex, 'first');
    await ok(alex.run(['sync']));
    await ok(runCli(['init', jordan.dir, '--me', 'Jordan', '--remote', remote], { env: jordan.env }));
    const fromJordan = await note(jordan, 'second');
    const result = await ok(jordan.run(['sync']));
    expect(result.stdout).toMatch(/1 new entry from Alex, 1 sent, .*intimacy-conflict_alex\.yaml/);
    expect(entryFiles(jordan.dir)).toEqual(expect.arrayContaining([fromAlex, fromJordan]));
    expectHealthy(jordan.dir);
  });

  it("takes over a merge of the partner's commits left unfinished, keeping both versions", async () => {
    const { alex, jordan } = await syncedPair();
    const file = await note(alex, 'a picnic');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    writeFileSync(path.join(alex.dir, file), read(alex.dir, file) + 'A\n');
    writeFileSync(path.join(jordan.dir, file), read(jordan.dir, file) + 'J\n');
    await ok(alex.run(['sync']));
    const id = ['-c', 'user.name=Jordan', '-c', 'user.email=j@x'];
    git(jordan.dir, [...id, 'commit', '--quiet', '-am', 'edit']);
    git(jordan.dir, ['fetch', '--quiet']);
    expect(() => git(jordan.dir, [...id, 'merge', 'origin/main'])).toThrow();
    // An entry written meanwhile is committed at once: the merge is undone first, the entry kept.
    const meanwhile = await ok(jordan.run(['gratitude', 'written mid-merge']));
    expect(meanwhile.stderr).not.toMatch(/not committed/);
    const written = path.relative(jordan.dir, /→ (.+\.md)$/m.exec(meanwhile.stdout)![1]!);
    expect(git(jordan.dir, ['ls-tree', '--name-only', 'HEAD', '--', written]).trim()).toBe(written);
    await ok(jordan.run(['sync']));
    expect(existsSync(path.join(jordan.dir, written))).toBe(true);
    expect(existsSync(path.join(jordan.dir, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(read(jordan.dir, file)).toMatch(/J\n$/);
    expect(read(jordan.dir, file.replace(/\.md$/, '-conflict_alex.md'))).toMatch(/A\n$/);
    expectHealthy(jordan.dir);
  });

  it('names a merge of another branch left unfinished, and leaves it as it was', async () => {
    const { jordan } = await syncedPair();
    const id = ['-c', 'user.name=Jordan', '-c', 'user.email=j@x'];
    git(jordan.dir, ['switch', '--quiet', '-c', 'side']);
    writeFileSync(path.join(jordan.dir, 'notes.txt'), 'side\n');
    git(jordan.dir, ['add', 'notes.txt']);
    git(jordan.dir, [...id, 'commit', '--quiet', '-m', 'side']);
    git(jordan.dir, ['switch', '--quiet', 'main']);
    writeFileSync(path.join(jordan.dir, 'notes.txt'), 'main\n');
    git(jordan.dir, ['add', 'notes.txt']);
    git(jordan.dir, [...id, 'commit', '--quiet', '-m', 'main']);
    expect(() => git(jordan.dir, [...id, 'merge', 'side'])).toThrow();
    const result = await jordan.run(['sync']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in the middle of a merge that git left unfinished.*git merge --abort/);
    expect(existsSync(path.join(jordan.dir, '.git', 'MERGE_HEAD'))).toBe(true);
    // An entry written meanwhile is saved, and says what stands in the way of its commit.
    const meanwhile = await ok(jordan.run(['gratitude', 'written during my merge']));
    expect(meanwhile.stderr).toMatch(
      /saved but not committed \(git: git is in the middle of a merge .*git merge --abort/,
    );
    const written = path.relative(jordan.dir, /→ (.+\.md)$/m.exec(meanwhile.stdout)![1]!);
    expect(existsSync(path.join(jordan.dir, '.git', 'MERGE_HEAD'))).toBe(true);
    // Once the user settles their merge, the next command commits it, as promised.
    git(jordan.dir, ['merge', '--abort']);
    const next = await ok(jordan.run(['sync']));
    expect(next.stderr).toMatch(/Committed 1 file that had been left uncommitted/);
    expect(git(jordan.dir, ['ls-tree', '--name-only', 'HEAD', '--', written]).trim()).toBe(written);
  });
});
