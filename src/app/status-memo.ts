import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { QuestionNews } from '../decks/news.js';
import type { ReplyNews } from '../reading/replies.js';
import type { Commitment, DueItem, NewsRow, RitualReport } from '../rituals/overview.js';
import type { LowConnection } from '../rituals/trends.js';
import { writeJournalFile } from '../store/files.js';
import { STATE_DIR } from '../store/layout.js';
import { FILE_LIMITS, readJournalText } from '../store/safe-file.js';
import type { SkippedFile } from '../store/summaries.js';

/*
 * The status memo: what status computed from the entries, kept in .intimacy/cache/ (git-ignored,
 * this machine only) so that a status with nothing changed reads one small file instead of every
 * entry's front matter and ten years of streaks. It is trusted no further than the front matter
 * cache (store/cache.ts):
 * - `index` is git's index checksum under which git vouched that the entries read were exactly
 *   those on disk (loadSummaries' `vouchedBy`); the memo is used only when git's look of this run
 *   vouches for the same checksum (nothing under entries/ differs from that index);
 * - `inputs` is everything else the figures were computed from (the whole settings file as read,
 *   who I am, today's date and the clock's zone), compared as text;
 * - the partner's news, replies and opened questions depend on the last look, which moves with
 *   every status: the memo keeps the rows any look at or after `horizon` needs, and each run
 *   applies its own look to them.
 * Anything else (another format, a damaged file, a look before the horizon) computes afresh.
 */

export const STATUS_MEMO_FILE = `${STATE_DIR}/cache/status.json`;
const MEMO_VERSION = 1;

/** What status computes from the entries, before the last look is applied. */
export interface StatusFigures {
  due: DueItem[];
  rituals: RitualReport[];
  commitments: Commitment[];
  lowConnection: LowConnection[];
  skipped: SkippedFile[];
  yourTurn: QuestionNews['yourTurn'];
  /** opened questions, replies and news rows dated at or after `horizon` */
  opened: QuestionNews['opened'];
  replies: ReplyNews[];
  news: NewsRow[];
  /** a time (ms): the three lists above hold all that a look at or after it can show */
  horizon: number;
}

interface StatusMemo {
  version: number;
  index: string;
  inputs: string;
  figures: StatusFigures;
}

const LISTS = ['due', 'rituals', 'commitments', 'lowConnection', 'skipped', 'yourTurn', 'opened', 'replies', 'news'];

/** The memo on disk, if it has this version's shape; undefined for anything else. */
export function readStatusMemo(journalDir: string): StatusMemo | undefined {
  try {
    const text = readJournalText(journalDir, STATUS_MEMO_FILE, { maxBytes: FILE_LIMITS.cache });
    if (text === undefined) return undefined;
    const memo = JSON.parse(text) as Partial<StatusMemo> | null;
    const figures = memo?.figures as unknown as Record<string, unknown> | undefined;
    if (
      memo?.version !== MEMO_VERSION ||
      typeof memo.index !== 'string' ||
      typeof memo.inputs !== 'string' ||
      typeof figures !== 'object' ||
      figures === null ||
      !Number.isFinite(figures.horizon) ||
      !LISTS.every((list) => Array.isArray(figures[list]))
    )
      return undefined;
    return memo as StatusMemo;
  } catch {
    return undefined; // missing or damaged: only a cache, computed again
  }
}

/** Whether the memo answers for these inputs and a look at `since` (the index is checked apart). */
export function memoAnswers(memo: StatusMemo, inputs: string, since: string): boolean {
  return memo.inputs === inputs && Date.parse(since) >= memo.figures.horizon;
}

/**
 * The figures as the memo holds them (through JSON, as a later run reads them back), written
 * when git vouched for the entries they came from. Both paths then hand status the same values.
 */
export async function keepFigures(
  journalDir: string,
  figures: StatusFigures,
  inputs: string,
  vouchedBy: string | undefined,
): Promise<StatusFigures> {
  const memo: StatusMemo = { version: MEMO_VERSION, index: vouchedBy ?? '', inputs, figures };
  const text = JSON.stringify(memo);
  if (vouchedBy !== undefined && Number.isFinite(figures.horizon)) {
    try {
      await writeJournalFile(journalDir, STATUS_MEMO_FILE, text, { durable: false });
    } catch {
      // Only a cache: a read-only or full disk makes the next status slower, never this one fail.
    }
  }
  return (JSON.parse(text) as StatusMemo).figures;
}

/**
 * The code that computes the figures, by its file's size and time: a memo written by another
 * build (an upgrade, a rebuild) is not used. A file that cannot be looked at matches nothing.
 */
function buildStamp(): string {
  try {
    const stat = statSync(fileURLToPath(import.meta.url));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return `unknown:${Math.random()}`;
  }
}

/**
 * Everything but the entries that the figures depend on, as text. The clock's zone is in it by
 * its offsets (today's, and midwinter's and midsummer's), which name how calendar days fall.
 */
export function memoInputs(parts: { settings: unknown; me: string; today: string; now: Date }): string {
  const year = parts.now.getFullYear();
  const zone = [parts.now, new Date(year, 0, 1), new Date(year, 6, 1)].map((date) => date.getTimezoneOffset());
  return JSON.stringify([buildStamp(), parts.settings, parts.me, parts.today, zone]);
}
