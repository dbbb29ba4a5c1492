import type { Template } from '../../templates/schema.js';

/*
 * What a reader sees of one entry, before it is laid out for a terminal, Markdown or HTML:
 * the title, who and when, and its answers in the template's own words. Every reading view
 * (show, week, export, the preview before saving) is made from this, so an answer reads the
 * same everywhere and no view prints a raw key or an internal field.
 */

/** A rating: drawn as a small bar, labelled with the question's words. */
export interface RatingPart {
  kind: 'rating';
  /** the question id (or field key) it answers; views that put two entries side by side align on it */
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
}

/** A short answer read as "label: words": yes/no, a choice, feelings, a number, or any other field. */
export interface FactPart {
  kind: 'fact';
  id: string;
  label: string;
  text: string;
}

/** A written answer under its heading. */
export interface TextPart {
  kind: 'text';
  id: string;
  label: string;
  text: string;
  /** an answer that is a promise the next run looks back at ("What I'll do this week") */
  commitment?: boolean;
}

/** How the promises from last time went: "Plan a date — kept". */
export interface ReviewPart {
  kind: 'review';
  id: string;
  label: string;
  items: Array<{ commitment: string; outcome: string }>;
}

/**
 * Files kept with the entry (the scrapbook). `show` lists their paths; the HTML report is where
 * images appear inline (see report/entry-html.ts, `attachmentHtml`).
 */
export interface AttachmentsPart {
  kind: 'attachments';
  id: string;
  label: string;
  files: string[];
}

export type Part = RatingPart | FactPart | TextPart | ReviewPart | AttachmentsPart;

export interface EntryView {
  id: string;
  type: string;
  /** the template's title ("Weekly check-in"), else a readable name of the type */
  title: string;
  /** the author's name as the journal knows it now (an old name resolves to the new one) */
  author: string;
  /** whom a gratitude or appreciation is for */
  forWhom?: string;
  /** ISO 8601 as written in the entry */
  date: string;
  tags: string[];
  private: boolean;
  parts: Part[];
}

export interface RenderContext {
  /** the templates the journal knows (built-in and its own), by name */
  templates: ReadonlyMap<string, Template>;
  /** the name the journal knows an author by now (an old name resolves to the new one) */
  nameOf?: (author: string) => string;
  /** the words of one of your own answers still sealed, read with the key this computer keeps */
  ownSealed?: (entry: { fields: Record<string, unknown> }) => { answer: string; guess?: string } | undefined;
  /** the partner's answer to the same question as the answer with this id (show: the whole question) */
  partnerAnswer?: (id: string) => import('../../store/entry.js').Entry | undefined;
}
