import type { ChildProcess } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { pushAll } from '../many.js';
import { spawn } from '../spawn.js';
import { blockWriter } from './blocks.js';
import { visibleWidth } from './layout.js';
import { forStdout } from './output.js';
import { type ResultOutput, stdout } from './screen.js';

/*
 * Output that goes through a pager only when it would not fit: on a terminal, lines are held
 * until they outnumber the rows, then `$PAGER` (default `less -R`) is started and gets them all.
 * Piped output goes straight through with no pager, in blocks of about 64 KiB (as a C program's
 * standard output is buffered when it is not a terminal): a whole log of 50,000 lines spent a
 * tenth of its time in one write for each line.
 */

export interface PagedOutput {
  write(lines: string | string[]): void;
  /** flushes what is held and waits for the pager to be closed */
  end(): Promise<void>;
}

export interface PagerOptions {
  stream?: ResultOutput;
  env?: NodeJS.ProcessEnv;
  /** false turns paging off (e.g. --json) */
  enabled?: boolean;
}

export function pagedOutput(options: PagerOptions = {}): PagedOutput {
  const stream = options.stream ?? stdout();
  const env = options.env ?? process.env;
  const command = (env.PAGER ?? '').trim() || 'less -R';
  const paging = options.enabled !== false && Boolean(stream.isTTY) && command !== 'cat';
  const rows = stream.rows || 24;
  const columns = stream.columns || 80;
  let held: string[] = [];
  let heldRows = 0;
  let fallback = false; // no pager could be started: print plainly rather than lose the output
  let pager: ChildProcess | undefined;
  const piped = blockWriter((block) => stream.write(block));
  let closed: Promise<void> | undefined;
  let gone = false; // the user quit the pager before the end: stop writing quietly

  const startPager = (): ChildProcess => {
    // `less -F` would quit at once on short output; we only start it when output is long.
    const child = spawn(command, {
      shell: true,
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { LESS: 'R', ...env },
    });
    // Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
    const ignoreInterrupt = () => undefined;
    process.on('SIGINT', ignoreInterrupt);
    closed = new Promise((resolve) => {
      const done = () => {
        process.off('SIGINT', ignoreInterrupt);
        resolve();
      };
      child.on('close', done).on('error', done);
    });
    child.stdin?.on('error', () => (gone = true));
    child.on('error', () => {
      fallback = true;
      stream.write(held.join('\n') + (held.length ? '\n' : ''));
    });
    pager = child;
    return child;
  };

  return {
    write(lines) {
      // Through the output module's net: whatever a view let through reaches neither less nor the terminal.
      const list = (typeof lines === 'string' ? [lines] : lines).map(forStdout);
      if (!paging) {
        if (list.length > 0) piped.add(list.join('\n') + '\n');
        return;
      }
      if (pager) {
        if (fallback) stream.write(list.join('\n') + '\n');
        else if (!gone) pager.stdin?.write(list.join('\n') + '\n');
        return;
      }
      pushAll(held, list);
      // A long line wraps onto several rows of the terminal.
      for (const line of list)
        heldRows += Math.max(1, Math.ceil(visibleWidth(stripVTControlCharacters(line)) / columns));
      if (heldRows >= rows) {
        startPager().stdin?.write(held.join('\n') + '\n');
      }
    },
    async end() {
      if (pager) {
        pager.stdin?.end();
        await closed;
        return;
      }
      piped.flush();
      if (held.length > 0) stream.write(held.join('\n') + '\n');
      held = [];
    },
  };
}
