import { formatISO } from 'date-fns';
import type { Entry } from './entry.js';
import type { Journal } from './journal.js';

export const GRATITUDE_HEADING = "What I'm grateful for";

/** ISO 8601 with the writer's own UTC offset: 2026-11-25T19:32:09+01:00 */
export function isoWithOffset(date: Date): string {
  // formatISO rather than format(): the same text, without loading date-fns' whole formatter
  // and locale on every write; it writes UTC as "Z", which entries spell +00:00.
  return formatISO(date).replace(/Z$/, '+00:00');
}

export function validateTags(tags: string[]): string | undefined {
  for (const tag of tags) {
    if (tag.trim() === '') return '--tag needs a word.';
    if (/[\s,]/.test(tag.trim())) return `A tag is one word without spaces or commas: "${tag}".`;
    if (tag.length > 60) return `A tag can be at most 60 characters: "${tag.slice(0, 20)}…".`;
  }
  return undefined;
}

/** The partner of `me` when the settings name exactly two people. */
export function partnerOf(journal: Pick<Journal, 'settings' | 'me'>): string | undefined {
  const others = journal.settings.partners.filter((name) => name !== journal.me.name);
  return journal.settings.partners.length === 2 && others.length === 1 ? others[0] : undefined;
}

export function gratitudeEntry(input: { text: string; tags: string[]; thanked?: string; journal: Journal; when: Date }): Entry {
  const thanked = input.thanked?.trim() ?? partnerOf(input.journal);
  return {
    type: 'gratitude',
    author: input.journal.me.name,
    date: isoWithOffset(input.when),
    tags: [...new Set(input.tags.map((tag) => tag.trim()))],
    fields: thanked ? { for: thanked } : {},
    body: `## ${GRATITUDE_HEADING}\n\n${input.text.replace(/\s+$/, '')}\n`,
  };
}
