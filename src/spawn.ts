import { createRequire } from 'node:module';

/*
 * node:child_process, loaded when a process is first started. Loading it (with the stream and
 * socket parts it brings) costs a few milliseconds of every start-up, which the commands that
 * start nothing (log, show, most runs with git's config memoized) paid only because a module
 * they load imports it at the top. A require, not an import(): the launcher runs the bundles
 * as scripts, whose import() has no loader.
 */
const load = createRequire(import.meta.url);
let loaded: typeof import('node:child_process') | undefined;

/** node's spawn, with each of its forms. */
export const spawn = ((...args: Parameters<typeof import('node:child_process').spawn>) => {
  loaded ??= load('node:child_process') as typeof import('node:child_process');
  return loaded.spawn(...args);
}) as typeof import('node:child_process').spawn;
