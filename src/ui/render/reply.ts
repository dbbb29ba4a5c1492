import type { Entry } from '../../store/entry.js';
import { typeLabel } from '../words.js';
import { looseParts, viewHead } from './loose.js';
import { bodySections } from './values.js';
import type { EntryView, RenderContext } from './view.js';

/** The heading a reply's words are filed under. */
export const REPLY_HEADING = 'Reply';

/** A reply: "Reply to Jordan's gratitude", its words, and which entry it answers. */
export function describeReply(entry: Entry, id: string, ctx: RenderContext): EntryView {
  const { replies_to: target, replies_to_type: targetType, for: _for, ...rest } = entry.fields;
  const whom = typeof entry.fields.for === 'string' ? entry.fields.for : undefined;
  const what = typeof targetType === 'string' ? typeLabel(targetType) : 'entry';
  const nameOf = ctx.nameOf ?? ((name: string) => name);
  const view = viewHead(entry, id, ctx, `Reply to ${whom ? `${nameOf(whom)}'s ` : ''}${what}`);
  delete view.forWhom;
  const sections = bodySections(entry.body).map((s) => (s.heading === REPLY_HEADING ? { text: s.text } : s));
  view.parts = [
    ...looseParts(rest, sections),
    ...(typeof target === 'string'
      ? [{ kind: 'fact' as const, id: 'replies_to', label: 'In reply to', text: target }]
      : []),
  ];
  return view;
}
