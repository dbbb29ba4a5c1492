import type { ChalkInstance } from 'chalk';
import { terminalIsUtf8 } from './charts.js';
import { withLongWordsCut } from './output.js';

/** A doctor's finding as the view needs it (app/doctor/check.ts has the whole). */
export interface Finding {
  status: 'ok' | 'info' | 'warn' | 'fail';
  summary: string;
  fix?: string;
  details?: string[];
}

/** One line per check (✓ i ! ✗, or ok/info/warn/FAIL without UTF-8), its files and what to do indented below, and a tally. */
export function renderDoctor(findings: Finding[], c: ChalkInstance, env: NodeJS.ProcessEnv): string[] {
  const utf8 = terminalIsUtf8(env);
  const marks = utf8
    ? { ok: c.green('✓'), info: c.blue('i'), warn: c.yellow('!'), fail: c.red('✗') }
    : { ok: c.green('ok  '), info: c.blue('info'), warn: c.yellow('warn'), fail: c.red('FAIL') };
  const lines: string[] = [];
  // A finding may quote a file's line (a partner's broken intimacy.yaml): a word of thousands of
  // characters is cut to its start, as in every other message.
  for (const finding of findings) {
    lines.push(`${marks[finding.status]} ${withLongWordsCut(finding.summary)}`);
    const indent = utf8 ? '  ' : '     ';
    for (const detail of finding.details ?? []) lines.push(`${indent}  ${c.dim(withLongWordsCut(detail))}`);
    if (finding.fix && finding.status !== 'ok')
      lines.push(`${indent}${utf8 ? '→' : '->'} ${withLongWordsCut(finding.fix)}`);
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
