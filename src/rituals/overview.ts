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
          waitingFor: s.waitingFor,
        });
      }
    }
  }
  return {
    today: input.today,
    me: input.me,
    due,
    rituals,
    news: partnerNews(input),
    commitments: lastCommitments(input.entries, input.weekStartsOn),
  };
}

function partnerNews(input: StatusInput): PartnerNews[] {
  const since = input.lastLooked ?? input.firstLookSince;
  const sinceMs = Date.parse(since);
  const meSlug = slugify(input.me);
  const byAuthor = new Map<string, PartnerNews>();
  for (const entry of input.entries) {
    if (entry.type === 'skip' || !(Date.parse(entry.date) >= sinceMs) || slugify(entry.author) === meSlug) continue;
    const news = byAuthor.get(entry.author) ?? {
      author: entry.author,
      since,
      firstLook: input.lastLooked === undefined,
      total: 0,
      byType: {},
      forMe: 0,
    };
    news.total++;
    news.byType[entry.type] = (news.byType[entry.type] ?? 0) + 1;
    if (typeof entry.fields.for === 'string' && slugify(entry.fields.for) === meSlug) news.forMe++;
    byAuthor.set(entry.author, news);
  }
  return [...byAuthor.values()];
}

/**
 * Each partner's commitments from their latest check-in week ("what I will do this week"): a
 * second check-in of that week that promised nothing keeps the first one's promise.
 */
function lastCommitments(entries: EntrySummary[], firstDay: 0 | 1): Commitment[] {
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
