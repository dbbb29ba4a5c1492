import { runGit } from './run.js';

/**
 * The oldest git intimacy works with: `git init --initial-branch` (2.28) names the journal's
 * one branch from its first commit.
 */
export const MINIMUM_GIT = { major: 2, minor: 28 };

export interface GitVersion {
  text: string;
  major: number;
  minor: number;
}

/** The git on PATH and its version; undefined when there is none. */
export async function gitVersion(env: Record<string, string>): Promise<GitVersion | undefined> {
  try {
    const run = await runGit(['--version'], { cwd: '/', env, timeoutMs: 10_000 });
    const text = run.stdout.toString('utf8').trim();
    const match = /(\d+)\.(\d+)(?:\.\d+)?/.exec(text);
    if (run.code !== 0 || !match) return undefined;
    return { text: match[0], major: Number(match[1]), minor: Number(match[2]) };
  } catch {
    return undefined; // not installed
  }
}

export function isRecentEnough(version: Pick<GitVersion, 'major' | 'minor'>): boolean {
  return (
    version.major > MINIMUM_GIT.major || (version.major === MINIMUM_GIT.major && version.minor >= MINIMUM_GIT.minor)
  );
}
