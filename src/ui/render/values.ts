/*
 * Any front matter value, in words: what a field reads as when no template says more about
 * it (a hand-edited entry, a template since deleted or broken). Never "[object Object]", never
 * a key as it is spelled in YAML.
 */

/** "has_concern" → "Has concern", "wentWell" → "Went well", "planned-next" → "Planned next". */
export function humanKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** A value of any shape, as a person would write it down. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (Array.isArray(value))
    return value
      .map((item) => (isRecord(item) ? recordText(item, ' — ') : valueText(item)))
      .filter((text) => text !== '')
      .join(', ');
  if (isRecord(value)) return recordText(value, '; ', true);
  return String(value);
}

/** { commitment: "Plan a date", outcome: "kept" } → "Plan a date — kept"; with keys: "Commitment: …". */
function recordText(record: Record<string, unknown>, separator: string, withKeys = false): string {
  return Object.entries(record)
    .filter(([, inner]) => inner !== null && inner !== undefined)
    .map(([key, inner]) => (withKeys ? `${humanKey(key)}: ${valueText(inner)}` : valueText(inner)))
    .filter((text) => text !== '')
    .join(separator);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

export interface BodySection {
  /** the `## heading` it sits under; undefined for text before the first heading */
  heading?: string;
  text: string;
}

/** The body in the shape entries are written: `## heading` sections of text. Blank ones are left out. */
export function bodySections(body: string): BodySection[] {
  const sections: BodySection[] = [];
  let heading: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    const text = lines
      .join('\n')
      .replace(/^\s*\n/, '')
      .replace(/\s+$/, '');
    if (text !== '') sections.push(heading === undefined ? { text } : { heading, text });
    lines = [];
  };
  for (const line of body.split(/\r?\n/)) {
    const match = /^#{1,6}\s+(.*?)\s*$/.exec(line);
    if (match) {
      flush();
      heading = match[1] ?? '';
    } else lines.push(line);
  }
  flush();
  return sections;
}
