import { escapeHtml } from '../html.js';
import { spelledTime } from '../long-time.js';
import type { EntryView, Part } from '../render/view.js';
import { ratingCells } from './svg.js';

/*
 * One entry view as an <article> of the report: short answers in a definition list (ratings as
 * small bars), written answers under their headings, promises with how they went. Every text
 * is escaped.
 */

export interface EntryHtmlOptions {
  /** the partner's place (0, 1; 2 for anyone else), for their colour */
  slotOf: (name: string) => number;
  /**
   * An attached photo's bytes, to draw it inline (a data: URL, as the page may load nothing
   * from outside); undefined for a file that is only named.
   */
  attachmentImage?: (file: string, view: EntryView) => InlineImage | undefined;
}

/** A photo written into the page. */
export interface InlineImage {
  /** a media type a browser draws: image/jpeg, image/png, image/webp, image/gif */
  type: string;
  base64: string;
}

/** An attached file: the photo itself, captioned with its name, or its name alone. */
function attachmentHtml(file: string, view: EntryView, options: EntryHtmlOptions): string {
  const name = esc(file.slice(file.lastIndexOf('/') + 1));
  const image = options.attachmentImage?.(file, view);
  // The type is one of four fixed words and base64 has no character HTML treats specially.
  if (image && /^image\/(jpeg|png|webp|gif)$/.test(image.type) && /^[A-Za-z0-9+/=]*$/.test(image.base64))
    return `<figure class="photo"><img src="data:${image.type};base64,${image.base64}" alt="${name}"><figcaption>${name}</figcaption></figure>`;
  return `<p class="file">${esc(file)}</p>`;
}

const esc = escapeHtml;

/** Written answers keep their line breaks; paragraphs are separated by blank lines. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${esc(p.trim())}</p>`)
    .join('');
}

function outcomeHtml(outcome: string): string {
  const key =
    outcome === 'kept' ? 'kept' : outcome === 'partly' ? 'partly' : outcome === 'not yet' ? 'notyet' : 'other';
  return `<span class="outcome ${key}">${esc(outcome)}</span>`;
}

function shortHtml(part: Part): string {
  if (part.kind === 'rating') {
    const cells = ratingCells(part.value, part.min, part.max);
    return `<dt>${esc(part.label)}</dt><dd class="rating">${cells}<span class="figure">${esc(`${part.value}/${part.max}`)}</span></dd>`;
  }
  if (part.kind === 'fact') return `<dt>${esc(part.label)}</dt><dd>${esc(part.text)}</dd>`;
  return '';
}

function blockHtml(part: Part, view: EntryView, options: EntryHtmlOptions): string {
  const heading = part.label === '' ? '' : `<h4>${esc(part.label)}</h4>`;
  switch (part.kind) {
    case 'text':
      return `<section class="answer${part.commitment ? ' promise' : ''}">${heading}${paragraphs(part.text)}</section>`;
    case 'review':
      return `<section class="review">${heading}<ul>${part.items
        .map((item) => `<li>${esc(item.commitment)}${item.outcome ? ` — ${outcomeHtml(item.outcome)}` : ''}</li>`)
        .join('')}</ul></section>`;
    case 'attachments':
      return `<section class="attachments">${heading}${part.files
        .map((file) => attachmentHtml(file, view, options))
        .join('')}</section>`;
    default:
      return '';
  }
}

/** The view's attached files alone, for the report's short lists (gratitudes, pulses). */
export function attachedHtml(view: EntryView, options: EntryHtmlOptions): string {
  return view.parts
    .filter((part) => part.kind === 'attachments')
    .map(
      (part) =>
        `<div class="attachments">${part.files.map((file) => attachmentHtml(file, view, options)).join('')}</div>`,
    )
    .join('');
}

export function entryHtml(view: EntryView, options: EntryHtmlOptions): string {
  const slot = options.slotOf(view.author);
  const whom = view.forWhom ? ` for ${esc(view.forWhom)}` : '';
  const mark = view.private ? ' <span class="private">private: on this computer only</span>' : '';
  const tags = view.tags.length === 0 ? '' : `<p class="tags">${esc(view.tags.map((t) => `#${t}`).join(' '))}</p>`;
  const body: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length > 0) body.push(`<dl class="short">${list.join('')}</dl>`);
    list = [];
  };
  for (const part of view.parts) {
    if (part.kind === 'rating' || part.kind === 'fact') list.push(shortHtml(part));
    else {
      flush();
      body.push(blockHtml(part, view, options));
    }
  }
  flush();
  return `<article class="entry p${slot}" id="${esc(`entry-${view.id}`)}" data-type="${esc(view.type)}">
<h3>${esc(view.title)}</h3>
<p class="byline"><span class="who p${slot}">${esc(view.author)}</span>${whom} · <time datetime="${esc(view.date)}">${esc(spelledTime(view, 'EEEE d MMMM yyyy, HH:mm'))}</time>${mark}</p>
${tags}${body.join('\n')}
<p class="id">${esc(view.id)}</p>
</article>`;
}
