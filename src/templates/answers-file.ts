import { parseDocument } from 'yaml';
import { parseBoundedYaml, YAML_LIMITS } from '../store/bounded-yaml.js';

/** Reads an answers file's text: YAML or JSON (JSON is YAML), mapping question ids to answers. */
export type AnswersText = { ok: true; data: unknown } | { ok: false; problem: string };

export function parseAnswersText(text: string): AnswersText {
  const parsed = parseBoundedYaml(text, YAML_LIMITS.answers);
  if (!parsed.ok) {
    const reason = parsed.kind === 'syntax' ? `not valid YAML or JSON: ${parsed.reason}` : parsed.reason;
    return { ok: false, problem: `${parsed.line ? `line ${parsed.line}: ` : ''}${reason}` };
  }
  const data = parsed.data;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, problem: 'must map question ids to answers, e.g. {"went_well": "our walk"}' };
  }
  return { ok: true, data: data ?? {} };
}

/** A built-in template's text under another name, keeping its comments. */
export function renamedTemplateText(text: string, name: string): string {
  const doc = parseDocument(text);
  doc.set('name', name);
  return doc.toString();
}
