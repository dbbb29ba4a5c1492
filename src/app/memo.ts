import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Git } from '../git/git.js';
import { indexChecksum } from '../git/index-file.js';
import { writeCacheFile } from '../store/files.js';
import { STATE_DIR } from '../store/layout.js';
import { readJournalText } from '../store/safe-file.js';
import { loadSummaries } from '../store/summaries.js';
import type { WorktreeCheck } from '../store/worktree-check.js';

/*
 * A memo of what a command computed from every entry (status, stats), kept in .intimacy/cache/
 * (git-ignored, this machine only), so that the command run again with nothing changed reads
 * one small file instead of every entry's front matter. It is trusted no further than the front
 * matter cache (store/cache.ts):
 * - `index` is git's index checksum under which git vouched that the entries read were exactly
 *   those on disk (loadSummaries' `vouchedBy`); the memo is used only when git's look of this run
 *   vouches for the same checksum (nothing under entries/ differs from that index);
 * - `inputs` is everything else the figures were computed from (the settings as read, who I am,
 *   the days asked for, the clock's zone, the build), compared as text.
 * Anything else (another format, a damaged file, other inputs) computes afresh and keeps that.
 */

const MEMO_VERSION = 1;
const MEMO_MAX_CHARS = 1024 * 1024;
/** A memo's UTF-8 bytes can be up to three times its UTF-16 length. */
const MEMO_MAX_BYTES = 3 * MEMO_MAX_CHARS;

interface Memo<T> {
  version: number;
  index: string;
  inputs: string;
  figures: T;
}

export interface MemoUse<T> {
  git: Git;
  /** the memo's file name in .intimacy/cache/ */
  name: string;
  inputs: string;
  /** the caller's look at entries/ (checkEntries), started early */
  checking: Promise<WorktreeCheck | undefined>;
  /** whether figures read back from disk have the shape the caller needs (it is only a cache) */
  shaped: (figures: Record<string, unknown>) => boolean;
  /** whether these figures answer this run too (beyond the inputs), and whether to keep new ones */
  answers?: (figures: T) => boolean;
  keeps?: (figures: T) => boolean;
  /**
   * whether figures are too large to be worth keeping: returned as computed (they must be plain
   * JSON values), neither written nor read back, as reading them would cost more than computing
   */
  tooLargeToKeep?: (figures: T) => boolean;
  compute: (summaries: Awaited<ReturnType<typeof loadSummaries>>) => T;
  /** told the index checksum git vouched for, when it vouched for the entries the figures come from */
  vouched?: (index: string) => void;
}

function memoFile(name: string): string {
  return `${STATE_DIR}/cache/${name}.json`;
}

function readMemo<T>(journalDir: string, use: MemoUse<T>): Memo<T> | undefined {
  try {
    const text = readJournalText(journalDir, memoFile(use.name), { maxBytes: MEMO_MAX_BYTES });
    if (text === undefined) return undefined;
    const memo = JSON.parse(text) as Partial<Memo<T>> | null;
    const figures = memo?.figures as unknown;
    if (
      memo?.version !== MEMO_VERSION ||
      typeof memo.index !== 'string' ||
      typeof memo.inputs !== 'string' ||
      typeof figures !== 'object' ||
      figures === null ||
      !use.shaped(figures as Record<string, unknown>)
    )
      return undefined;
    return memo as Memo<T>;
  } catch {
    return undefined; // missing or damaged: only a cache, computed again
  }
}

/**
 * The figures: from the memo when git vouches for the entries it was made from, else computed
 * from every entry's front matter and kept. Either way they come through JSON, as a later run
 * reads them back, so a hit and a miss hand the command the same values.
 */
export async function memoized<T>(use: MemoUse<T>): Promise<T> {
  const { git } = use;
  const memo = readMemo(git.dir, use);
  // Made for the index git has now: the look will most likely vouch for it. Otherwise read the
  // entries at once, while git is still looking.
  const likely =
    memo !== undefined &&
    memo.inputs === use.inputs &&
    (use.answers?.(memo.figures) ?? true) &&
    memo.index === indexChecksum(git);
  const reading = likely ? undefined : loadSummaries(git, use.checking);
  if (memo && likely) {
    const check = await use.checking;
    if (check?.matchesIndex && check.checksum === memo.index) {
      use.vouched?.(memo.index);
      return memo.figures;
    }
  }
  const summaries = await (reading ?? loadSummaries(git, use.checking));
  const figures = use.compute(summaries);
  if (summaries.vouchedBy !== undefined) use.vouched?.(summaries.vouchedBy);
  if (use.tooLargeToKeep?.(figures)) return figures;
  const text = JSON.stringify({ version: MEMO_VERSION, index: summaries.vouchedBy ?? '', inputs: use.inputs, figures });
  // A memo longer than readMemo would read is not written either.
  if (summaries.vouchedBy !== undefined && text.length <= MEMO_MAX_CHARS && (use.keeps?.(figures) ?? true)) {
    try {
      await writeCacheFile(git.dir, memoFile(use.name), text);
    } catch {
      // Only a cache: a read-only or full disk makes the next run slower, never this one fail.
    }
  }
  return (JSON.parse(text) as Memo<T>).figures;
}

/** The build's own id, the same in each of its bundles (scripts/build.mjs); not set in the sources. */
declare const BUILD_ID: string | undefined;

/**
 * The code that computes the figures: the build's id (so the prompt's own bundle trusts the
 * count the status bundle of the same build left), or, run from the sources, this file's size
 * and time. A memo written by another build (an upgrade, a rebuild) is not used. A file that
 * cannot be looked at matches nothing.
 */
function buildStamp(): string {
  if (typeof BUILD_ID === 'string') return BUILD_ID;
  try {
    const stat = statSync(fileURLToPath(import.meta.url));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return `unknown:${Math.random()}`;
  }
}

/**
 * Everything but the entries that figures depend on, as text. The clock's zone is in it by its
 * offsets (now's, and midwinter's and midsummer's), which say how calendar days fall.
 */
export function memoInputs(parts: unknown[], now: Date): string {
  const year = now.getFullYear();
  const zone = [now, new Date(year, 0, 1), new Date(year, 6, 1)].map((date) => date.getTimezoneOffset());
  return JSON.stringify([buildStamp(), zone, ...parts]);
}
