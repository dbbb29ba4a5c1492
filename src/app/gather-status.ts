import { type Dirent, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { subDays } from 'date-fns';
import { openedSince, type QuestionNews, questionsWaiting } from '../decks/news.js';
import { type BranchState, branchState } from '../git/branch-state.js';
import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { partnerReplies, type ReplyNews, repliesAfter } from '../reading/replies.js';
import { type RitualProblem, readRituals, weekStartsOn } from '../rituals/definitions.js';
import {
  type Commitment,
  type DueItem,
  lastCommitments,
  type NewsRow,
  newsRows,
  newsSince,
  type RitualReport,
  ritualsDue,
  type StatusReport,
} from '../rituals/overview.js';
import { toDay } from '../rituals/periods.js';
import { type LowConnection, lowConnectionOf } from '../rituals/trends.js';
import { authorName, withAuthorsNamed } from '../store/authors.js';
import { linkOnTheWay } from '../store/entries-folder.js';
import { TEMPLATES_DIR } from '../store/layout.js';
import { readLocalState } from '../store/local-state.js';
import { FILE_LIMITS } from '../store/safe-file.js';
import type { EntrySummary, SkippedFile } from '../store/summaries.js';
import { checkEntries, JOURNAL_PATHSPECS, type JournalLook } from '../store/worktree-check.js';
import { copyNameOf } from '../sync/conflict-copy.js';
import { lastSynced } from '../sync/sync.js';
import type { SyncFacts } from '../ui/status-view.js';
import { memoized } from './memo.js';
import { keepPromptCount } from './prompt-memo.js';
import { statusInputs } from './status-inputs.js';

export interface StatusData {
  report: StatusReport;
  /** who has rated connection low at their last check-ins, and since when */
  lowConnection: LowConnection[];
  /** the stretch of low connection status last mentioned (local state) */
  counselShown?: string;
  sync: SyncFacts;
  skipped: SkippedFile[];
  ritualProblems: RitualProblem[];
  /** questions your partner answered first, and questions just opened */
  questions: QuestionNews;
  /** your partner's replies to your entries since you last looked */
  replies: ReplyNews[];
}

/** When sync last ran here; a fetch by plain git touches FETCH_HEAD. Neither asks git to look. */
async function lastSyncTime(journal: Journal): Promise<Date | undefined> {
  // Sync records its time (by the journal's clock).
  const recorded = await lastSynced(journal.git);
  if (recorded) return recorded;
  try {
    return statSync(await journal.git.gitPath('FETCH_HEAD')).mtime;
  } catch {
    return undefined;
  }
}

async function syncFacts(journal: Journal, look?: Promise<{ branch?: BranchState }>): Promise<SyncFacts> {
  // Read while git looks, so the look's answer is the last thing waited for.
  const syncTime = lastSyncTime(journal);
  const branch = (look
    ? (await look).branch
    : await branchState(journal.git, JOURNAL_PATHSPECS).catch(() => undefined)) ?? {
    uncommitted: 0,
    upstream: undefined,
    ahead: undefined,
  };
  const synced = await syncTime;
  const linked = linkOnTheWay(journal.dir, branch.offHead ?? [])?.folder;
  const recorded = journal.gitConfig.journalBranch;
  const offBranch = branch.head !== undefined && (recorded ? branch.name !== recorded : branch.name === undefined);
  return {
    remote: journal.gitConfig.read ? journal.gitConfig.remoteUrl !== undefined : branch.upstream !== undefined,
    // Off the branch there is no upstream to tell, but a sync that happened did share it.
    shared: branch.upstream !== undefined || (offBranch && synced !== undefined),
    lastSync: synced,
    toSend: branch.ahead,
    uncommitted: branch.uncommitted,
    ...(linked ? { linked } : {}),
    ...(offBranch
      ? {
          offBranch: {
            where: branch.name ? `the branch ${branch.name}` : 'a detached HEAD',
            branch: recorded ?? 'main',
          },
        }
      : {}),
  };
}

/** What status computes from the entries, before the last look is applied (kept in the memo). */
interface StatusFigures {
  due: DueItem[];
  rituals: RitualReport[];
  commitments: Commitment[];
  lowConnection: LowConnection[];
  skipped: SkippedFile[];
  /** the conflict copies of entries still open */
  entryCopies: number;
  yourTurn: QuestionNews['yourTurn'];
  /** opened questions, replies and news rows dated at or after `horizon` */
  opened: QuestionNews['opened'];
  replies: ReplyNews[];
  news: NewsRow[];
  /**
   * a time (ms): the three lists above hold all that a look at or after it can show. The last
   * look moves with every status; each run applies its own to these rows.
   */
  horizon: number;
}

const LISTS = ['due', 'rituals', 'commitments', 'lowConnection', 'skipped', 'yourTurn', 'opened', 'replies', 'news'];

/**
 * `look`: the caller's lookAtJournal, started early, if it did. The figures come from the status
 * memo (memo.ts) when git vouches for the entries it was made from, else from every entry's
 * front matter.
 */
export async function gatherStatus(journal: Journal, now: Date, look?: Promise<JournalLook>): Promise<StatusData> {
  const checking = look ? look.then((answer) => answer.worktree) : checkEntries(journal.git);
  const local = await readLocalState(journal.dir);
  const since = local.lastLooked ?? subDays(now, 7).toISOString();
  const today = toDay(now);
  const inputs = statusInputs(journal, now);
  let vouchedIndex: string | undefined;
  const figuring = memoized<StatusFigures>({
    git: journal.git,
    name: 'status',
    inputs,
    checking,
    vouched: (index) => {
      vouchedIndex = index;
    },
    shaped: (figures) =>
      Number.isFinite(figures.horizon) &&
      Number.isInteger(figures.entryCopies) &&
      LISTS.every((list) => Array.isArray(figures[list])),
    answers: (figures) => Date.parse(since) >= figures.horizon,
    keeps: (figures) => Number.isFinite(figures.horizon),
    compute: (summaries) => computeFigures(journal, summaries, since, today),
  });
  const syncing = syncFacts(journal, look);
  const figures = await figuring;
  const check = await checking;
  const vouched =
    check && check.checksum === vouchedIndex ? { index: vouchedIndex, lookedAt: check.lookedAt } : undefined;
  // Kept while the rest is put together (it never fails the status).
  const keeping = keepPromptCount(journal.git, inputs, figures.due.length, vouched);
  const { problems } = readRituals(journal.settings.extra.rituals);
  const report: StatusReport = {
    today,
    me: journal.me.name,
    due: figures.due,
    rituals: figures.rituals,
    news: newsSince(figures.news, since, local.lastLooked === undefined),
    commitments: figures.commitments,
  };
  const [sync] = await Promise.all([syncing, keeping]);
  const conflicts = figures.entryCopies + otherCopies(journal.dir);
  return {
    report,
    sync: conflicts > 0 ? { ...sync, openConflicts: conflicts } : sync,
    skipped: figures.skipped,
    ritualProblems: problems,
    lowConnection: figures.lowConnection,
    counselShown: local.counselShown,
    questions: { yourTurn: figures.yourTurn, opened: openedSince(figures.opened, since) },
    replies: repliesAfter(figures.replies, since),
  };
}

/**
 * The conflict copies of the settings and of templates that `intimacy conflicts` lists beside
 * the entries' copies: the journal's top folder and templates/ (its subfolders too), read by
 * name, no git. As there, a copy that is no plain file, or larger than an entry may be, is none
 * to settle, and a half-written file (`.NAME.tmp-…`, git-ignored) is not looked at.
 */
function otherCopies(dir: string): number {
  let count = 0;
  const look = (folder: string, depth: number): void => {
    let items: Dirent[];
    try {
      items = readdirSync(path.join(dir, folder), { withFileTypes: true });
    } catch {
      return; // no templates folder (or none readable): no copies in it
    }
    for (const item of items) {
      if (item.name.startsWith('.')) continue;
      const relPath = folder === '' ? item.name : `${folder}/${item.name}`;
      if (item.isDirectory() && folder !== '' && depth < 8) look(relPath, depth + 1);
      else if (item.isFile() && item.name.includes('-conflict_') && copyNameOf(relPath) && small(relPath)) count++;
    }
  };
  const small = (relPath: string) =>
    (lstatSync(path.join(dir, relPath), { throwIfNoEntry: false })?.size ?? Infinity) <= FILE_LIMITS.entry;
  look('', 0);
  look(TEMPLATES_DIR, 1);
  return count;
}

function computeFigures(
  journal: Journal,
  { entries, skipped, copies }: { entries: EntrySummary[]; skipped: SkippedFile[]; copies: number },
  since: string,
  today: string,
): StatusFigures {
  const { rituals } = readRituals(journal.settings.extra.rituals);
  const weekStart = weekStartsOn(journal.settings.extra.weekStart);
  // Written under an earlier name, an entry counts as the partner's it now stands for.
  const named = withAuthorsNamed(journal.settings, entries);
  const { due, rituals: reports } = ritualsDue({
    rituals,
    entries: named,
    partners: journal.settings.partners,
    me: journal.me.name,
    today,
    weekStartsOn: weekStart,
  });
  const partner = partnerOf(journal);
  const me = authorName(journal.settings, journal.me.name);
  const them = partner === undefined ? undefined : authorName(journal.settings, partner);
  // What any later look can show: the entries dated at or after this one's.
  const horizon = Date.parse(since);
  const { yourTurn, opened } = questionsWaiting(named, me, them);
  return {
    due,
    rituals: reports,
    commitments: lastCommitments(named, weekStart),
    lowConnection: lowConnectionOf(named, journal.settings.partners),
    skipped,
    entryCopies: copies,
    yourTurn,
    opened: opened.filter((item) => Date.parse(item.opened) >= horizon),
    replies: partnerReplies(named, me, them).filter((reply) => Date.parse(reply.date) >= horizon),
    news: newsRows(named, journal.me.name, horizon),
    horizon,
  };
}
