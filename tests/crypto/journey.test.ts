import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanupTemp, git, ROOT, runBinary, tempDir } from '../helpers/cli.js';
import { bareRemote, ok, partner } from '../sync/partners.js';
import { allObjectText, encryptedPair, gratitude, importKey, isCiphertext, plainInTree } from './encrypted-pair.js';

afterAll(cleanupTemp);

describe('the encrypted journey', { timeout: 180_000 }, () => {
  it('a keyless clone is told at the sync that brings encryption, its writes wait for the key, and after import-key every covered file reads', async () => {
    const pair = await encryptedPair({ encrypted: false });
    const { alex, jordan, remote } = pair;
    // Alex shares a template, a deck and a note beside the entries, then turns encryption on.
    mkdirSync(path.join(alex.dir, 'templates'), { recursive: true });
    mkdirSync(path.join(alex.dir, 'decks'), { recursive: true });
    writeFileSync(path.join(alex.dir, 'templates', 'ours.yaml'), 'name: ours\n# the template words\n');
    writeFileSync(path.join(alex.dir, 'decks', 'ours.yaml'), 'name: ours\n# the deck words\n');
    writeFileSync(path.join(alex.dir, 'entries', 'notes.txt'), 'the note words\n');
    git(alex.dir, ['add', '-A']);
    git(alex.dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@x', 'commit', '-q', '-m', 'ours']);
    const on = await ok(alex.run(['encrypt', 'init']));
    expect(on.stderr).toMatch(/1 commit not pushed yet was re-written/);
    await gratitude(alex, 'alex after encryption', 2);
    await ok(alex.run(['sync']));
    const exported = await ok(alex.run(['encrypt', 'export-key', '--passphrase-file', pair.passFile]));
    writeFileSync(pair.keyFile, exported.stdout);
    for (const words of ['the template words', 'the deck words', 'the note words', 'alex after encryption'])
      expect(allObjectText(remote)).not.toContain(words);

    const told = await ok(jordan.run(['sync']));
    expect(told.stderr).toMatch(
      /Alex turned encryption on for the journal, and this clone has no key yet: .*intimacy encrypt import-key key\.txt/,
    );
    const waiting = await ok(jordan.run(['gratitude', 'jordan before the key']));
    expect(waiting.stderr).toMatch(
      /saved here but not committed: this journal is encrypted and this clone has no key yet\. Import the key/,
    );
    expect(waiting.stderr).not.toMatch(/the next intimacy command will commit it/);
    const blocked = await jordan.run(['sync']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/no key yet.*intimacy encrypt import-key/);
    expect(blocked.stderr).not.toMatch(/unexpected problem/);

    const imported = await ok(importKey(jordan, pair));
    expect(imported.stdout).toMatch(/decrypted in this folder/);
    for (const [file, words] of [
      ['templates/ours.yaml', 'the template words'],
      ['decks/ours.yaml', 'the deck words'],
      ['entries/notes.txt', 'the note words'],
    ] as const) {
      expect(isCiphertext(path.join(jordan.dir, file)), file).toBe(false);
      expect(readFileSync(path.join(jordan.dir, file), 'utf8')).toContain(words);
    }
    // git status is honest: only Jordan's waiting entry, which the next command commits, encrypted.
    expect(git(jordan.dir, ['status', '--porcelain'])).toMatch(/^\?\? entries\/2026\/11\/[^\n]*jordan\.md\n$/);
    await ok(jordan.run(['sync']));
    expect(git(jordan.dir, ['status', '--porcelain'])).toBe('');
    expect(plainInTree(jordan.dir, 'HEAD', ['entries', 'templates', 'decks'])).toEqual([]);
    expect(allObjectText(remote)).not.toContain('jordan before the key');
  });

  it('a file that cannot be decrypted is named by import-key and left as it is', async () => {
    const pair = await encryptedPair();
    const { alex, jordan } = pair;
    const file = await gratitude(alex, 'to be damaged on the way', 2);
    await ok(alex.run(['sync']));
    // The remote's copy is damaged (a broken disk, a meddling host), and Jordan clones it.
    const bare = pair.remote;
    const blob = spawnSync('git', ['cat-file', 'blob', `main:${file}`], { cwd: bare }).stdout;
    blob[blob.length - 2] = blob[blob.length - 2]! ^ 0x01;
    const id = spawnSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: bare,
      input: blob,
      encoding: 'utf8',
    }).stdout.trim();
    const scratch = tempDir('intimacy-damage-');
    git(scratch, ['clone', '-q', '-b', 'main', bare, 'w']);
    const work = path.join(scratch, 'w');
    git(work, ['update-index', '--cacheinfo', `100644,${id},${file}`]);
    git(work, ['-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-q', '-m', 'damaged']);
    git(work, ['push', '-q', 'origin', 'main']);
    await ok(jordan.run(['sync']));
    const imported = await ok(importKey(jordan, pair));
    expect(imported.stderr).toContain(
      `1 file cannot be decrypted with this key and stays as it is: ${file} (the encrypted file was changed or damaged)`,
    );
    expect(isCiphertext(path.join(jordan.dir, file))).toBe(true);
    expect(isCiphertext(path.join(jordan.dir, 'entries/2026/11/20261125T183100Z-gratitude-alex.md'))).toBe(false);
  });

  it('init --encrypt encrypts from the first entry; pushed plain history is counted, and move-remote leaves it behind', async () => {
    const root = tempDir('intimacy-fresh-');
    const remote = bareRemote(root);
    const sam = partner('Sam', root, {}, true);
    const made = await ok(
      runBinary(['init', sam.dir, '--me', 'Sam', '--partner', 'Kim', '--remote', remote, '--encrypt'], {
        env: sam.env,
      }),
    );
    expect(made.stdout).toMatch(/every entry is stored encrypted from the first one/);
    await gratitude(sam, 'the very first words', 1);
    await ok(sam.run(['sync']));
    expect(allObjectText(remote)).not.toContain('the very first words');

    // A journal whose plain history was pushed: encrypt init counts it, move-remote leaves it.
    const { alex, root: other } = await encryptedPair({ encrypted: false });
    await gratitude(alex, 'pushed plain, second', 2);
    await ok(alex.run(['sync']));
    const on = await ok(alex.run(['encrypt', 'init']));
    expect(on.stderr).toMatch(/the remote's history still holds the plain text of 2 entries pushed before today/);
    const fresh = bareRemote(other, 'fresh.git');
    const notEmpty = await alex.run(['encrypt', 'move-remote', path.join(other, 'remote.git')]);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toMatch(/is not empty/);
    const moved = await ok(alex.run(['encrypt', 'move-remote', fresh]));
    expect(moved.stdout).toMatch(/whole history \(\d+ commits re-written\) holds no plain text/);
    await ok(alex.run(['sync']));
    const text = allObjectText(fresh);
    expect(text).not.toContain('shared before encryption');
    expect(text).not.toContain('pushed plain, second');
    // The old remote was not touched.
    expect(allObjectText(path.join(other, 'remote.git'))).toContain('pushed plain, second');
    expect(git(alex.dir, ['log', '--format=%s', 'HEAD']).split('\n')).toContain('Alex wrote a gratitude entry');
  });

  it('finds the running intimacy again after it moved, instead of failing every commit', async () => {
    const root = tempDir('intimacy-moved-');
    const copy = path.join(root, 'old-install');
    for (const part of ['bin', 'dist', 'package.json'])
      cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
    spawnSync('ln', ['-s', path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules')]);
    const alex = partner('Alex', root, {}, true);
    const old = (args: string[]) => ok(runBinary(['--journal', alex.dir, ...args], { env: alex.env }));
    await ok(runBinary(['init', alex.dir, '--me', 'Alex', '--partner', 'Jordan'], { env: alex.env }));
    const viaCopy = (args: string[]) =>
      new Promise<void>((resolve, reject) => {
        const run = spawnSync(
          process.execPath,
          [path.join(copy, 'bin', 'intimacy.js'), '--journal', alex.dir, ...args],
          {
            env: alex.env,
            encoding: 'utf8',
          },
        );
        if (run.status === 0) resolve();
        else reject(new Error(run.stderr));
      });
    await viaCopy(['encrypt', 'init']);
    expect(git(alex.dir, ['config', 'filter.intimacy.process'])).toContain('old-install');
    rmSync(copy, { recursive: true, force: true });
    const after = await old(['gratitude', 'written after the move']);
    expect(after.stderr).not.toMatch(/not committed|hung up/);
    expect(git(alex.dir, ['config', 'filter.intimacy.process'])).toContain(BIN);
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
    expect(plainInTree(alex.dir)).toEqual([]);
  });
});
