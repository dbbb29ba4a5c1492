import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { damagedBlobOf } from '../helpers/partner-writes.js';
import { ok } from '../sync/partners.js';
import { allObjectText, encryptedPair, gratitude, importKey, plainInTree } from './encrypted-pair.js';

afterAll(cleanupTemp);

const AS_JORDAN = ['-c', 'user.name=Jordan', '-c', 'user.email=jordan@example.com'];

describe('what arrives in an encrypted journal', { timeout: 120_000 }, () => {
  it('a tampered ciphertext blob is refused by name at every sync: the file stays, never a deletion', async () => {
    const pair = await encryptedPair();
    const { alex, jordan } = pair;
    const file = await gratitude(alex, 'the words jordan will damage', 2);
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    await ok(importKey(jordan, pair));
    // Jordan's clone damages the stored blob of Alex's entry with plain git, and pushes it.
    const id = damagedBlobOf(jordan.dir, file);
    git(jordan.dir, ['update-index', '--cacheinfo', `100644,${id},${file}`]);
    git(jordan.dir, [...AS_JORDAN, 'commit', '-q', '--no-verify', '-m', 'damage']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'main'], jordan.env);

    const before = readFileSync(path.join(alex.dir, file), 'utf8');
    for (const attempt of [1, 2]) {
      const sync = await alex.run(['sync']);
      expect(sync.code, `sync ${attempt}`).toBe(1);
      expect(sync.stderr).toContain(`Jordan's history brings ${file}, which cannot be decrypted here`);
      expect(sync.stderr).toMatch(/changed or damaged.*Nothing was merged; your copy stays as it is\. Ask Jordan/);
      expect(sync.stderr).not.toMatch(/unexpected problem|nothing was lost/);
      expect(readFileSync(path.join(alex.dir, file), 'utf8')).toBe(before);
      expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
      expect(git(alex.dir, ['ls-tree', '--name-only', 'HEAD', file]).trim()).toBe(file);
    }
    // Nothing of Alex's was pushed as a deletion either.
    expect(git(pair.remote, ['ls-tree', '-r', '--name-only', 'main'])).toContain(file);

    // Jordan puts the earlier version back: the next sync goes through, the entry intact.
    git(jordan.dir, ['checkout', 'HEAD~1', '--', file]);
    git(jordan.dir, [...AS_JORDAN, 'commit', '-q', '--no-verify', '-m', 'restore']);
    git(jordan.dir, ['push', '-q', 'origin', 'main'], jordan.env);
    expect((await ok(alex.run(['sync']))).code).toBe(0);
    expect(readFileSync(path.join(alex.dir, file), 'utf8')).toBe(before);
  });

  it("a partner turning encryption off in .gitattributes: the other is told, keeps encrypting, and the partner's push is refused plainly", async () => {
    const pair = await encryptedPair();
    const { alex, jordan } = pair;
    await ok(jordan.run(['sync']));
    await ok(importKey(jordan, pair));
    writeFileSync(path.join(jordan.dir, '.gitattributes'), '# nothing encrypted any more\n');
    git(jordan.dir, [...AS_JORDAN, 'commit', '-q', '-am', 'no more encryption']);
    await gratitude(jordan, 'jordan writes in the clear now', 3);
    // Jordan's own sync refuses to send plain text, and says what to do (not "check the remote URL").
    const refused = await jordan.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Refusing to push \d+ files? stored as plain text in an encrypted journal \(entries\//,
    );
    expect(refused.stderr).toMatch(/Run intimacy encrypt init/);
    expect(refused.stderr).not.toMatch(/remote URL|failed to push/);
    // A push past the check (--no-verify) reaches the remote; Alex's sync then refuses the change.
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'main'], jordan.env);
    const told = await alex.run(['sync']);
    expect(told.code).toBe(1);
    expect(told.stderr).toMatch(
      /Jordan's history turns the journal's encryption off \(its \.gitattributes no longer encrypts what yours does\)\. Nothing was merged; your entries stay encrypted\. If that was a mistake, Jordan runs intimacy encrypt init/,
    );
    expect(readFileSync(path.join(alex.dir, '.gitattributes'), 'utf8')).toMatch(/entries\/\*\* filter=intimacy/);
    // Alex's new entries are still committed encrypted.
    await gratitude(alex, 'alex keeps this one secret', 4);
    expect(plainInTree(alex.dir)).toEqual([]);
    expect(allObjectText(path.join(alex.dir, '.git'))).not.toContain('alex keeps this one secret');

    // Jordan follows the advice: encryption is back for both, and the sync goes through.
    const back = await ok(jordan.run(['encrypt', 'init']));
    expect(back.stdout).toMatch(/Encryption is on/);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    expect(existsSync(path.join(alex.dir, '.gitattributes'))).toBe(true);
    expect(plainInTree(alex.dir)).toEqual([]);
    expect(allObjectText(pair.remote)).not.toContain('alex keeps this one secret');
  });

  it('a .gitattributes in a folder of the journal is refused by name: nothing merged, the next entry still encrypted', async () => {
    const pair = await encryptedPair();
    const { alex, jordan } = pair;
    await ok(jordan.run(['sync']));
    await ok(importKey(jordan, pair));
    // One folder down, git applies it over the journal's own: the folder's entries would be stored plain.
    writeFileSync(path.join(jordan.dir, 'entries', '.gitattributes'), '* -filter -diff\n');
    git(jordan.dir, ['add', 'entries/.gitattributes']);
    git(jordan.dir, [...AS_JORDAN, 'commit', '-q', '--no-verify', '-m', 'attributes']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'main'], jordan.env);
    for (const attempt of [1, 2]) {
      const refused = await alex.run(['sync']);
      expect(refused.code, `sync ${attempt}`).toBe(1);
      expect(refused.stderr).toBe(
        "error: Jordan's history brings entries/.gitattributes, which this journal refuses: a .gitattributes other than the journal's own (in a folder, or spelled another way) would change how git stores files (it can turn the encryption off). Nothing was merged; your journal is as it was. Ask Jordan to take it out (in their journal: git rm -r --cached -- entries/.gitattributes, then git commit and intimacy sync), then run intimacy sync again.\n",
      );
    }
    expect(existsSync(path.join(alex.dir, 'entries', '.gitattributes'))).toBe(false);
    await gratitude(alex, 'still stored encrypted', 5);
    expect(plainInTree(alex.dir)).toEqual([]);
    expect(allObjectText(path.join(alex.dir, '.git'))).not.toContain('still stored encrypted');
  });

  it('encrypt init says so when git still stores files plain (a .gitattributes of a folder made here), and a rerun finishes', async () => {
    const pair = await encryptedPair();
    const { alex } = pair;
    writeFileSync(path.join(alex.dir, 'entries', '.gitattributes'), '* -filter -diff\n');
    await gratitude(alex, 'written while the filter is off', 6);
    const stopped = await alex.run(['encrypt', 'init']);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).not.toContain('Encryption is on');
    // The entry shared before is stored plain again as well: the folder's .gitattributes covers it too.
    expect(stopped.stderr).toMatch(
      /^error: 2 files under the encrypted folders are still stored as plain text \(entries\/\S+\.md and 1 more\): git's filter is off for them \(git check-attr filter -- entries\/\S+ says so\)\. The key is kept; nothing is sent while this lasts\. A \.gitattributes in a folder of the journal/,
    );
    expect((await alex.run(['sync'])).code).toBe(1); // the check before a push holds too
    rmSync(path.join(alex.dir, 'entries', '.gitattributes'));
    expect((await ok(alex.run(['encrypt', 'init']))).stdout).toMatch(/^Encryption is on/);
    await ok(alex.run(['sync']));
    expect(plainInTree(alex.dir)).toEqual([]);
    expect(allObjectText(pair.remote)).not.toContain('written while the filter is off');
  });
});
