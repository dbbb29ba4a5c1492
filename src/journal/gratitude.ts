import { formatISO } from 'date-fns';
import type { Entry } from './entry.js';
import type { Journal } from './journal.js';
import { partnerOf } from './partners.js';

// Kept here too for the writing commands; reading commands import them alone (no date-fns).
export { partnerOf } from './partners.js';
export { validateTags } from './tags.js';

export const GRATITUDE_HEADING = "What I'm grateful for";

/** ISO 8601 with the writer's own UTC offset: 2026-11-25T19:32:09+01:00 */
export function isoWithOffset(date: Date): string {
  // formatISO rather than format(): the same text, without loading date-fns' whole formatter
  // and locale on every write; it writes UTC as "Z", which entries spell +00:00.
  return formatISO(date).replace(/Z$/, '+00:00');
}

export function gratitudeEntry(input: {
  text: string;
  tags: string[];
  thanked?: string;
  journal: Journal;
  when: Date;
}): Entry {
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
