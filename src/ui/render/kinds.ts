import type { Entry } from '../../store/entry.js';
import { typeLabel } from '../words.js';
import { looseParts, viewHead } from './loose.js';
import { describeQuestion } from './question.js';
import { describeReply } from './reply.js';
import { bodySections } from './values.js';
import type { EntryView, RenderContext } from './view.js';

/*
 * Entry types that are not a template's answers and have a shape of their own. To add one (an
 * opened question with both answers, a reply), add a describer here: it gets the entry, its id
 * and the render context, and returns the view every layout (terminal, Markdown, HTML, week)
 * draws; undefined falls back to the template-driven description.
 */
export type Describer = (entry: Entry, id: string, ctx: RenderContext) => EntryView | undefined;

export const KINDS: Record<string, Describer> = {
  skip: describeSkip,
  question: describeQuestion,
  reply: describeReply,
};

/** A skipped ritual: "Skipped gratitude", and the reason if one was given. */
function describeSkip(entry: Entry, id: string, ctx: RenderContext): EntryView {
  const ritual = typeof entry.fields.ritual === 'string' ? entry.fields.ritual : undefined;
  const view = viewHead(entry, id, ctx, ritual ? `Skipped ${typeLabel(ritual)}` : 'Skipped');
  const { ritual: _ritual, reason, ...rest } = entry.fields;
  const sections = bodySections(entry.body);
  const parts = looseParts(rest, sections);
  if (typeof reason === 'string' && !sections.some((s) => s.text === reason))
    parts.unshift({ kind: 'text', id: 'reason', label: 'Why', text: reason });
  view.parts = parts;
  return view;
}
