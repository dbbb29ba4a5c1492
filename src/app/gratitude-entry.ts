import type { Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import type { Entry } from '../store/entry.js';
import { isoWithOffset } from '../store/entry-date.js';

/** What a gratitude note looks like as an entry: the note under one heading, and whom it thanks. */
export const GRATITUDE_HEADING = "What I'm grateful for";

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
