/*
 * What a command printed, checked for terminal controls. Anything a partner wrote (entry text,
 * names, types, tags, file names, template and ritual texts) may hold escape sequences; the
 * tool must show them as visible escapes, never write them. The tool's own colours (SGR:
 * ESC [ numbers m) are allowed only when `colours` is set.
 */

/** C0 controls but tab and newline, DEL, C1 controls, bidi controls (marks, embeddings, overrides, isolates), line separators. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;
const SGR = /\u001b\[[0-9;]*m/gu;

export interface ControlFound {
  /** the character, as a code point: U+001B */
  char: string;
  /** 1-based line of the output it was found on */
  line: number;
  /** the line it was found on, with every control made visible */
  context: string;
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Every control character in `text` (colours excepted when `colours`), with where it is. */
export function controlsIn(text: string, options: { colours?: boolean } = {}): ControlFound[] {
  const found: ControlFound[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = options.colours ? raw.replace(SGR, '') : raw;
    for (const match of line.matchAll(CONTROL)) {
      found.push({
        char: codePoint(match[0]),
        line: index + 1,
        context: line.replace(CONTROL, (char) => `<${codePoint(char)}>`).slice(0, 200),
      });
    }
  });
  return found;
}

/**
 * Lines of `text` that start with `marker` (after spaces): a newline a file smuggled into a
 * one-line field (a name, a type, a file name) forges a line of its own.
 */
export function forgedLines(text: string, marker: string): string[] {
  return text.split('\n').filter((line) => line.trimStart().startsWith(marker));
}

/** A readable account of what a command printed that it should not have, or '' when clean. */
export function outputProblems(
  label: string,
  output: { stdout: string; stderr: string },
  options: { colours?: boolean; marker?: string } = {},
): string {
  const problems: string[] = [];
  for (const [stream, text] of [
    ['stdout', output.stdout],
    ['stderr', output.stderr],
  ] as const) {
    for (const found of controlsIn(text, options))
      problems.push(`${label} ${stream} line ${found.line}: ${found.char} in ${found.context}`);
    if (options.marker)
      for (const line of forgedLines(text, options.marker))
        problems.push(`${label} ${stream}: forged line ${JSON.stringify(line)}`);
  }
  return problems.join('\n');
}
