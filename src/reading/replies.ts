/*
 * Replies: a short note that answers an entry, kept in an entry file of its own (so two replies,
 * written at once from both sides, never conflict) with the id of the entry it answers in its
 * front matter. Pure: which entries answer which, and a listing's order with each reply right
 * after the entry it answers.
 */

export const REPLY_TYPE = 'reply';

/** The id of the entry this one answers, when it is a reply. */
export function repliesTo(entry: { type: string; fields: Record<string, unknown> }): string | undefined {
  if (entry.type !== REPLY_TYPE) return undefined;
  const target = entry.fields.replies_to;
  return typeof target === 'string' && target.trim() !== '' ? target.trim() : undefined;
}

/** The replies to each entry, by the id they answer, oldest first (the input's order, oldest first). */
export function repliesByTarget<T extends { type: string; fields: Record<string, unknown> }>(
  items: T[],
): Map<string, T[]> {
  const byTarget = new Map<string, T[]>();
  for (const item of items) {
    const target = repliesTo(item);
    if (target === undefined) continue;
    let list = byTarget.get(target);
    if (!list) byTarget.set(target, (list = []));
    list.push(item);
  }
  return byTarget;
}

/**
 * A listing oldest first, with each reply moved to just after the entry it answers (and the
 * replies to it after it) when that entry is in the listing too; the others keep their place.
 */
export function inThreadOrder<T extends { id: string; type: string; fields: Record<string, unknown> }>(
  items: T[],
): T[] {
  const ids = new Set(items.map((item) => item.id));
  const replies = repliesByTarget(items.filter((item) => ids.has(repliesTo(item) ?? '')));
  const placed = new Set<string>();
  const out: T[] = [];
  const place = (item: T) => {
    if (placed.has(item.id)) return;
    placed.add(item.id);
    out.push(item);
    for (const reply of replies.get(item.id) ?? []) place(reply);
  };
  for (const item of items) if (!ids.has(repliesTo(item) ?? '')) place(item);
  // Replies in a loop of ids (only a hand-made file can do that) still appear.
  for (const item of items) place(item);
  return out;
}

export interface ReplyNews {
  by: string;
  /** the type of the entry answered */
  to: string;
  id: string;
  date: string;
}

/** Your partner's replies to your entries since `since`, oldest first: "Jordan replied to your gratitude". */
export function repliesToMe(
  entries: Array<{ id: string; type: string; author: string; date: string; fields: Record<string, unknown> }>,
  me: string,
  partner: string | undefined,
  since: string,
): ReplyNews[] {
  return repliesAfter(partnerReplies(entries, me, partner), since);
}

/** Every reply of your partner's to one of your entries, oldest first (repliesToMe before the look is applied). */
export function partnerReplies(
  entries: Array<{ id: string; type: string; author: string; date: string; fields: Record<string, unknown> }>,
  me: string,
  partner: string | undefined,
): ReplyNews[] {
  if (!partner) return [];
  const mine = new Set(entries.filter((e) => e.author === me).map((e) => e.id));
  return entries
    .filter((e) => e.author === partner && mine.has(repliesTo(e) ?? ''))
    .map((e) => ({
      by: partner,
      to: typeof e.fields.replies_to_type === 'string' ? e.fields.replies_to_type : 'entry',
      id: e.id,
      date: e.date,
    }));
}

/** The replies written after `since`. */
export function repliesAfter(replies: ReplyNews[], since: string): ReplyNews[] {
  const after = Date.parse(since);
  return replies.filter((reply) => Date.parse(reply.date) > after);
}
