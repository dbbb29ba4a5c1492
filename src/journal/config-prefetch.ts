import { runGit, type GitRun } from './git-run.js';

/**
 * `git config --list` started as soon as the journal folder is known (commandContext), so git
 * runs on the other core while node is still loading the command's modules. The promise is
 * registered at once, so a readConfig that comes early still finds it instead of starting a
 * second git. Each prefetch answers one readConfig only, and
 * any config write through JournalRepo drops it, so no stale value is ever read.
 */
const early = new Map<string, Promise<GitRun>>();

export function prefetchConfig(dir: string): void {
  if (early.has(dir)) return;
  // git-run is imported statically: a dynamic import would queue git behind the big modules.
  const run = runGit(['config', '--list', '-z'], { cwd: dir });
  run.catch(() => undefined); // read (and reported) by readConfig, if it is ever asked
  early.set(dir, run);
}

/** The prefetched read for this folder, if any; it is handed out once. */
export function takePrefetchedConfig(dir: string): Promise<GitRun> | undefined {
  const run = early.get(dir);
  early.delete(dir);
  return run;
}

/** Forgets a prefetched read that a config write is about to make stale. */
export function dropPrefetchedConfig(dir: string): void {
  early.delete(dir);
}
