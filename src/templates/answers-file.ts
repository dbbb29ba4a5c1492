import { parseDocument } from 'yaml';

/** Reads an answers file's text: YAML or JSON (JSON is YAML), mapping question ids to answers. */
export type AnswersText = { ok: true; data: unknown } | { ok: false; problem: string };

export function parseAnswersText(text: string): AnswersText {
  const doc = parseDocument(text);
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    return {
      ok: false,
      problem: `${line ? `line ${line}: ` : ''}not valid YAML or JSON (${problem.message.split('\n')[0]})`,
    };
  }
  const data = doc.toJS() as unknown;
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
