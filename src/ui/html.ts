import { plural } from '../plural.js';
import type { Entry } from '../store/entry.js';
import { humanType } from './entry-view.js';
import { spelledTime } from './long-time.js';

/**
 * One self-contained, printable HTML page (no scripts, no outside files), e.g. to bring to a
 * counsellor. Every piece of journal text is escaped: an entry can never inject markup.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  body { font: 16px/1.5 Georgia, "Times New Roman", serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  .meta, .id { color: #666; font-size: .9rem; }
  article { border-top: 1px solid #ccc; padding: 1rem 0; break-inside: avoid-page; }
  article h2 { font-size: 1.2rem; margin: 0; }
  article h3 { font-size: 1rem; margin: 1rem 0 .2rem; }
  dl { display: grid; grid-template-columns: max-content auto; gap: 0 1rem; font-size: .95rem; }
  dt { color: #555; }
  p { margin: .3rem 0; white-space: pre-wrap; }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
`;

/** Markdown answers in the shape we write them: `#` headings and paragraphs; nothing else is interpreted. */
function bodyHtml(body: string): string {
  const parts: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) parts.push(`<p>${escapeHtml(paragraph.join('\n'))}</p>`);
    paragraph = [];
  };
  for (const line of body.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      parts.push(`<h3>${escapeHtml(heading[1] ?? '')}</h3>`);
    } else if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return parts.join('\n');
}

function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value !== null && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('; ');
  return String(value);
}

export function exportHtml(items: Array<{ id: string; entry: Entry }>, title: string, generatedAt: Date): string {
  const articles = items.map(({ id, entry }) => {
    const fields = Object.entries(entry.fields).filter(([, v]) => v !== undefined && v !== null);
    const dl =
      fields.length === 0
        ? ''
        : `<dl>${fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(fieldText(v))}</dd>`).join('')}</dl>`;
    const tags = entry.tags.length === 0 ? '' : ` · ${escapeHtml(entry.tags.map((t) => `#${t}`).join(' '))}`;
    return `<article>
<h2>${escapeHtml(humanType(entry.type))}</h2>
<div class="meta">${escapeHtml(entry.author)} · <time datetime="${escapeHtml(entry.date)}">${escapeHtml(spelledTime(entry, 'EEEE d MMMM yyyy, HH:mm'))}</time>${tags}</div>
${dl}
${bodyHtml(entry.body)}
<div class="id">${escapeHtml(id)}</div>
</article>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="meta">${plural(items.length, 'entry', 'entries')} · exported ${escapeHtml(spelledTime({ date: generatedAt.toISOString() }, 'd MMMM yyyy'))}</div>
${articles.join('\n')}
</body>
</html>
`;
}

/** Markdown export: the entries one after another, each under a heading saying who and when. */
export function exportMarkdown(items: Array<{ id: string; entry: Entry }>, title: string): string {
  const parts = [`# ${title}\n`];
  for (const { id, entry } of items) {
    const tags = entry.tags.length === 0 ? '' : ` · ${entry.tags.map((t) => `#${t}`).join(' ')}`;
    const fields = Object.entries(entry.fields).filter(([, v]) => v !== undefined && v !== null);
    const fieldBlock = fields.length === 0 ? '' : fields.map(([k, v]) => `- ${k}: ${fieldText(v)}`).join('\n') + '\n\n';
    // Answer headings move down two levels so they sit under the entry's own heading.
    const body = entry.body.replace(/^(#{1,4})(\s)/gm, '##$1$2').replace(/\s+$/, '');
    parts.push(
      `## ${humanType(entry.type)} — ${entry.author}, ${spelledTime(entry, 'EEEE d MMMM yyyy, HH:mm')}\n\n<!-- ${id} -->\n${tags ? `\n${tags.slice(3)}\n` : ''}\n${fieldBlock}${body}\n`,
    );
  }
  return parts.join('\n');
}
