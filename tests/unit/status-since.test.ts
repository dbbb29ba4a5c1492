import { describe, expect, it } from 'vitest';
import { openedSince, questionNews, questionsWaiting } from '../../src/decks/news.js';
import { partnerReplies, repliesAfter, repliesToMe } from '../../src/reading/replies.js';
import { newsRows, newsSince } from '../../src/rituals/overview.js';
import { slugify } from '../../src/store/naming.js';
import type { EntrySummary } from '../../src/store/summaries.js';

/*
 * The status memo keeps, for the partner's news, replies and opened questions, only the rows
 * dated at or after its own look (its horizon), and each later run applies its own look to
 * them. These check that against the answer made from every entry, for looks at and after the
 * horizon, on random entries (odd dates and names included).
 */

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const BASE = Date.parse('2026-10-01T00:00:00Z');
const DAY = 86_400_000;

function entries(seed: number, count: number): EntrySummary[] {
  const next = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const result: EntrySummary[] = [];
  for (let i = 0; i < count; i++) {
    const at = BASE + Math.floor(next() * 60 * DAY);
    const offset = pick(['+00:00', '-05:00', '+09:30', 'Z']);
    const date = pick([
      new Date(at).toISOString().replace('.000Z', offset === 'Z' ? 'Z' : offset),
      new Date(at).toISOString(),
      'not a date',
    ]);
    const type = pick(['gratitude', 'checkin', 'skip', 'reply', 'question']);
    const id = `2026${String(i).padStart(4, '0')}T000000Z-${type}-x`;
    const fields: Record<string, unknown> = {};
    if (next() < 0.3) fields.for = pick(['Alex', 'alex', 'Jordan', 'Sam']);
    if (type === 'reply') {
      fields.replies_to = result.length > 0 ? pick(result).id : 'none';
      if (next() < 0.5) fields.replies_to_type = 'gratitude';
    }
    if (type === 'question') {
      fields.deck = 'deck';
      fields.question = pick(['q1', 'q2', 'q3']);
      if (next() < 0.7) fields.key = 'k';
      if (next() < 0.7) fields.opened = pick([new Date(at + DAY).toISOString(), 'someday']);
    }
    result.push({
      id,
      relPath: `entries/2026/10/${id}.md`,
      type,
      author: pick(['Alex', 'Jordan', 'jordan', 'Sam']),
      date,
      tags: [],
      fields,
    });
  }
  return result;
}

/** What status counted before the memo: every entry at or after the look. */
function partnerNewsOfAll(all: EntrySummary[], me: string, since: string, firstLook: boolean) {
  const sinceMs = Date.parse(since);
  const meSlug = slugify(me);
  const byAuthor = new Map<
    string,
    { author: string; since: string; firstLook: boolean; total: number; byType: Record<string, number>; forMe: number }
  >();
  for (const entry of all) {
    if (entry.type === 'skip' || !(Date.parse(entry.date) >= sinceMs) || slugify(entry.author) === meSlug) continue;
    const news = byAuthor.get(entry.author) ?? {
      author: entry.author,
      since,
      firstLook,
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

describe('news, replies and opened questions from the rows after a horizon', () => {
  it('are what every entry gives, for any look at or after the horizon', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const all = entries(seed, 120);
      const next = random(seed + 1000);
      // Half the time exactly an entry's own time, where "at or after" and "after" part.
      const dated = all.map((entry) => Date.parse(entry.date)).filter((at) => !Number.isNaN(at));
      const horizon = seed % 2 === 0 ? dated[Math.floor(next() * dated.length)]! : BASE + Math.floor(next() * 50 * DAY);
      const kept = {
        news: newsRows(all, 'Alex', horizon),
        replies: partnerReplies(all, 'Alex', 'Jordan').filter((reply) => Date.parse(reply.date) >= horizon),
        opened: questionsWaiting(all, 'Alex', 'Jordan').opened.filter((item) => Date.parse(item.opened) >= horizon),
      };
      for (const later of [0, 1, DAY / 2, DAY, 7 * DAY, 30 * DAY]) {
        const since = new Date(horizon + later).toISOString();
        for (const firstLook of [true, false])
          expect(newsSince(kept.news, since, firstLook)).toEqual(partnerNewsOfAll(all, 'Alex', since, firstLook));
        expect(repliesAfter(kept.replies, since)).toEqual(repliesToMe(all, 'Alex', 'Jordan', since));
        expect(openedSince(kept.opened, since)).toEqual(questionNews(all, 'Alex', 'Jordan', since).opened);
      }
    }
  });
});
