import { largest, pushAll } from '../many.js';
import { noun, plural } from '../plural.js';
import type { DueItem, RitualReport, StatusReport, SubjectReport } from '../rituals/overview.js';
import { hanging, itemLines, padVisible, visibleWidth } from './layout.js';
import { out } from './output.js';
import { ago, counted, dayLabel, sinceLabel, spanWords, typeLabel } from './words.js';

/** What status says about sharing: a remote or not, when it last answered, what waits to be sent or committed. */
export interface SyncFacts {
  /** a remote is set */
  remote: boolean;
  /** the branch has been shared with it (an upstream exists) */
  shared?: boolean;
  /** HEAD is not on the journal's branch */
  offBranch?: { where: string; branch: string };
  lastSync?: Date;
  toSend?: number;
  uncommitted: number;
  /** a year or month folder that is a link (relative to the journal): nothing in it is committed */
  linked?: string;
  /** conflict copies sync kept, still to settle (intimacy conflicts) */
  openConflicts?: number;
}

const UNIT_NAMES = { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'] } as const;

function streakText(ritual: RitualReport, s: SubjectReport): string {
  const unit = ritual.unit ?? 'week';
  const [one, many] = UNIT_NAMES[unit];
  const period = ritual.every && ritual.every > 1 ? `${ritual.every} ${many}` : one;
  const current =
    ritual.every && ritual.every > 1
      ? `${s.currentStreak} × ${period}`
      : s.currentStreak === 1
        ? `1 ${one}`
        : `${s.currentStreak} ${many}`;
  return `${current} (best ${s.bestStreak})`;
}

/** `me`: who reads it, whose own turn is "you", never their name. */
export function dueLine(item: DueItem, me?: string): string {
  const { mark, text } = dueParts(item, me);
  return mark + text;
}

/** A due line's mark ("due  ", "overdue  "), which its wrapped lines hang under, and its text. */
function dueParts(item: DueItem, me?: string): { mark: string; text: string } {
  const c = out();
  // Overdue for periods missed before this one, its count is this period's: said so, or "0 of 3
  // so far · 8 days overdue" reads as if the count were late (a weekday's is its own period's).
  const counted = item.state === 'overdue' && item.dueDay === undefined ? periodWords(item) : 'so far';
  const progress =
    item.waitingFor.length > 0 && item.waitingFor.length < 2
      ? `waiting for ${item.waitingFor.map((name) => (name === me ? 'you' : name)).join(' and ')}`
      : item.needed > 1
        ? `${item.count} of ${item.needed} ${counted}`
        : 'not yet';
  const mark = item.state === 'overdue' ? c.red('overdue') : c.yellow('due');
  return { mark: `${mark}  `, text: `${typeLabel(item.ritual)} — ${progress}${timing(item)}` };
}

/**
 * How long an overdue ritual has been overdue, or what is left for a due one: the days left of
 * the period an overdue ritual is in would read as a deadline not yet passed. One kept on a
 * weekday is due on that day only (overdue the next), so the days left of its week would too.
 */
function timing(item: DueItem): string {
  if (item.state === 'overdue')
    return item.daysOverdue === undefined ? '' : ` · ${spanWords(item.daysOverdue)} overdue`;
  if (item.dueDay !== undefined) return ' · today';
  if (item.daysLeft === undefined) return '';
  // A daily ritual's period is today: its "last day" is every day.
  if (item.daysLeft <= 1) return item.unit === 'day' && (item.every ?? 1) === 1 ? ' · today' : ' · last day';
  return ` · ${item.daysLeft} days left`;
}

/** For a shell prompt: "♥ 2 due" ("<3 2 due" where the terminal is not UTF-8), or '' when nothing is. No colour: prompts need their escapes marked. */
/** `due`: how many rituals are due. */
export function renderPrompt(due: number, utf8: boolean): string {
  return due === 0 ? '' : `${utf8 ? '♥' : '<3'} ${due} due`;
}

export function renderQuiet(report: StatusReport): string[] {
  return report.due.map((item) => dueLine(item, report.me));
}

/** "this week", "these 2 weeks", "today", "this month": the period a ritual's skip holds. */
function periodWords(ritual: Pick<RitualReport, 'unit' | 'every'>): string {
  const unit = ritual.unit ?? 'week';
  if (ritual.every && ritual.every > 1) return `these ${ritual.every} ${UNIT_NAMES[unit][1]}`;
  return unit === 'day' ? 'today' : `this ${unit}`;
}

/** A skipped ritual is said, with why, rather than left out of the list of what is due. */
function skippedLines(report: StatusReport, width: number | undefined): string[] {
  const lines: string[] = [];
  for (const ritual of report.rituals) {
    for (const s of ritual.subjects) {
      if (!s.skipped) continue;
      const who = s.subject === 'us' || s.subject === report.me ? '' : `${s.subject} `;
      const why = s.skipped.reason ? ` (${s.skipped.reason})` : '';
      pushAll(
        lines,
        hanging(
          `${out().dim('skip')}  `,
          `${typeLabel(ritual.name)} — ${who}skipped ${periodWords(ritual)}${why}`,
          width,
        ),
      );
    }
  }
  return lines;
}

/**
 * `unreadRituals`: intimacy.yaml has rituals it cannot read (a warning has said which).
 * `width`: the terminal's, which every line is fitted to (wrapped with a hanging indent);
 * none for a pipe, where each line stays whole.
 */
export function renderStatus(
  report: StatusReport,
  sync: SyncFacts,
  now: Date,
  unreadRituals = false,
  width?: number,
): string[] {
  const c = out();
  const lines: string[] = [];
  const item = (text: string) => pushAll(lines, itemLines(text, width));
  // With no ritual tracked, "every ritual is kept" would be said of none (beside the warning
  // that says why, when intimacy.yaml has rituals it cannot read).
  if (report.rituals.length === 0)
    pushAll(
      lines,
      hanging(
        '',
        `No ritual is tracked, so nothing is due (${unreadRituals ? 'intimacy doctor says how to fix intimacy.yaml' : 'intimacy rituals add NAME --cadence CADENCE tracks one'}).`,
        width,
      ),
    );
  else if (report.due.length === 0)
    pushAll(lines, hanging('', c.green('Nothing is due. ') + 'Every ritual is kept for now.', width));
  else
    for (const due of report.due) {
      const { mark, text } = dueParts(due, report.me);
      pushAll(lines, hanging(mark, text, width));
    }
  pushAll(lines, skippedLines(report, width));

  if (report.rituals.length > 0) lines.push('', c.bold('Rituals'));
  // At a narrow terminal the names' column takes at most half the row, so the text beside it
  // keeps room to wrap in; a longer name has a line of its own, and the text starts under the column.
  const most = width === undefined ? Number.POSITIVE_INFINITY : Math.floor((width - 4) / 2);
  const labels = report.rituals.map((r) => visibleWidth(typeLabel(r.name))).filter((n) => n <= most);
  const column = Math.max(largest(labels), 8);
  for (const ritual of report.rituals) {
    const label = typeLabel(ritual.name);
    let text: string;
    if (ritual.subjects[0]?.state === 'tracked') {
      const last = ritual.subjects[0].lastDay;
      text = `${ritual.cadence}; ${last ? `last on ${dayLabel(last, now)}` : 'none yet'}`;
    } else {
      const parts = ritual.subjects.map((s) =>
        s.subject === 'us' ? streakText(ritual, s) : `${s.subject} ${streakText(ritual, s)}`,
      );
      text = `${ritual.cadence}, ${ritual.who}: ${parts.join(' · ')}`;
    }
    if (visibleWidth(label) > column) {
      lines.push(`  ${label}`);
      pushAll(lines, hanging(' '.repeat(column + 4), text, width));
    } else pushAll(lines, hanging(`  ${padVisible(label, column)}  `, text, width));
  }

  if (report.news.length > 0) {
    lines.push('', c.bold('New from your partner'));
    for (const news of report.news) {
      const kinds = Object.entries(news.byType).map(([type, n]) => counted(n, type));
      const forYou = news.forMe > 0 ? ` (${news.forMe} for you)` : '';
      const when = news.firstLook ? 'in the past week' : `since ${sinceLabel(news.since, now)}`;
      item(`${news.author} wrote ${kinds.join(', ')}${forYou} ${when}`);
    }
  }

  if (report.commitments.length > 0) {
    lines.push('', c.bold('Commitments from the last check-in'));
    for (const commitment of report.commitments) {
      for (const promise of commitment.items) item(`${commitment.author}: ${promise}`);
    }
  }

  lines.push('', c.bold('Sync'));
  if (!sync.remote) item('no remote yet (intimacy remote set URL shares the journal)');
  else if (sync.shared === false) item('not shared yet — run intimacy sync');
  else {
    const last = sync.lastSync ? `last synced ${ago(sync.lastSync, now)}` : 'never synced';
    const send = sync.toSend ? `${plural(sync.toSend, 'commit')} to send` : 'nothing to send';
    item(`${last} · ${send}`);
  }
  if (sync.offBranch)
    item(
      `this journal is on ${sync.offBranch.where}, not on ${sync.offBranch.branch}; intimacy sync brings its entries back there`,
    );
  // Sync refuses to commit through the link, so "the next command commits them" would not be true.
  if (sync.linked)
    item(
      `${sync.linked} is a link, which intimacy does not follow: what it holds is neither committed nor shared until the folder itself is back (intimacy sync says how)`,
    );
  else if (sync.uncommitted > 0)
    item(
      `${plural(sync.uncommitted, 'file')} not committed yet (the next intimacy command commits ${noun(sync.uncommitted, 'it', 'them')})`,
    );
  if (sync.openConflicts)
    item(
      `${plural(sync.openConflicts, 'open conflict')}: both versions are kept until you settle ${noun(sync.openConflicts, 'it', 'them')} (intimacy conflicts shows them)`,
    );
  return lines;
}
