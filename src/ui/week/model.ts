import { dayOfEntry } from '../../rituals/periods.js';
import { PULSE_TYPE } from '../../rituals/trends.js';
import type { Entry } from '../../store/entry.js';
import { valueText } from '../render/values.js';
import type { EntryView, Part, RatingPart } from '../render/view.js';

/*
 * One week of the journal, both partners side by side: what `intimacy week` prints and its
 * --json shape (README). Made from the entries' views, so every answer is already in the
 * template's words; the JSON keeps the values themselves (numbers, lists).
 */

export interface WeekCheckin {
  id: string;
  date: string;
  ratings: Record<string, number>;
  feelings: string[];
  appreciations: string[];
  wentWell: string | null;
  concern: string | null;
  heard: string | null;
  commitments: string[];
  reviewed: Array<{ commitment: string; outcome: string }>;
  /** any other answer (a question of the couple's own check-in template), in its words */
  other: Array<{ label: string; text: string }>;
}

export interface WeekPerson {
  name: string;
  /** the week's latest check-in, or null */
  checkin: WeekCheckin | null;
  /** every check-in of the week, oldest first */
  checkins: string[];
  gratitudes: Array<{ id: string; date: string; for: string | null; text: string; private?: true }>;
  pulses: Array<{ id: string; day: string; value: number; note: string | null }>;
}

export interface WeekEntry {
  id: string;
  type: string;
  title: string;
  author: string;
  date: string;
  /** the first answer, in a few words */
  summary: string;
  private?: true;
  /** the files kept with it (--attach), from the journal's folder */
  attachments?: string[];
}

export interface WeekData {
  week: { start: string; end: string };
  partners: string[];
  people: WeekPerson[];
  /** date nights, repairs and everything else of the week, oldest first */
  entries: WeekEntry[];
}

/** What the terminal view needs beyond the JSON: the check-ins' views, for labels and order. */
export interface Week extends WeekData {
  views: Map<string, EntryView>;
}

export interface WeekItem {
  view: EntryView;
  entry: Entry;
}

const CHECKIN_PARTS = new Set(['went_well', 'concern', 'heard', 'feelings', 'has_concern']);

function textOf(parts: Part[], id: string): string | null {
  const part = parts.find((p) => p.kind === 'text' && p.id === id);
  return part?.kind === 'text' ? part.text : null;
}

function checkinOf(view: EntryView, entry: Entry): WeekCheckin {
  const parts = view.parts;
  const ratings: Record<string, number> = {};
  for (const part of parts) if (part.kind === 'rating') ratings[part.id] = part.value;
  const feelings = Array.isArray(entry.fields.feelings) ? entry.fields.feelings.map(valueText) : [];
  const appreciations = parts
    .filter((p) => p.kind === 'text' && /^appreciation/.test(p.id))
    .map((p) => (p as { text: string }).text);
  const commitments = parts.filter((p) => p.kind === 'text' && p.commitment).map((p) => (p as { text: string }).text);
  const reviewed = parts.flatMap((p) => (p.kind === 'review' ? p.items : []));
  const other = parts
    .filter(
      (p) =>
        p.kind !== 'rating' &&
        p.kind !== 'review' &&
        !CHECKIN_PARTS.has(p.id) &&
        !(p.kind === 'text' && (/^appreciation/.test(p.id) || p.commitment)),
    )
    .map((p) => ({
      label: p.label,
      text: p.kind === 'text' || p.kind === 'fact' ? p.text : p.kind === 'attachments' ? p.files.join(', ') : '',
    }));
  return {
    id: view.id,
    date: view.date,
    ratings,
    feelings,
    appreciations,
    wentWell: textOf(parts, 'went_well'),
    concern: textOf(parts, 'concern'),
    heard: textOf(parts, 'heard'),
    commitments,
    reviewed,
    other,
  };
}

function attachedFiles(view: EntryView): { attachments?: string[] } {
  const files = view.parts.flatMap((p) => (p.kind === 'attachments' ? p.files : []));
  return files.length > 0 ? { attachments: files } : {};
}

function firstWords(view: EntryView): string {
  const part = view.parts.find((p) => p.kind === 'text') ?? view.parts.find((p) => p.kind === 'fact');
  if (!part) return '';
  return (part.kind === 'text' || part.kind === 'fact' ? part.text : '').replace(/\s+/g, ' ').trim();
}

/** The week from its entries (any order): each partner's check-in, gratitudes and pulses, and the rest. */
export function buildWeek(items: WeekItem[], partners: string[], start: string, end: string): Week {
  const sorted = [...items].sort((a, b) => Date.parse(a.view.date) - Date.parse(b.view.date));
  const names = [...new Set([...partners, ...sorted.map((i) => i.view.author)])];
  const views = new Map<string, EntryView>();
  const people: WeekPerson[] = names.map((name) => {
    const theirs = sorted.filter((i) => i.view.author === name);
    const checkins = theirs.filter((i) => i.view.type === 'checkin');
    const latest = checkins.at(-1);
    if (latest) views.set(latest.view.id, latest.view);
    return {
      name,
      checkin: latest ? checkinOf(latest.view, latest.entry) : null,
      checkins: checkins.map((i) => i.view.id),
      gratitudes: theirs
        .filter((i) => i.view.type === 'gratitude')
        .map(({ view }) => ({
          id: view.id,
          date: view.date,
          for: view.forWhom ?? null,
          text: firstWords(view),
          ...(view.private ? { private: true as const } : {}),
        })),
      pulses: theirs
        .filter((i) => i.view.type === PULSE_TYPE)
        .flatMap(({ view }) => {
          const rating = view.parts.find((p): p is RatingPart => p.kind === 'rating');
          const note = view.parts.find((p) => p.kind === 'text');
          return rating
            ? [
                {
                  id: view.id,
                  day: dayOfEntry(view.date) ?? '',
                  value: rating.value,
                  note: note?.kind === 'text' ? note.text : null,
                },
              ]
            : [];
        }),
    };
  });
  // Only people who wrote something, besides the two partners.
  const shown = people.filter(
    (p) => partners.includes(p.name) || p.checkins.length + p.gratitudes.length + p.pulses.length > 0,
  );
  const entries = sorted
    .filter((i) => !['checkin', 'gratitude', PULSE_TYPE].includes(i.view.type))
    .map(({ view }) => ({
      id: view.id,
      type: view.type,
      title: view.title,
      author: view.author,
      date: view.date,
      summary: firstWords(view),
      ...(view.private ? { private: true as const } : {}),
      ...attachedFiles(view),
    }));
  return { week: { start, end }, partners, people: shown, entries, views };
}

/** The --json shape: the week without the views. */
export function weekJson(week: Week): WeekData {
  const { views: _views, ...data } = week;
  return data;
}
