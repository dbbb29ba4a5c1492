import { pushAll } from '../../many.js';
import { inBlocks } from '../blocks.js';
import { spelledTime } from '../long-time.js';
import { safeLine, safeText } from './safe.js';
import { ratingBar } from './terminal.js';
import type { EntryView, Part } from './view.js';

/*
 * An entry view as Markdown, for `export --format md`: a heading saying what, who and when,
 * short answers as a list, written answers under their own headings (two levels below the
 * entry's, so the file's outline stays right).
 */

export interface MarkdownOptions {
  /** the link to an attached file from where the export is written; undefined to name it only */
  linkOf?: (file: string, view: EntryView) => string | undefined;
}

/**
 * Marks a Markdown viewer would act on (emphasis, links, code, HTML tags): a name, a tag or a title from the partner's files is shown as the words it
 * is, never as a link or an HTML tag. Written answers and bodies are Markdown their writer
 * wrote, and stay as they are.
 */
const MARKDOWN_MARKS = /[\\`*_[\]<>]/g;

/** A name, a tag, a title or a label, put into one line of Markdown as plain words. */
function words(text: string): string {
  return safeLine(text).replace(MARKDOWN_MARKS, '\\$&');
}

/** Files a Markdown viewer draws as images. */
const IMAGE = /\.(jpe?g|png|webp|gif)$/i;

export function entryMarkdown(view: EntryView, options: MarkdownOptions = {}): string {
  const whom = view.forWhom ? ` for ${view.forWhom}` : '';
  const mark = view.private ? ' (private)' : '';
  const lines = [
    `## ${words(view.title)} — ${words(view.author)}${words(whom)}, ${spelledTime(view, 'EEEE d MMMM yyyy, HH:mm')}${mark}`,
    '',
    `<!-- ${safeLine(view.id)} -->`,
  ];
  if (view.tags.length > 0) lines.push('', view.tags.map((tag) => `#${words(tag)}`).join(' '));
  let inList = false;
  for (const part of view.parts) {
    const short = part.kind === 'rating' || part.kind === 'fact';
    if (!short || !inList) lines.push('');
    inList = short;
    pushAll(lines, partMarkdown(part, view, options));
  }
  return lines.join('\n') + '\n';
}

function partMarkdown(part: Part, view: EntryView, options: MarkdownOptions): string[] {
  const label = words(part.label);
  switch (part.kind) {
    case 'rating':
      return [`- **${label}:** ${ratingBar(part)}`];
    case 'fact':
      return [`- **${label}:** ${safeLine(part.text.replace(/\s*\n\s*/g, ' '))}`];
    case 'text':
      return [...(label === '' ? [] : [`### ${label}`, '']), safeText(part.text)];
    case 'review':
      return [
        `### ${label}`,
        '',
        ...part.items.map(
          (item) => `- ${safeLine(item.commitment)}${item.outcome ? ` — ${safeLine(item.outcome)}` : ''}`,
        ),
      ];
    case 'attachments':
      return [`### ${label}`, '', ...part.files.map((file) => `- ${fileMarkdown(file, view, options)}`)];
  }
}

/** An attached file: an image or a link where it can be reached, else its path. */
function fileMarkdown(file: string, view: EntryView, options: MarkdownOptions): string {
  const link = options.linkOf?.(file, view);
  if (link === undefined) return safeLine(file);
  const name = safeLine(file.slice(file.lastIndexOf('/') + 1)).replace(/[[\]\\]/g, '');
  return `${IMAGE.test(file) ? '!' : ''}[${name}](${link.replace(/[()\s]/g, encodeURIComponent)})`;
}

/** The Markdown export: the title, then each view, made in blocks as they are read (never held whole). */
export function exportMarkdownViews(
  views: Iterable<EntryView>,
  title: string,
  options: MarkdownOptions = {},
): Generator<string> {
  return inBlocks(markdownPieces(views, title, options));
}

function* markdownPieces(views: Iterable<EntryView>, title: string, options: MarkdownOptions): Generator<string> {
  yield `# ${words(title)}\n`;
  for (const view of views) yield `\n${entryMarkdown(view, options)}`;
}
