import { plural } from '../plural.js';
import { inline } from './output.js';

/**
 * The one warning a summary (status, stats, week) gives for the entry files it could not read
 * and counted without: how many, and the first of them (with why, where `reason` is asked).
 */
export function skippedFilesLine(skipped: Array<{ relPath: string; reason: string }>, reason = false): string {
  const first = skipped[0]!;
  const named = reason ? `${inline(first.relPath)}: ${inline(first.reason)}` : inline(first.relPath);
  const verb = skipped.length === 1 ? 'was' : 'were';
  return `${plural(skipped.length, 'entry file')} could not be read and ${verb} left out (first: ${named}).`;
}
