import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { examples } from './context.js';
import { addReadingFilters, openReading, type ReadingOptions } from './reading.js';

interface ExportOptions extends ReadingOptions {
  format: 'md' | 'html' | 'json';
  output?: string;
}

export function exportCommand(): Command {
  const command = new Command('export')
    .description('export entries, oldest first, as Markdown, a printable HTML page, or JSON')
    .addOption(new Option('--format <format>', 'md, html or json').choices(['md', 'html', 'json']).default('md'))
    .option('-o, --output <file>', 'write to FILE instead of stdout (created readable by you only)');
  return addReadingFilters(command)
    .addHelpText(
      'after',
      examples([
        'intimacy export > journal.md',
        'intimacy export --format html -o for-our-counsellor.html --type checkin --since "3 months ago"',
        'intimacy export --format json --tag home',
      ]),
    )
    .action(async (options: ExportOptions, cmd: Command) => {
      const reading = await openReading(cmd, options);
      const [{ selectEntries }, html, json, ui] = await Promise.all([
        import('../reading/select.js'),
        import('../ui/html.js'),
        import('../ui/entry-json.js'),
        import('../ui/output.js'),
      ]);
      const { entries, problems } = await selectEntries(
        reading.journal.dir,
        reading.files(),
        reading.filter,
        reading.limit,
      );
      problems.forEach(reading.report);
      // Read like a diary: oldest first.
      const chronological = entries.reverse();
      const items = chronological.map(({ file, entry }) => ({ id: file.id, entry }));
      const title = `Our journal${reading.journal.settings.partners.length > 0 ? ` — ${reading.journal.settings.partners.join(' & ')}` : ''}`;
      const text =
        options.format === 'json'
          ? JSON.stringify(chronological.map(json.entryJson), null, 2) + '\n'
          : options.format === 'html'
            ? html.exportHtml(items, title, reading.ctx.now())
            : html.exportMarkdown(items, title);
      if (options.output === undefined || options.output === '-') {
        process.stdout.write(text);
        return;
      }
      const [{ writeFileAtomic }, path] = await Promise.all([import('../store/files.js'), import('node:path')]);
      const target = path.resolve(options.output);
      try {
        await writeFileAtomic(target, text);
      } catch (error) {
        throw new UserError(`Could not write ${target}: ${(error as Error).message}.`, 'Choose another file with -o.');
      }
      ui.info(`Exported ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} to ${target}.`);
    });
}
