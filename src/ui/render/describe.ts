import type { Entry } from '../../store/entry.js';
import { headingOf } from '../../templates/answers.js';
import type { Question, Template } from '../../templates/schema.js';
import { KINDS } from './kinds.js';
import { INTERNAL, listOf, looseParts, reviewPart, viewHead } from './loose.js';
import { type BodySection, bodySections, isRecord, valueText, yesNo } from './values.js';
import type { EntryView, Part, RenderContext } from './view.js';

/*
 * An entry → what a reader sees of it (view.ts). With its template, every answer takes the
 * question's own words and comes in the template's order; without one (unknown, deleted or
 * broken), every field still reads as words. Entry types with a shape of their own (a skip, an
 * opened question…) are described by KINDS (kinds.ts) instead.
 */

export function describeEntry(entry: Entry, id: string, ctx: RenderContext): EntryView {
  // The type comes from the file: only KINDS' own describers, never `constructor` or the like.
  const special = Object.hasOwn(KINDS, entry.type) ? KINDS[entry.type]?.(entry, id, ctx) : undefined;
  if (special) return special;
  const template = templateOf(entry, ctx.templates);
  const view = viewHead(entry, id, ctx, template?.title);
  view.parts = template ? templateParts(entry, template) : looseParts(entry.fields, bodySections(entry.body));
  return view;
}

/** The template an entry was written from, when the journal still has it and it writes this type. */
export function templateOf(entry: Entry, templates: ReadonlyMap<string, Template>): Template | undefined {
  for (const name of templateNames(entry)) {
    const template = templates.get(name);
    if (template && template.type === entry.type) return template;
  }
  return undefined;
}

/** The names of the templates templateOf looks for, in its order: the one the entry names, then its type's. */
export function templateNames(entry: Pick<Entry, 'type' | 'fields'>): string[] {
  const named = entry.fields.template;
  return typeof named === 'string' ? [named, entry.type] : [entry.type];
}

function sameHeading(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function templateParts(entry: Entry, template: Template): Part[] {
  const fields = entry.fields;
  const ratings = isRecord(fields.ratings) ? fields.ratings : {};
  const sections = bodySections(entry.body);
  const usedSections = new Set<BodySection>();
  const usedFields = new Set<string>(INTERNAL);
  const usedRatings = new Set<string>();
  const parts: Part[] = [];
  for (const question of template.questions) {
    const label = headingOf(question);
    if (question.type === 'text' || question.type === 'long') {
      const section = sections.find((s) => !usedSections.has(s) && sameHeading(s.heading, label));
      if (!section) continue;
      usedSections.add(section);
      parts.push({ kind: 'text', id: question.id, label, text: section.text, commitment: question.commitment });
      continue;
    }
    if (question.type === 'review') {
      if (fields.reviewed === undefined) continue;
      usedFields.add('reviewed');
      parts.push(reviewPart(question.id, label, fields.reviewed));
      continue;
    }
    if (question.type === 'rating') {
      const value = ratings[question.id] ?? fields[question.id];
      if (value === undefined || value === null) continue;
      if (question.id in ratings) usedRatings.add(question.id);
      else usedFields.add(question.id);
      parts.push(
        typeof value === 'number'
          ? { kind: 'rating', id: question.id, label, value, min: question.min ?? 1, max: question.max ?? 5 }
          : { kind: 'fact', id: question.id, label, text: valueText(value) },
      );
      continue;
    }
    const value = fields[question.id];
    if (value === undefined || value === null) continue;
    usedFields.add(question.id);
    parts.push({ kind: 'fact', id: question.id, label, text: answerText(question, value) });
  }
  // Promises already shown as the answer they came from are not repeated.
  const shown = new Set(
    parts.filter((p) => p.kind === 'text' && p.commitment).map((p) => (p as { text: string }).text),
  );
  const leftRatings = Object.fromEntries(Object.entries(ratings).filter(([key]) => !usedRatings.has(key)));
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (usedFields.has(key)) continue;
    if (key === 'ratings') {
      if (Object.keys(leftRatings).length > 0) rest.ratings = leftRatings;
    } else if (key === 'commitments') {
      const left = listOf(value).filter((item) => !shown.has(valueText(item)));
      if (left.length > 0) rest.commitments = left;
    } else rest[key] = value;
  }
  return [
    ...parts,
    ...looseParts(
      rest,
      sections.filter((s) => !usedSections.has(s)),
    ),
  ];
}

function answerText(question: Question, value: unknown): string {
  if (question.type === 'yesno' && typeof value === 'boolean') return yesNo(value);
  return valueText(value);
}
