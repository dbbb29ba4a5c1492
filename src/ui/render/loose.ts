import { ATTACHED_HEADING } from '../../store/attachments.js';
import type { Entry } from '../../store/entry.js';
import { humanType } from '../entry-view.js';
import { type BodySection, humanKey, isRecord, valueText } from './values.js';
import type { EntryView, Part, RenderContext, ReviewPart } from './view.js';

/* The parts of a view that need no template: its head, and fields and sections read as they are. */

/** Front matter that is about the entry, not an answer: shown in the heading or not at all. */
export const INTERNAL = new Set(['template', 'private', 'for', 'title']);

/** The head every view shares: title, author, for whom, when, tags, private. */
export function viewHead(entry: Entry, id: string, ctx: RenderContext, title?: string): EntryView {
  const nameOf = ctx.nameOf ?? ((name: string) => name);
  const own =
    typeof entry.fields.title === 'string' && entry.fields.title.trim() !== '' ? entry.fields.title : undefined;
  const forWhom = typeof entry.fields.for === 'string' && entry.fields.for.trim() !== '' ? entry.fields.for : undefined;
  return {
    id,
    type: entry.type,
    title: own ?? title ?? humanType(entry.type),
    author: nameOf(entry.author),
    ...(forWhom ? { forWhom: nameOf(forWhom) } : {}),
    date: entry.date,
    tags: entry.tags,
    private: entry.fields.private === true,
    parts: [],
  };
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

export function reviewPart(id: string, label: string, value: unknown): ReviewPart {
  const items = listOf(value).map((item) => {
    if (isRecord(item)) {
      const { commitment, outcome, ...other } = item;
      const extra = valueText(other);
      return {
        commitment: valueText(commitment) || extra,
        outcome: valueText(outcome) || (commitment === undefined ? '' : extra),
      };
    }
    return { commitment: valueText(item), outcome: '' };
  });
  return { kind: 'review', id, label, items: items.filter((i) => i.commitment !== '' || i.outcome !== '') };
}

/**
 * Fields and sections with no question to say what they are: in the entry's own order, each
 * field in words under its key made readable, each section under its heading.
 */
export function looseParts(fields: Record<string, unknown>, all: BodySection[]): Part[] {
  const parts: Part[] = [];
  // The links to attached files in the body are for Markdown viewers; readers list the files.
  const sections = Array.isArray(fields.attachments)
    ? all.filter((s) => s.heading?.trim().toLowerCase() !== ATTACHED_HEADING.toLowerCase())
    : all;
  const texts = sections.map((s) => s.text);
  for (const [key, value] of Object.entries(fields)) {
    if (INTERNAL.has(key) || value === undefined || value === null) continue;
    if (key === 'ratings' && isRecord(value)) {
      for (const [dimension, rating] of Object.entries(value)) {
        if (typeof rating === 'number' && Number.isFinite(rating))
          parts.push({
            kind: 'rating',
            id: dimension,
            label: humanKey(dimension),
            value: rating,
            min: rating >= 0 && rating <= 5 ? 1 : 0,
            max: rating <= 5 ? 5 : 10,
          });
        else parts.push({ kind: 'fact', id: dimension, label: humanKey(dimension), text: valueText(rating) });
      }
    } else if (key === 'reviewed') parts.push(reviewPart(key, "Last time's promise", value));
    else if (key === 'commitments') {
      // A promise that is also a section of the body is read there.
      const left = listOf(value)
        .map(valueText)
        .filter((item) => item !== '' && !texts.includes(item));
      if (left.length > 0) parts.push({ kind: 'fact', id: key, label: 'Promised', text: left.join('; ') });
    } else if (key === 'attachments' && Array.isArray(value)) {
      const files = value.map(valueText).filter((file) => file !== '');
      if (files.length > 0) parts.push({ kind: 'attachments', id: key, label: 'Attached', files });
    } else {
      const text = valueText(value);
      if (text !== '') parts.push({ kind: 'fact', id: key, label: humanKey(key), text });
    }
  }
  for (const section of sections) {
    const commitment = listOf(fields.commitments).some((item) => valueText(item) === section.text);
    parts.push({
      kind: 'text',
      id: section.heading ?? '',
      label: section.heading ?? '',
      text: section.text,
      ...(commitment ? { commitment } : {}),
    });
  }
  return parts;
}
