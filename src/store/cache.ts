import type { Git } from '../git/git.js';
import { keepYoungGenerationSmall } from '../heap.js';
import { addFile, CACHE_FILE, type CacheData, decodeRow, type FrontMatterIndex, parseCache } from './cache-format.js';
import { FILE_LIMITS, readJournalText } from './safe-file.js';
import { checkEntries, type WorktreeCheck } from './worktree-check.js';

/*
 * A local cache of every entry's parsed front matter, for commands that must look at all
 * entries (stats, status). It lives in .intimacy/cache/ (git-ignored: this machine only) and
 * is never trusted blindly.
 *
 * Each record carries the key of the file it was parsed from: git's blob id when git says the
 * file on disk is what its index records (the common case: committed entries), and the file's
 * size, change times and inode otherwise (new, edited or uncommitted files, or no git at all).
 * A record whose key no longer matches is parsed again.
 *
 * Checking 10,000 keys costs a listing of every folder and of git's whole index, so the cache
 * also records the checksum of git's index when every record was keyed by a blob id. While
 * that checksum is unchanged and git finds no file under entries/ that differs from the index,
 * the records are used as they are, without listing anything (see lookAtJournal). When only
 * commits have changed entries/ since the cache was made, it catches up from the commit it was
 * made for (cache-catch-up.ts); otherwise every record is checked (cache-rebuild.ts).
 */

/**
 * Read at once, not in the async chunks of fs.promises: the parse then runs while git is
 * still looking at the files (readAllFrontMatter), instead of after it.
 */
function readCache(journalDir: string): CacheData | undefined {
  try {
    const text = readJournalText(journalDir, CACHE_FILE, { maxBytes: FILE_LIMITS.cache });
    return text === undefined ? undefined : parseCache(text);
  } catch {
    return undefined; // missing or damaged: a cache is only a cache, rebuild it
  }
}

/** The whole cache as summaries, or undefined when a row does not decode. */
function decodeAll(cached: CacheData): FrontMatterIndex | undefined {
  const answer: FrontMatterIndex = {
    entries: [],
    skipped: [],
    parsed: 0,
    reused: cached.paths.length,
    wholeJournal: true,
  };
  for (let i = 0; i < cached.paths.length; i++) {
    const file = decodeRow(cached, i);
    if (!file) return undefined;
    addFile(answer, file);
  }
  return answer;
}

/**
 * The front matter of every entry, from the cache where it is still valid and from the files
 * where it is not; the cache file is rewritten when anything changed. `worktree` is the
 * caller's checkWorktree of entries/, when it started one early.
 */
export async function readAllFrontMatter(
  git: Git,
  worktree?: Promise<WorktreeCheck | undefined>,
): Promise<FrontMatterIndex> {
  const checking = worktree ?? checkEntries(git); // git first, so it runs during the parse
  keepYoungGenerationSmall(); // a record for every entry is kept to the end
  let cached = readCache(git.dir);
  const check = await checking;
  if (cached && check?.matchesIndex && cached.index === check.checksum) {
    const answer = decodeAll(cached);
    if (answer) return { ...answer, vouchedBy: check.checksum };
    cached = undefined; // a row points outside the tables: damaged, rebuild
  }
  // Made for an earlier commit, and nothing but commits has changed entries/ since.
  if (cached?.head && cached.index !== null && check?.cleanHead) {
    const { catchUp } = await import('./cache-catch-up.js');
    const answer = await catchUp(git, cached, cached.head, { ...check, cleanHead: check.cleanHead });
    if (answer) return answer;
  }
  const { checkEachFile } = await import('./cache-rebuild.js');
  return checkEachFile(git, cached, check);
}
