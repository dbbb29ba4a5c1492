import { firstGitLine } from './messages.js';
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

/**
 * The git on PATH and its version; undefined when there is none; git's first line when it is
 * there but would not answer (a syntax error in the global config stops even `git --version`).
 */
export async function gitVersion(env: Record<string, string>): Promise<GitVersion | { problem: string } | undefined> {
  let run: Awaited<ReturnType<typeof runGit>>;
  try {
    run = await runGit(['--version'], { cwd: '/', env, timeoutMs: 10_000 });
  } catch {
    return undefined; // not installed
  }
  const text = run.stdout.toString('utf8').trim();
  const match = /(\d+)\.(\d+)(?:\.\d+)?/.exec(text);
  if (run.code !== 0) return { problem: firstGitLine(run.stderr, `git --version exited with ${run.code}`) };
  if (!match) return undefined;
  return { text: match[0], major: Number(match[1]), minor: Number(match[2]) };
}

export function isRecentEnough(version: Pick<GitVersion, 'major' | 'minor'>): boolean {
  return (
    version.major > MINIMUM_GIT.major || (version.major === MINIMUM_GIT.major && version.minor >= MINIMUM_GIT.minor)
  );
}
