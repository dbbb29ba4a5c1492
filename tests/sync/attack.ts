import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { git } from '../helpers/cli.js';
import type { Partner } from './partners.js';

/*
 * The partner's side of a hostile change: whatever `change` does in their clone is committed
 * and pushed with plain git (`git add -f`, so nothing ignored is spared), as a careless or
 * hostile partner, or a tool of theirs, would.
 */

const AS_PARTNER = ['-c', 'user.name=Jordan', '-c', 'user.email=jordan@example.invalid'];

export function partnerGit(who: Partner, args: string[]): string {
  return git(who.dir, [...AS_PARTNER, ...args]);
}

/** Runs `change` in the partner's clone, then adds `paths` (all changes when empty), commits and pushes. */
export function pushAttack(who: Partner, change: () => void, paths: string[] = [], message = 'partner change'): void {
  change();
  // Everything changed, but the partner's own .intimacy/ (their caches are not the attack).
  partnerGit(who, ['add', '--all', '--force', '--', ...(paths.length > 0 ? paths : ['.', ':(exclude).intimacy'])]);
  partnerGit(who, ['commit', '--quiet', '--no-verify', '-m', message]);
  partnerGit(who, ['push', '--quiet', '--no-verify', 'origin', 'HEAD:main']);
}

/** What sync's refusal tells the partner to run: take the paths out of the history (the files stay), push. */
export function takeBack(who: Partner, paths: string[]): void {
  partnerGit(who, ['rm', '-r', '--cached', '--quiet', '--', ...paths]);
  partnerGit(who, ['commit', '--quiet', '--no-verify', '-m', 'Take it out again']);
  partnerGit(who, ['push', '--quiet', '--no-verify', 'origin', 'HEAD:main']);
}

/** Private entries (the files under .intimacy/private/entries), relative to the journal. */
export function privateFiles(dir: string): string[] {
  const root = path.join(dir, '.intimacy', 'private', 'entries');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort();
}

export function head(dir: string): string {
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export function tracked(dir: string, rev = 'HEAD'): string[] {
  return git(dir, ['ls-tree', '-r', '--name-only', rev]).split('\n').filter(Boolean);
}
