import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { EntryFile } from '../store/entry-folders.js';
import { collect } from './context.js';

/** The reading filters, declared once so log, show, grep, edit and export take exactly the same options. */
export function addReadingFilters(command: Command): Command {
  return command
    .option('--type <type>', 'only entries of this type, e.g. gratitude (repeatable)', collect)
    .option('--author <name>', 'only entries written by NAME (repeatable)', collect)
    .option('--mine', 'only entries you wrote')
    .option('--partner', 'only entries your partner wrote')
    .option('--tag <tag>', 'only entries with this tag (repeatable: any of them)', collect)
    .option('--since <when>', 'from this date on: 2026-11-01, yesterday, last week, 3 months ago…')
    .option('--until <when>', 'up to this date (inclusive): 2026-11-30, yesterday, last month…')
    .option('-n, --limit <n>', 'at most N entries, the newest')
    .option('--on-this-day', 'only entries written on this day of the year in earlier years');
}

/** An id prefix that fits several entries: exit 2, listing them so the user can pick. */
export function ambiguityError(target: string, candidates: EntryFile[]): UsageError {
  const shown = candidates
    .slice(-10)
    .reverse()
    .map((file) => `  ${file.id}`);
  const more = candidates.length > 10 ? `\n  … and ${candidates.length - 10} more` : '';
  return new UsageError(
    `"${target}" matches ${candidates.length} entries:\n${shown.join('\n')}${more}`,
    'Give more of the id.',
  );
}
