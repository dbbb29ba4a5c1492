import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, newUser, runCli, tempDir } from '../helpers/cli.js';
import { allObjectText } from '../helpers/remote-objects.js';

afterAll(cleanupTemp);

function entryFiles(dir: string): string[] {
  return readdirSync(path.join(dir, 'entries'), { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.md'))
    .map((p) => path.join(dir, 'entries', p));
}

async function encryptedCouple() {
  const { env } = newUser();
  const root = tempDir();
  const remote = path.join(root, 'remote.git');
  git(root, ['init', '-q', '--bare', '--initial-branch=main', remote]);
  const alex = path.join(root, 'alex');
  expect((await runCli(['init', alex, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  git(alex, ['remote', 'add', 'origin', remote]);
  expect((await runCli(['-j', alex, 'gratitude', 'written before encryption'], { env })).code).toBe(0);
  const on = await runCli(['-j', alex, 'encrypt', 'init'], { env });
  expect(on.code).toBe(0);
  expect(on.stdout).toMatch(/Encryption is on \(key [0-9a-f]{16}\); 1 file stored encrypted/);
  expect((await runCli(['-j', alex, 'gratitude', 'the secret garden phrase'], { env })).code).toBe(0);
  const passFile = path.join(root, 'pass');
  writeFileSync(passFile, 'a long shared passphrase\n');
  const exported = await runCli(['-j', alex, 'encrypt', 'export-key', '--passphrase-file', passFile], { env });
  expect(exported.code).toBe(0);
  const keyFile = path.join(root, 'key.txt');
  writeFileSync(keyFile, exported.stdout);
  git(alex, ['push', '-q', '-u', 'origin', 'main'], env);
  return { env, root, remote, alex, passFile, keyFile };
}

describe('encrypted journal', { timeout: 90_000 }, () => {
  it('keeps entries plain on disk and encrypted in git, for both partners', async () => {
    const { env, root, remote, alex, passFile, keyFile } = await encryptedCouple();
    // plain in the working tree, and git sees nothing changed (deterministic clean filter)
    expect(
      entryFiles(alex)
        .map((f) => readFileSync(f, 'utf8'))
        .join(''),
    ).toContain('the secret garden phrase');
    expect(git(alex, ['status', '--porcelain'])).toBe('');
    expect(git(alex, ['log', '-p', '-1', '--format='])).toContain('the secret garden phrase');

    const jordan = path.join(root, 'jordan');
    git(root, ['clone', '-q', remote, jordan], env);
    // Without the key the words cannot be read, and nothing plain is committed over ciphertext.
    expect(
      entryFiles(jordan)
        .map((f) => readFileSync(f, 'utf8'))
        .join(''),
    ).not.toContain('secret garden');
    const locked = await runCli(['-j', jordan, '--me', 'Jordan', 'gratitude', 'jordan before the key'], { env });
    expect(locked.code).toBe(0);
    expect(locked.stderr).toMatch(
      /saved here but not committed: this journal is encrypted and this clone has no key yet\. Import the key .*intimacy encrypt import-key/,
    );
    expect(git(jordan, ['status', '--porcelain'])).toMatch(/^\?\? entries\//);

    const unreadable = await runCli(['-j', jordan, 'log'], { env });
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(
      /encrypted and this clone has no key, so its entries cannot be read here.*import-key/,
    );
    const wrong = path.join(root, 'wrong');
    writeFileSync(wrong, 'not the passphrase\n');
    const refused = await runCli(['-j', jordan, 'encrypt', 'import-key', keyFile, '--passphrase-file', wrong], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/wrong passphrase/);
    expect(existsSync(path.join(jordan, '.git', 'intimacy', 'key'))).toBe(false);

    const imported = await runCli(['-j', jordan, 'encrypt', 'import-key', '-', '--passphrase-file', passFile], {
      env,
      input: readFileSync(keyFile, 'utf8'),
    });
    expect(imported.code).toBe(0);
    expect(statSync(path.join(jordan, '.git', 'intimacy', 'key')).mode & 0o777).toBe(0o600);
    expect(
      entryFiles(jordan)
        .map((f) => readFileSync(f, 'utf8'))
        .join(''),
    ).toContain('the secret garden phrase');
    expect((await runCli(['-j', jordan, '--me', 'Jordan', 'gratitude', 'jordan after the key'], { env })).code).toBe(0);
    expect(git(jordan, ['status', '--porcelain'])).toBe('');
    git(jordan, ['push', '-q', 'origin', 'main'], env);

    const objects = allObjectText(remote);
    for (const phrase of ['the secret garden phrase', 'jordan before the key', 'jordan after the key'])
      expect(objects).not.toContain(phrase);
    // written before encryption was turned on but never pushed: re-written encrypted at init
    expect(objects).not.toContain('written before encryption');

    git(alex, ['pull', '-q', '--no-rebase', 'origin', 'main'], env);
    expect(
      entryFiles(alex)
        .map((f) => readFileSync(f, 'utf8'))
        .join(''),
    ).toContain('jordan after the key');
  });

  it('detects a tampered blob instead of writing garbage, and refuses to push plain text', async () => {
    const { env, alex } = await encryptedCouple();
    const file = git(alex, ['ls-files', 'entries']).trim().split('\n').at(-1)!;
    const blob = spawnSync('git', ['cat-file', 'blob', `HEAD:${file}`], { cwd: alex }).stdout;
    blob[blob.length - 3] = blob[blob.length - 3]! ^ 0x01;
    const tamperedId = spawnSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: alex,
      input: blob,
      encoding: 'utf8',
    }).stdout.trim();
    git(alex, ['update-index', '--cacheinfo', `100600,${tamperedId},${file}`.replace('100600', '100644')]);
    git(alex, ['-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-q', '-m', 'tampered']);
    const before = readFileSync(path.join(alex, file), 'utf8');
    const checkout = spawnSync('git', ['checkout', 'HEAD', '--', file], {
      cwd: alex,
      encoding: 'utf8',
      env: { ...env, GIT_DIR: undefined },
    });
    // a checkout of the damaged blob says so and writes it out as the ciphertext it is, never as garbage
    expect(checkout.stderr).toContain(`intimacy: ${file}: the encrypted file was changed or damaged`);
    expect(readFileSync(path.join(alex, file)).equals(blob)).toBe(true);
    writeFileSync(path.join(alex, file), before);

    // a plain blob forced in under entries/ (bypassing the filter) is stopped before the push
    const plainId = spawnSync('git', ['hash-object', '-w', '--no-filters', '--stdin'], {
      cwd: alex,
      input: 'plain words that must not leave',
      encoding: 'utf8',
    }).stdout.trim();
    git(alex, [
      'update-index',
      '--add',
      '--cacheinfo',
      `100644,${plainId},entries/2026/01/20260101T000000Z-gratitude-alex.md`,
    ]);
    git(alex, ['-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-q', '-m', 'plain']);
    const push = spawnSync('git', ['push', 'origin', 'main'], { cwd: alex, encoding: 'utf8', env });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/Refusing to push 1 file stored as plain text/);
  });
});

describe('sync on an encrypted journal', { timeout: 120_000 }, () => {
  it('both partners edit the same entry: both versions survive, readable, and the remote stays encrypted', async () => {
    const { env, root, remote, alex, passFile, keyFile } = await encryptedCouple();
    const jordan = path.join(root, 'jordan');
    expect((await runCli(['clone', remote, jordan, '--me', 'Jordan'], { env })).code).toBe(0);
    expect(
      (await runCli(['-j', jordan, 'encrypt', 'import-key', keyFile, '--passphrase-file', passFile], { env })).code,
    ).toBe(0);
    const shared = entryFiles(alex).find((f) => readFileSync(f, 'utf8').includes('the secret garden phrase'))!;
    const relative = path.relative(alex, shared);
    writeFileSync(shared, readFileSync(shared, 'utf8') + '\nalex adds a private thought\n');
    writeFileSync(
      path.join(jordan, relative),
      readFileSync(path.join(jordan, relative), 'utf8') + '\njordan adds a tender thought\n',
    );
    expect((await runCli(['-j', alex, 'sync'], { env })).code).toBe(0);
    const sync = await runCli(['-j', jordan, 'sync'], { env });
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr).toMatch(/you and Alex both changed/);
    const texts = entryFiles(jordan)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(texts).toContain('alex adds a private thought');
    expect(texts).toContain('jordan adds a tender thought');
    expect(texts).not.toContain('INTIMACY-ENC');
    expect(git(jordan, ['status', '--porcelain'])).toBe('');
    expect((await runCli(['-j', alex, 'sync'], { env })).code).toBe(0);
    const objects = allObjectText(remote);
    for (const phrase of ['alex adds a private thought', 'jordan adds a tender thought', 'the secret garden phrase'])
      expect(objects).not.toContain(phrase);
  });
});
