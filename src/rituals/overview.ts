import { startOfWeek } from 'date-fns';
import { slugify } from '../store/naming.js';
import type { EntrySummary } from '../store/summaries.js';
import type { Ritual } from './definitions.js';
import { type CalendarDay, dayDate, dayOfEntry, toDay } from './periods.js';
import { type Occurrence, type RitualState, trackRitual } from './track.js';

/*
 * What `intimacy status` shows, computed from entries, settings and a clock. Pure.
 */

export interface StatusInput {
  rituals: Ritual[];
  entries: EntrySummary[];
  partners: string[];
  me: string;
  today: CalendarDay;
  weekStartsOn: 0 | 1;
  /** when this clone last showed the partner's news (ISO); undefined on first look */
  lastLooked?: string;
  /** fallback window for the first look */
  firstLookSince: string;
}

export interface SubjectReport {
  subject: string;
  state: RitualState;
  count: number;
  needed: number;
  periodStart?: string;
  periodEnd?: string;
  daysLeft?: number;
  /** overdue: for how many days, today included */
  daysOverdue?: number;
  /** a ritual kept on a weekday: the day it is due in this period */
  dueDay?: string;
  currentStreak: number;
  bestStreak: number;
  lastDay?: string;
  waitingFor: string[];
  /** the current period was skipped: why, when the skip said */
  skipped?: { reason?: string };
}

export interface RitualReport {
  name: string;
  cadence: string;
  who: Ritual['who'];
  unit?: 'day' | 'week' | 'month';
  every?: number;
  subjects: SubjectReport[];
}

export interface DueItem {
  ritual: string;
  subject: string;
  state: 'due' | 'overdue';
  count: number;
  needed: number;
  daysLeft?: number;
  /** overdue: for how many days, today included */
  daysOverdue?: number;
  /** a ritual kept on a weekday: the day it is due (a due one is due today, and overdue tomorrow) */
  dueDay?: string;
  /** the ritual's period, as in RitualReport: what `count` is counted in */
  unit?: 'day' | 'week' | 'month';
  every?: number;
  waitingFor: string[];
}

export interface PartnerNews {
  author: string;
  since: string;
  /** true when this clone had never looked before: `since` is then a week ago */
  firstLook: boolean;
  total: number;
  byType: Record<string, number>;
  forMe: number;
}

export interface Commitment {
  author: string;
  date: string;
  entryId: string;
  items: string[];
}

export interface StatusReport {
  today: CalendarDay;
  me: string;
  due: DueItem[];
  rituals: RitualReport[];
  news: PartnerNews[];
  commitments: Commitment[];
}

export function occurrencesOf(entries: EntrySummary[]): Occurrence[] {
  const result: Occurrence[] = [];
  for (const entry of entries) {
    const day = dayOfEntry(entry.date);
    if (!day) continue;
    const template =
      typeof entry.fields.template === 'string' && entry.fields.template !== entry.type
        ? entry.fields.template
        : undefined;
    const ritual = typeof entry.fields.ritual === 'string' ? entry.fields.ritual : undefined;
    const reason = ritual && typeof entry.fields.reason === 'string' ? entry.fields.reason : undefined;
    result.push({ day, author: entry.author, type: entry.type, template, ritual, ...(reason ? { reason } : {}) });
  }
  return result;
}

export function buildStatus(input: StatusInput): StatusReport {
  const { due, rituals } = ritualsDue(input);
  return {
    today: input.today,
    me: input.me,
    due,
    rituals,
    news: partnerNews(input),
    commitments: lastCommitments(input.entries, input.weekStartsOn),
  };
}

/** Every ritual's report and what of it is due for me: all of status that the last look does not change. */
export function ritualsDue(input: Omit<StatusInput, 'lastLooked' | 'firstLookSince'>): {
  due: DueItem[];
  rituals: RitualReport[];
} {
  const occurrences = occurrencesOf(input.entries);
  const meSlug = slugify(input.me);
  const rituals: RitualReport[] = input.rituals.map((ritual) => {
    const status = trackRitual({
      ritual,
      occurrences,
      partners: input.partners,
      today: input.today,
      weekStartsOn: input.weekStartsOn,
    });
    return {
      name: ritual.name,
      cadence: ritual.cadenceText,
      who: ritual.who,
      unit: ritual.cadence.kind === 'periodic' ? ritual.cadence.unit : undefined,
      every: ritual.cadence.kind === 'periodic' ? ritual.cadence.every : undefined,
      subjects: status.subjects.map((s) => ({
        subject: s.subject,
        state: s.state,
        count: s.count,
        needed: s.needed,
        periodStart: s.period?.start,
        periodEnd: s.period?.end,
        daysLeft: s.daysLeft,
        ...(s.daysOverdue === undefined ? {} : { daysOverdue: s.daysOverdue }),
        ...(s.dueDay === undefined ? {} : { dueDay: s.dueDay }),
        currentStreak: s.currentStreak,
        bestStreak: s.bestStreak,
        lastDay: s.lastDay,
        waitingFor: s.waitingFor,
        ...(s.skipped ? { skipped: s.skipped } : {}),
      })),
    };
  });
  const due: DueItem[] = [];
  for (const ritual of rituals) {
    for (const s of ritual.subjects) {
      const mine = s.subject === 'us' || slugify(s.subject) === meSlug;
      if (mine && (s.state === 'due' || s.state === 'overdue')) {
        due.push({
          ritual: ritual.name,
          subject: s.subject,
          state: s.state,
          count: s.count,
          needed: s.needed,
          daysLeft: s.daysLeft,
          ...(s.daysOverdue === undefined ? {} : { daysOverdue: s.daysOverdue }),
          ...(s.dueDay === undefined ? {} : { dueDay: s.dueDay }),
          ...(ritual.unit === undefined ? {} : { unit: ritual.unit }),
          ...(ritual.every === undefined ? {} : { every: ritual.every }),
          waitingFor: s.waitingFor,
        });
      }
    }
  }
  return { due, rituals };
}

function partnerNews(input: StatusInput): PartnerNews[] {
  const since = input.lastLooked ?? input.firstLookSince;
  return newsSince(newsRows(input.entries, input.me, Date.parse(since)), since, input.lastLooked === undefined);
}

/** One entry that may be the partner's news: its time (ms), author, type, and whether it names me in `for`. */
export type NewsRow = [at: number, author: string, type: string, forMe: boolean];

/**
 * The entries partnerNews can count for any look at or after `fromMs`, in the entries' order:
 * not skips, not mine, dated at or after it. Kept by the status memo (app/status-memo.ts), so a
 * later look needs only these.
 */
export function newsRows(entries: EntrySummary[], me: string, fromMs: number): NewsRow[] {
  const meSlug = slugify(me);
  const mine = new Map<string, boolean>(); // by author: a handful of names, thousands of entries
  const isMine = (author: string) => {
    let answer = mine.get(author);
    if (answer === undefined) mine.set(author, (answer = slugify(author) === meSlug));
    return answer;
  };
  const rows: NewsRow[] = [];
  for (const entry of entries) {
    const at = Date.parse(entry.date);
    if (entry.type === 'skip' || !(at >= fromMs) || isMine(entry.author)) continue;
    const forMe = typeof entry.fields.for === 'string' && slugify(entry.fields.for) === meSlug;
    rows.push([at, entry.author, entry.type, forMe]);
  }
  return rows;
}

/** The partner's news since `since`, from newsRows made for that time or an earlier one. */
export function newsSince(rows: NewsRow[], since: string, firstLook: boolean): PartnerNews[] {
  const sinceMs = Date.parse(since);
  const byAuthor = new Map<string, PartnerNews>();
  for (const [at, author, type, forMe] of rows) {
    if (!(at >= sinceMs)) continue;
    const news = byAuthor.get(author) ?? { author, since, firstLook, total: 0, byType: {}, forMe: 0 };
    news.total++;
    news.byType[type] = (news.byType[type] ?? 0) + 1;
    if (forMe) news.forMe++;
    byAuthor.set(author, news);
  }
  return [...byAuthor.values()];
}

/**
 * Each partner's commitments from their latest check-in week ("what I will do this week"): a
 * second check-in of that week that promised nothing keeps the first one's promise.
 */
export function lastCommitments(entries: EntrySummary[], firstDay: 0 | 1): Commitment[] {
  const weekOf = (entry: EntrySummary) => {
    const day = dayOfEntry(entry.date);
    return day ? toDay(startOfWeek(dayDate(day), { weekStartsOn: firstDay })) : '';
  };
  const checkins = entries
    .filter((entry) => entry.type === 'checkin')
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const latest = new Map<string, EntrySummary>();
  for (const entry of checkins) latest.set(entry.author, entry);
  const result: Commitment[] = [];
  for (const last of latest.values()) {
    const week = weekOf(last);
    const items: string[] = [];
    for (const entry of checkins) {
      if (entry.author !== last.author || weekOf(entry) !== week) continue;
      const raw = entry.fields.commitments;
      for (const item of Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [])
        if (typeof item === 'string' && item.trim() !== '' && !items.includes(item)) items.push(item);
    }
    if (items.length > 0) result.push({ author: last.author, date: last.date, entryId: last.id, items });
  }
  return result;
}
