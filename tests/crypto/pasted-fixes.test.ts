import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKeys, encrypt, newMasterKey } from '../../src/crypto/cipher.js';
import { whyStillEncrypted } from '../../src/crypto/still-encrypted.js';
import { cleanupTemp, git, runCli, tempDir } from '../helpers/cli.js';
import { damagedBlobOf } from '../helpers/partner-writes.js';
import { ok, partner, syncedPair } from '../sync/partners.js';
import { encryptedPair, gratitude, importKey } from './encrypted-pair.js';

afterAll(cleanupTemp);

const AS_JORDAN = ['-c', 'user.name=Jordan', '-c', 'user.email=jordan@example.com'];

/** File names a partner may give a file, each of which runs a command if a fix names it unquoted. */
const HOSTILE = ['$(touch pwned) y.md', '`touch pwned`.md', 'a;touch pwned;.md', "it's $HOME.md"];

/** Runs a fix as a user pastes it: one line given to bash, in `dir`. */
function paste(dir: string, line: string): { code: number | null; out: string } {
  const ran = spawnSync('bash', ['-c', line], { cwd: dir, encoding: 'utf8' });
  return { code: ran.status, out: ran.stdout + ran.stderr };
}

describe('a fix naming a file the partner named', { timeout: 180_000 }, () => {
  it('sync refusing an undecryptable file: the git log it offers lists the file, and runs nothing the name holds', async () => {
    const pair = await encryptedPair();
    const { alex, jordan } = pair;
    const file = await gratitude(alex, 'words whose ciphertext jordan copies', 2);
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    await ok(importKey(jordan, pair));
    // Jordan adds a damaged copy of Alex's ciphertext under a name that is a command line.
    const id = damagedBlobOf(jordan.dir, file);
    const hostile = `${path.posix.dirname(file)}/$(touch pwned) y.md`;
    git(jordan.dir, ['update-index', '--add', '--cacheinfo', `100644,${id},${hostile}`]);
    git(jordan.dir, [...AS_JORDAN, 'commit', '-q', '--no-verify', '-m', 'hostile name']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'main'], jordan.env);

    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain('cannot be decrypted here');
    const fix = /\(git log -- (.+?) lists its commits; git checkout COMMIT -- (.+?), then commit\)/.exec(sync.stderr);
    expect(fix, sync.stderr).not.toBeNull();
    expect(fix![1]).toBe(fix![2]);
    // Pasted in Jordan's journal, as the message asks: git lists the commit, and no file appears.
    const pasted = paste(jordan.dir, `git log --format=%s -- ${fix![1]}`);
    expect(pasted.code, pasted.out).toBe(0);
    expect(pasted.out.trim()).toBe('hostile name');
    expect(existsSync(path.join(jordan.dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(alex.dir, 'pwned'))).toBe(false);
  });

  it('the fixes for a file still encrypted in the folder name it as bash reads it, whatever it holds', () => {
    const keys = deriveKeys(newMasterKey());
    const dir = tempDir('pasted-fixes-');
    git(dir, ['init', '-q']);
    for (const name of HOSTILE) {
      const relPath = `entries/2026/12/${name}`;
      mkdirSync(path.join(dir, 'entries/2026/12'), { recursive: true });
      writeFileSync(path.join(dir, relPath), 'words\n');
      git(dir, ['add', '--', relPath]);
      git(dir, ['-c', 'user.name=Alex', '-c', 'user.email=a@example.com', 'commit', '-q', '-m', `add ${name}`]);

      const sealed = encrypt(Buffer.from('words\n'), keys);
      const damaged = Buffer.from(sealed);
      damaged[damaged.length - 2] = damaged[damaged.length - 2]! ^ 0x01;
      const why = whyStillEncrypted(damaged, keys, relPath);
      const log = /\(git log -- (.+?) lists its versions/.exec(why);
      expect(log, why).not.toBeNull();
      const listed = paste(dir, `git log --format=%s -- ${log![1]}`);
      expect(listed.code, listed.out).toBe(0);
      expect(listed.out.trim(), name).toBe(`add ${name}`);

      const readable = whyStillEncrypted(sealed, keys, relPath);
      const checkout = /git checkout -- (.+) writes it out decrypted/.exec(readable);
      expect(checkout, readable).not.toBeNull();
      writeFileSync(path.join(dir, relPath), 'changed\n');
      const restored = paste(dir, `git checkout -- ${checkout![1]}`);
      expect(restored.code, restored.out).toBe(0);
      expect(git(dir, ['status', '--porcelain'])).toBe('');
      expect(existsSync(path.join(dir, 'pwned')), name).toBe(false);
    }
  });

  it("an entry of the partner's that does not read: the show and edit it offers open that entry, and run nothing the name holds", async () => {
    const { alex, jordan } = await syncedPair();
    const month = path.join(jordan.dir, 'entries', '2026', '11');
    mkdirSync(month, { recursive: true });
    const id = '20261125T170000Z-gratitude-$(touch_pwned)';
    writeFileSync(path.join(month, `${id}.md`), '---\ntype: [unclosed\n---\n\nwords\n');
    git(jordan.dir, ['add', '-A']);
    git(jordan.dir, [...AS_JORDAN, 'commit', '-qm', 'a broken entry']);
    git(jordan.dir, ['push', '-q', 'origin', 'HEAD:main']);
    await ok(alex.run(['sync']));

    const shown = await alex.run(['show', id]); // as named by the warning every listing gives
    expect(shown.code, shown.stderr).toBe(1);
    const fix = /See it with intimacy show (.+) --raw, or fix it with intimacy edit (.+)\./.exec(shown.stderr);
    expect(fix, shown.stderr).not.toBeNull();
    // The word the hint gives is the id, as bash reads it.
    const read = paste(alex.dir, `printf %s ${fix![1]}`);
    expect(read.out).toBe(id);
    expect(fix![2]).toBe(fix![1]);
    const raw = await alex.run(['show', read.out, '--raw']);
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.stdout).toContain('type: [unclosed');
    expect(existsSync(path.join(alex.dir, 'pwned'))).toBe(false);
  });

  it("a partner's name that is a command line: the whoami fix a third clone is given names it as bash reads it", async () => {
    const { root, remote, alex } = await syncedPair();
    const hostile = 'Alex$(touch pwned)';
    await ok(alex.run(['partners', 'rename', 'Alex', hostile]));
    await ok(alex.run(['sync']));
    const sam = partner('Sam', root);
    const cloned = await runCli(['clone', remote, sam.dir, '--me', 'Sam'], { env: sam.env });
    expect(cloned.code).not.toBe(0);
    const fix = /intimacy whoami --set (.+?) \(or (.+?)\)\./.exec(cloned.stderr);
    expect(fix, cloned.stderr).not.toBeNull();
    const read = paste(root, `printf '%s|' ${fix![1]} ${fix![2]}`);
    expect(read.out).toBe(`${hostile}|Jordan|`);
    expect(existsSync(path.join(root, 'pwned'))).toBe(false);
  });
});
