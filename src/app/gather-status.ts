import { promises as fs } from 'node:fs';
import { subDays } from 'date-fns';
import { type QuestionNews, questionNews } from '../decks/news.js';
import { type BranchState, branchState } from '../git/branch-state.js';
import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { type ReplyNews, repliesToMe } from '../reading/replies.js';
import { type RitualProblem, readRituals, weekStartsOn } from '../rituals/definitions.js';
import { buildStatus, type StatusReport } from '../rituals/overview.js';
import { toDay } from '../rituals/periods.js';
import { type LowConnection, lowConnectionOf } from '../rituals/trends.js';
import { authorName, withAuthorsNamed } from '../store/authors.js';
import { readLocalState } from '../store/local-state.js';
import { loadSummaries, type SkippedFile } from '../store/summaries.js';
import { JOURNAL_PATHSPECS, type JournalLook } from '../store/worktree-check.js';
import { lastSynced } from '../sync/sync.js';
import type { SyncFacts } from '../ui/status-view.js';

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

async function syncFacts(journal: Journal, look?: Promise<{ branch?: BranchState }>): Promise<SyncFacts> {
  const branch = (look
    ? (await look).branch
    : await branchState(journal.git, JOURNAL_PATHSPECS).catch(() => undefined)) ?? {
    uncommitted: 0,
    upstream: undefined,
    ahead: undefined,
  };
  // Sync records its time (by the journal's clock); a fetch by plain git touches FETCH_HEAD.
  const synced =
    (await lastSynced(journal.git)) ??
    (await journal.git
      .gitPath('FETCH_HEAD')
      .then((file) => fs.stat(file))
      .then((stat) => stat.mtime)
      .catch(() => undefined));
  const recorded = journal.gitConfig.journalBranch;
  const offBranch = branch.head !== undefined && (recorded ? branch.name !== recorded : branch.name === undefined);
  return {
    remote: journal.gitConfig.read ? journal.gitConfig.remoteUrl !== undefined : branch.upstream !== undefined,
    // Off the branch there is no upstream to tell, but a sync that happened did share it.
    shared: branch.upstream !== undefined || (offBranch && synced !== undefined),
    lastSync: synced,
    toSend: branch.ahead,
    uncommitted: branch.uncommitted,
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

/** `look`: the caller's lookAtJournal, started early, if it did. */
export async function gatherStatus(journal: Journal, now: Date, look?: Promise<JournalLook>): Promise<StatusData> {
  const worktree = look?.then((answer) => answer.worktree);
  const [{ entries, skipped }, local, sync] = await Promise.all([
    loadSummaries(journal.git, worktree),
    readLocalState(journal.dir),
    syncFacts(journal, look),
  ]);
  const { rituals, problems } = readRituals(journal.settings.extra.rituals);
  // Written under an earlier name, an entry counts as the partner's it now stands for.
  const named = withAuthorsNamed(journal.settings, entries);
  const report = buildStatus({
    rituals,
    entries: named,
    partners: journal.settings.partners,
    me: journal.me.name,
    today: toDay(now),
    weekStartsOn: weekStartsOn(journal.settings.extra.weekStart),
    lastLooked: local.lastLooked,
    firstLookSince: subDays(now, 7).toISOString(),
  });
  const lowConnection = lowConnectionOf(named, journal.settings.partners);
  const partner = partnerOf(journal);
  const me = authorName(journal.settings, journal.me.name);
  const them = partner === undefined ? undefined : authorName(journal.settings, partner);
  const since = local.lastLooked ?? subDays(now, 7).toISOString();
  const questions = questionNews(named, me, them, since);
  const replies = repliesToMe(named, me, them, since);
  return {
    report,
    sync,
    skipped,
    ritualProblems: problems,
    lowConnection,
    counselShown: local.counselShown,
    questions,
    replies,
  };
}
