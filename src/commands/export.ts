import path from 'node:path';
import { Command, Option } from 'commander';
import { openReading, type ReadingOptions } from '../app/reading.js';
import { UserError } from '../errors.js';
import { plural } from '../plural.js';
import { writeFileAtomic } from '../store/files.js';
import { entryJson } from '../ui/entry-json.js';
import { exportHtml, exportMarkdown } from '../ui/html.js';
import { info } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';
import { addReadingFilters } from './reading-options.js';

interface ExportOptions extends ReadingOptions {
  format: 'md' | 'html' | 'json';
  output?: string;
}

export function command(launch: Launch): Command {
  const exporting = new Command('export')
    .addOption(new Option('--format <format>', 'md, html or json').choices(['md', 'html', 'json']).default('md'))
    .option('-o, --output <file>', 'write to FILE instead of stdout (created readable by you only)');
  return addReadingFilters(exporting)
    .addHelpText(
      'after',
      examples([
        'intimacy export > journal.md',
        'intimacy export --format html -o for-our-counsellor.html --type checkin --since "3 months ago"',
        'intimacy export --format json --tag home',
      ]),
    )
    .action(async (options: ExportOptions, cmd: Command) => {
      const reading = await openReading(await commandContext(cmd, launch), options);
      const entries = await reading.select();
      // Read like a diary: oldest first.
      const chronological = entries.reverse();
      const items = chronological.map(({ file, entry }) => ({ id: file.id, entry }));
      const title = `Our journal${reading.journal.settings.partners.length > 0 ? ` — ${reading.journal.settings.partners.join(' & ')}` : ''}`;
      const text =
        options.format === 'json'
          ? JSON.stringify(chronological.map(entryJson), null, 2) + '\n'
          : options.format === 'html'
            ? exportHtml(items, title, reading.ctx.now())
            : exportMarkdown(items, title);
      if (options.output === undefined || options.output === '-') {
        launch.stdout.write(text);
        return;
      }
      const target = path.resolve(launch.cwd, options.output);
      try {
        await writeFileAtomic(target, text);
      } catch (error) {
        throw new UserError(
          `Could not write ${target}: ${error instanceof Error ? error.message : String(error)}.`,
          'Choose another file with -o.',
        );
      }
      info(`Exported ${plural(entries.length, 'entry', 'entries')} to ${target}.`);
    });
}
