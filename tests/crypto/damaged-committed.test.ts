import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/cli.js';
import { ok } from '../sync/partners.js';
import { encryptedPair, exportKey, gratitude, importKey, keyedPair, rawBlob } from './encrypted-pair.js';

afterAll(cleanupTemp);

/*
 * Damaged ciphertext that reaches a commit anyway: cut shorter than its header and committed
 * by hand, it is kept as the damaged bytes it is (never encrypted again as if it were text), so
 * the checks that keep damage at home still see it; git log -p shows a line for a version that
 * does not decrypt instead of stopping; and encrypt init, which commits whole folders, leaves
 * out what sync would leave out: a link, a half-written temp file, a damaged encrypted file.
 */

const BY_HAND = ['-c', 'user.name=Alex', '-c', 'user.email=a@x', 'commit', '-q'];

function logPatch(dir: string, env: NodeJS.ProcessEnv, file: string) {
  return spawnSync('git', ['log', '-p', '--format=commit %s', '--', file], { cwd: dir, env, encoding: 'utf8' });
}

describe('damaged ciphertext in a commit', { timeout: 180_000 }, () => {
  it('cut shorter than its header and committed by hand, stays damaged: the push is refused and git log -p still runs', async () => {
    const pair = await keyedPair();
    const { alex, jordan } = pair;
    const file = await gratitude(alex, 'cut to a stub', 2);
    await ok(alex.run(['sync']));
    const stub = rawBlob(alex.dir, file).subarray(0, 20);
    writeFileSync(path.join(alex.dir, file), stub);
    git(alex.dir, [...BY_HAND, '-a', '-m', 'by hand']);

    // The filter stored the stub as it is, not as a new ciphertext of its bytes.
    expect(rawBlob(alex.dir, file).equals(stub)).toBe(true);
    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(`Refusing to push 1 encrypted file that cannot be decrypted (${file})`);
    await ok(jordan.run(['sync']));

    const log = logPatch(alex.dir, alex.env, file);
    expect(log.status).toBe(0);
    expect(log.stdout).toContain('+[encrypted, and damaged: this version cannot be decrypted]');
    expect(log.stdout).toContain('-cut to a stub');
  });

  it('changed in place and committed by hand: git log -p shows the line for it and the text of the others', async () => {
    const pair = await keyedPair();
    const { alex } = pair;
    const file = await gratitude(alex, 'a bit will flip', 2);
    const raw = Buffer.from(rawBlob(alex.dir, file));
    raw[raw.length - 3] = raw[raw.length - 3]! ^ 0x01;
    writeFileSync(path.join(alex.dir, file), raw);
    git(alex.dir, [...BY_HAND, '-a', '-m', 'by hand']);

    const log = logPatch(alex.dir, alex.env, file);
    expect(log.stderr.trim()).toBe(
      `intimacy: ${file}: the encrypted file was changed or damaged; left as it is, encrypted`,
    );
    expect(log.status).toBe(0);
    expect(log.stdout).toContain('+[encrypted, and damaged: this version cannot be decrypted]');
    expect(log.stdout).toMatch(/^\+a bit will flip$/m);

    // A name holding an escape sequence is said with the escape shown, never sent raw to the terminal.
    const hostile = 'templates/\x1b]0;owned\x07.yaml';
    mkdirSync(path.join(alex.dir, 'templates'), { recursive: true });
    writeFileSync(path.join(alex.dir, hostile), raw);
    git(alex.dir, ['add', '--', hostile]);
    git(alex.dir, [...BY_HAND, '-m', 'a damaged template']);
    const named = logPatch(alex.dir, alex.env, 'templates');
    expect(named.status).toBe(0);
    expect(named.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(named.stderr).toContain('templates/\\x1b]0;owned\\x07.yaml: the encrypted file was changed or damaged');
  });

  it('encrypt init commits neither a link, nor a temp file, nor a damaged encrypted file, and says which it left', async () => {
    const pair = await encryptedPair({ encrypted: false });
    const { alex, jordan } = pair;
    const kept = await gratitude(alex, 'written before encryption', 2);
    const folder = path.dirname(kept);
    const link = `${folder}/20261125T100000Z-gratitude-alex.md`;
    const temp = `${folder}/.20261125T110000Z-gratitude-alex.md.tmp-4242`;
    const damaged = `${folder}/20261125T120000Z-gratitude-alex.md`;
    symlinkSync('/etc/hostname', path.join(alex.dir, link));
    writeFileSync(path.join(alex.dir, temp), 'half written');
    writeFileSync(path.join(alex.dir, damaged), 'INTIMACY-ENC\x01 cut short');

    const init = await alex.run(['encrypt', 'init']);
    expect(init.code).toBe(1);
    expect(init.stdout).toMatch(/^Encryption is on/m);
    expect(init.stderr.trim().split('\n').at(-1)).toBe(
      `error: ${damaged} is damaged (its encrypted form was cut short or changed), so it stays on disk as it is and was not committed; the rest is stored encrypted. It was never committed, so git has no version of it to put back: remove it (or ask your partner for their copy), then run intimacy sync again.`,
    );
    const tree = git(alex.dir, ['ls-tree', '-r', '--name-only', 'HEAD']).split('\n');
    expect(tree).toContain(kept);
    for (const file of [link, temp, damaged]) expect(tree).not.toContain(file);
    expect(rawBlob(alex.dir, kept).subarray(0, 12).toString()).toBe('INTIMACY-ENC');
    // Everything stays on disk as it was.
    expect(lstatSync(path.join(alex.dir, link)).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(alex.dir, temp)).isFile()).toBe(true);

    // Once the damaged file is gone, the journal syncs, and the partner's sync takes it all.
    git(alex.dir, ['clean', '-q', '-f', '--', damaged]);
    await ok(alex.run(['sync']));
    await exportKey(alex, pair.keyFile, pair.passFile);
    await ok(importKey(jordan, pair));
    const partnerSync = await ok(jordan.run(['sync']));
    expect(partnerSync.stderr).toBe('');
    expect(git(jordan.dir, ['ls-tree', '-r', '--name-only', 'HEAD']).split('\n')).not.toContain(link);
  });
  it('encrypt init with a month folder put back as a link changes nothing and says how to put it back', async () => {
    const pair = await encryptedPair({ encrypted: false });
    const { alex } = pair;
    const kept = await gratitude(alex, 'in a folder that moves', 2);
    const folder = path.join(alex.dir, path.dirname(kept));
    const moved = path.join(pair.root, 'moved-month');
    renameSync(folder, moved);
    symlinkSync(moved, folder);
    const head = git(alex.dir, ['rev-parse', 'HEAD']);

    const init = await alex.run(['encrypt', 'init']);
    expect(init.code).toBe(1);
    expect(init.stderr.trim()).toBe(
      `error: ${folder} is a link to ${moved}: intimacy does not follow links in a journal, and git would count each entry in it as deleted. Nothing was changed. Put the folder itself back in the journal: rm ${folder} && mv ${moved} ${folder}`,
    );
    expect(git(alex.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(existsSync(path.join(alex.dir, '.git', 'intimacy', 'key'))).toBe(false);
    expect(existsSync(path.join(alex.dir, '.gitattributes'))).toBe(false);
  });
  it("a partner's push of an entry cut shorter than its header is refused by name, and the entry here stays", async () => {
    const pair = await keyedPair();
    const { alex, jordan } = pair;
    const file = await gratitude(alex, 'kept whole here', 2);
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    // Jordan's git, without intimacy or its check: the blob cut to 20 bytes, pushed.
    const stub = spawnSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: jordan.dir,
      input: rawBlob(jordan.dir, file).subarray(0, 20),
      encoding: 'utf8',
    }).stdout.trim();
    git(jordan.dir, ['update-index', '--cacheinfo', `100644,${stub},${file}`]);
    git(jordan.dir, ['-c', 'user.name=Jordan', '-c', 'user.email=j@x', 'commit', '-q', '-m', 'cut']);
    git(jordan.dir, ['push', '-q', '--no-verify', 'origin', 'main']);

    const sync = await alex.run(['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(
      `error: Jordan's history brings ${file}, which cannot be decrypted here (the encrypted file was cut short). Nothing was merged`,
    );
    expect(readFileSync(path.join(alex.dir, file), 'utf8')).toMatch(/kept whole here/);
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
  });
});
