import type { ChalkInstance } from 'chalk';
import type { Entry } from '../store/entry.js';
import { humanType, pad, privateMark, ratingBar, typeColour } from './entry-view.js';
import { spelledTime } from './long-time.js';

/* How `show` lays out one entry for reading. */

function fieldLines(c: ChalkInstance, fields: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const label = (key: string) => c.dim(pad(`${key}:`, 14));
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') lines.push(`${label(key)} ${ratingBar(value) ?? String(value)}`);
    else if (Array.isArray(value)) lines.push(`${label(key)} ${value.map(String).join(', ')}`);
    else if (typeof value === 'object') {
      lines.push(c.dim(`${key}:`));
      for (const [sub, inner] of Object.entries(value as Record<string, unknown>)) {
        const shown =
          typeof inner === 'number'
            ? (ratingBar(inner) ?? String(inner))
            : Array.isArray(inner)
              ? inner.map(String).join(', ')
              : String(inner);
        lines.push(`  ${label(sub)} ${shown}`);
      }
    } else lines.push(`${label(key)} ${String(value)}`);
  }
  return lines;
}

/** One entry for reading: title, who and when, fields (ratings as bars), answers under their questions. */
export function entryPage(c: ChalkInstance, item: { entry: Entry; id: string }): string[] {
  const { entry } = item;
  const { for: thanked, private: _private, ...rest } = entry.fields;
  const title = typeof rest.title === 'string' ? rest.title : humanType(entry.type);
  delete rest.title;
  const lines: string[] = [];
  lines.push(typeColour(c, entry.type).bold(title));
  const whom = typeof thanked === 'string' ? ` for ${thanked}` : '';
  lines.push(
    `${privateMark(c, entry)}${c.bold(entry.author)}${whom} · ${spelledTime(entry, 'EEEE d MMMM yyyy, HH:mm')}`,
  );
  if (entry.tags.length > 0) lines.push(c.dim(entry.tags.map((tag) => `#${tag}`).join(' ')));
  lines.push(c.dim(item.id));
  const fields = fieldLines(c, rest);
  if (fields.length > 0) lines.push('', ...fields);
  lines.push('');
  for (const line of entry.body.replace(/\s+$/, '').split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) lines.push(c.bold.underline(heading[1] ?? ''));
    else lines.push(line === '' ? '' : `  ${line}`);
  }
  return lines;
}
