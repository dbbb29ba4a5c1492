import type { ChalkInstance } from 'chalk';
import { diffLines } from 'diff';
import { shownShellWord } from '../shell-word.js';
import type { OpenConflict } from '../sync/conflicts.js';
import { padVisible } from './layout.js';

/** One line of the comparison: in both versions, only in yours, or only in theirs. */
export interface ComparedLine {
  in: 'both' | 'yours' | 'theirs';
  text: string;
}

/** The two versions of a conflict, line by line (yours first). Pure. */
export function compareVersions(conflict: OpenConflict): ComparedLine[] {
  const yours = (conflict.mineIn === 'path' ? conflict.pathText : conflict.copyText) ?? '';
  const theirs = (conflict.mineIn === 'path' ? conflict.copyText : conflict.pathText) ?? '';
  const lines: ComparedLine[] = [];
  for (const part of diffLines(yours, theirs)) {
    const where = part.added ? 'theirs' : part.removed ? 'yours' : 'both';
    for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ in: where, text });
  }
  return lines;
}

/** Whose each file is, in words: "yours" or "Jordan's". */
export function versionsOf(conflict: OpenConflict, partner: string): { path: string; copy: string } {
  const other = conflict.mineIn === 'path' ? conflict.copyFrom : partner;
  return conflict.mineIn === 'path' ? { path: 'yours', copy: `${other}'s` } : { path: `${other}'s`, copy: 'yours' };
}

/**
 * A conflict for reading: which file holds whose version, then the two versions compared,
 * unchanged lines dimmed and at most `context` of them around each difference.
 */
export function conflictLines(c: ChalkInstance, conflict: OpenConflict, partner: string, context = 2): string[] {
  const whose = versionsOf(conflict, partner);
  const theirsName = conflict.mineIn === 'path' ? whose.copy : whose.path;
  const lines = [
    c.bold(conflict.id),
    `  ${padVisible(whose.path, 10)} ${conflict.path}`,
    `  ${padVisible(whose.copy, 10)} ${conflict.copy}`,
  ];
  const compared = compareVersions(conflict);
  const near = (i: number) =>
    compared.slice(Math.max(0, i - context), i + context + 1).some((line) => line.in !== 'both');
  let skipped = false;
  for (const [i, line] of compared.entries()) {
    if (line.in === 'both' && !near(i)) {
      if (!skipped) lines.push(c.dim('    …'));
      skipped = true;
      continue;
    }
    skipped = false;
    if (line.in === 'yours') lines.push(c.red(`  - ${line.text}`));
    else if (line.in === 'theirs') lines.push(c.green(`  + ${line.text}`));
    else lines.push(c.dim(`    ${line.text}`));
  }
  lines.push(c.dim(`  (- only in yours, + only in ${theirsName})`));
  lines.push(
    `  keep one: intimacy conflicts resolve ${shownShellWord(conflict.id)} --keep mine|theirs${conflict.kind === 'entry' ? '|both' : ''}`,
  );
  return lines;
}
