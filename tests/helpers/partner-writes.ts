import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git } from './cli.js';

/*
 * What a partner's clone writes by hand, with plain git and no intimacy: the hostile files and
 * commits the trust tests send the other clone.
 */

/** An entry file written as given (front matter lines, then the body) in entries/2026/11; its path in the journal. */
export function writeEntryFile(dir: string, name: string, front: string[], body: string): string {
  const month = path.join(dir, 'entries', '2026', '11');
  mkdirSync(month, { recursive: true });
  writeFileSync(path.join(month, name), `---\n${front.join('\n')}\n---\n\n${body}\n`);
  return `entries/2026/11/${name}`;
}

/** Everything in the clone committed as `author` (git's author name, which the clone sets freely), and pushed. */
export function pushAs(dir: string, message: string, author = 'Jordan'): void {
  git(dir, ['add', '-A']);
  git(dir, ['-c', `user.name=${author}`, '-c', 'user.email=j@example.com', 'commit', '-qm', message]);
  git(dir, ['push', '--quiet', 'origin', 'HEAD:main']);
}

/** A copy of the stored (encrypted) blob of `file` at HEAD with one byte flipped, written as is: its id. */
export function damagedBlobOf(dir: string, file: string): string {
  const blob = spawnSync('git', ['cat-file', 'blob', `HEAD:${file}`], { cwd: dir }).stdout;
  blob[blob.length - 3] = blob[blob.length - 3]! ^ 0x01;
  return spawnSync('git', ['hash-object', '-w', '--no-filters', '--stdin'], {
    cwd: dir,
    input: blob,
    encoding: 'utf8',
  }).stdout.trim();
}
