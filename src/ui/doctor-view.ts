import type { ChalkInstance } from 'chalk';
import { pushAll } from '../many.js';
import { terminalIsUtf8 } from './charts.js';
import { hanging } from './layout.js';
import { withLongWordsCut } from './output.js';

/** A doctor's finding as the view needs it (app/doctor/check.ts has the whole). */
export interface Finding {
  status: 'ok' | 'info' | 'warn' | 'fail';
  summary: string;
  fix?: string;
  details?: string[];
}

/**
 * One line per check (✓ i ! ✗, or ok/info/warn/FAIL without UTF-8), its files and what to do
 * indented below, and a tally; each wrapped under its text to `width` (a narrow terminal's).
 */
export function renderDoctor(findings: Finding[], c: ChalkInstance, env: NodeJS.ProcessEnv, width?: number): string[] {
  const utf8 = terminalIsUtf8(env);
  const marks = utf8
    ? { ok: c.green('✓'), info: c.blue('i'), warn: c.yellow('!'), fail: c.red('✗') }
    : { ok: c.green('ok  '), info: c.blue('info'), warn: c.yellow('warn'), fail: c.red('FAIL') };
  const lines: string[] = [];
  // A finding may quote a file's line (a partner's broken intimacy.yaml): a word of thousands of
  // characters is cut to its start, as in every other message.
  for (const finding of findings) {
    pushAll(lines, hanging(`${marks[finding.status]} `, withLongWordsCut(finding.summary), width));
    const indent = utf8 ? '  ' : '     ';
    // Dimmed line by line once wrapped: a file's long name may be cut across lines, colour codes and all.
    for (const detail of finding.details ?? [])
      pushAll(
        lines,
        hanging(`${indent}  `, withLongWordsCut(detail), width).map((line) => {
          const text = line.trimStart();
          return line.slice(0, line.length - text.length) + c.dim(text);
        }),
      );
    if (finding.fix && finding.status !== 'ok')
      pushAll(lines, hanging(`${indent}${utf8 ? '→' : '->'} `, withLongWordsCut(finding.fix), width));
  }
  const failures = findings.filter((f) => f.status === 'fail').length;
  const warnings = findings.filter((f) => f.status === 'warn').length;
  lines.push('');
  if (failures === 0 && warnings === 0) lines.push(c.green('Everything looks right.'));
  else {
    const parts = [
      failures > 0 ? c.red(failures === 1 ? '1 problem' : `${failures} problems`) : '',
      warnings > 0 ? c.yellow(warnings === 1 ? '1 warning' : `${warnings} warnings`) : '',
    ].filter(Boolean);
    lines.push(`${parts.join(', ')}.`);
  }
  return lines;
}
