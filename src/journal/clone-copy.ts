import path from 'node:path';
import type { GitConfigValues } from '../git/config.js';
import type { Git } from '../git/git.js';
import { writeFileAtomic } from '../store/files.js';
import { readJournalBytes } from '../store/safe-file.js';

/*
 * A copy of what intimacy alone records in this clone's .git/config: who I am (intimacy.me)
 * and the remote it shares through. A .git/config deleted, or rewritten by a tool, loses both,
 * and git keeps no other record of them. The copy is this clone's own, beside its key in
 * .git/intimacy/ (0600): never shared, never read from the journal's folder.
 */

const COPY = 'intimacy/clone.json';
/** Larger than any copy intimacy writes; a bigger file there is not its copy. */
const MAX_BYTES = 16 * 1024;

export interface CloneCopy {
  me?: string;
  remote?: string;
}

/** The copy, or nothing when there is none (or it is not intimacy's: unreadable, too big, another shape). */
export function readCloneCopy(git: Git): CloneCopy {
  const file = git.knownGitPath(COPY);
  if (file === undefined) return {};
  try {
    // Through the journal's own reader: never a link or a pipe, never blocking, never large.
    const bytes = readJournalBytes(git.dir, path.relative(git.dir, file), { maxBytes: MAX_BYTES });
    if (!bytes) return {};
    const data: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof data !== 'object' || data === null) return {};
    const { me, remote } = data as Record<string, unknown>;
    return {
      ...(typeof me === 'string' && me.trim() !== '' ? { me } : {}),
      ...(typeof remote === 'string' && remote.trim() !== '' ? { remote } : {}),
    };
  } catch {
    return {};
  }
}

/** Keeps `part` in the copy, beside what it held (`kept`, when the caller has read it already). */
export async function keepInCloneCopy(git: Git, part: CloneCopy, kept = readCloneCopy(git)): Promise<void> {
  const file = git.knownGitPath(COPY);
  if (file === undefined) return;
  // Only a copy: one that cannot be written costs nothing else.
  await writeFileAtomic(file, `${JSON.stringify({ ...kept, ...part }, null, 2)}\n`).catch(() => undefined);
}

/** Records who I am in this clone: in its .git/config, and in the copy. */
export async function recordMe(git: Git, name: string): Promise<void> {
  await git.setConfig('intimacy.me', name);
  await keepInCloneCopy(git, { me: name });
}

/** Brings the copy up to what .git/config says now, when it says something else (or there is no copy yet). */
export async function catchUpCloneCopy(git: Git, config: Pick<GitConfigValues, 'me' | 'remoteUrl'>): Promise<void> {
  const kept = readCloneCopy(git);
  const part: CloneCopy = {
    ...(config.me && config.me !== kept.me ? { me: config.me } : {}),
    ...(config.remoteUrl && config.remoteUrl !== kept.remote ? { remote: config.remoteUrl } : {}),
  };
  if (part.me !== undefined || part.remote !== undefined) await keepInCloneCopy(git, part, kept);
}
