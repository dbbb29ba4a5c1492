import { statSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { attachmentLinks, inlineImages } from '../app/attachment-views.js';
import { refuseExportInJournal } from '../app/export-target.js';
import { openReading, type ReadingOptions } from '../app/reading.js';
import { renderContextFor } from '../app/render-context.js';
import { buildReport } from '../app/report.js';
import { UsageError, UserError } from '../errors.js';
import { plural } from '../plural.js';
import { inThreadOrder } from '../reading/replies.js';
import { writeFileAtomic } from '../store/files.js';
import { entryJson } from '../ui/entry-json.js';
import { info, jsonArrayText } from '../ui/output.js';
import { describeEntry } from '../ui/render/describe.js';
import { exportMarkdownViews } from '../ui/render/markdown.js';
import { reportHtml } from '../ui/report/page.js';
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
      const target =
        options.output === undefined || options.output === '-' ? undefined : path.resolve(launch.cwd, options.output);
      // Said before any work: a folder is no file to write the export to.
      if (target !== undefined && isFolder(target))
        throw new UsageError(
          `-o ${options.output} is a folder, not a file.`,
          `Name a file, e.g. -o ${path.join(options.output ?? '', `journal.${options.format}`)}`,
        );
      const reading = await openReading(await commandContext(cmd, launch), {
        ...options,
        forData: options.format === 'json',
      });
      if (target !== undefined) refuseExportInJournal(target, reading.journal.dir, options.output ?? '');
      const entries = await reading.select();
      // Read like a diary: oldest first.
      // Each reply right after the entry it answers, when both are exported.
      const chronological = inThreadOrder(
        entries.reverse().map((read) => ({ id: read.file.id, type: read.entry.type, fields: read.entry.fields, read })),
      ).map(({ read }) => read);
      const { journal } = reading;
      const title = `Our journal${journal.settings.partners.length > 0 ? ` — ${journal.settings.partners.join(' & ')}` : ''}`;
      let text: string | Iterable<string>;
      // Escaped as log --json is (the data is the same, and bidi or C1 characters never reach a
      // terminal raw), and made as it is written: never the whole text of every entry at once.
      if (options.format === 'json') text = jsonArrayText(chronological, entryJson);
      else {
        const render = await renderContextFor(journal);
        text =
          options.format === 'html'
            ? reportHtml({
                ...(await buildReport({
                  journal,
                  chosen: chronological,
                  render,
                  since: reading.filter.since,
                  until: reading.filter.until,
                  now: reading.ctx.now(),
                  title,
                })),
                attachmentImage: inlineImages(journal),
              })
            : exportMarkdownViews(
                // Each entry described as it is written, not every one first.
                (function* () {
                  for (const { file, entry } of chronological) yield describeEntry(entry, file.id, render);
                })(),
                title,
                { linkOf: attachmentLinks(journal, target ? path.dirname(target) : launch.cwd) },
              );
      }
      if (target === undefined) {
        for (const piece of typeof text === 'string' ? [text] : text) launch.stdout.write(piece);
        return;
      }
      // The text is made as it is written: a failure to make it is not one to write it.
      const made: { failure?: { error: unknown } } = {};
      try {
        await writeFileAtomic(target, watched(text, made));
      } catch (error) {
        if (made.failure) throw made.failure.error;
        throw new UserError(
          `Could not write ${target}: ${error instanceof Error ? error.message : String(error)}.`,
          'Choose another file with -o.',
        );
      }
      // Private entries live on this computer only: the partner's export of the same filters has none of them.
      const own = entries.filter(({ entry }) => entry.fields.private === true).length;
      const privately = own === 0 ? '' : ` (${own} private, from this computer only)`;
      info(`Exported ${plural(entries.length, 'entry', 'entries')}${privately} to ${target}.`);
    });
}

/** The pieces of `text`; when making one fails, the error is kept in `made` before it goes on. */
function* watched(text: string | Iterable<string>, made: { failure?: { error: unknown } }): Generator<string> {
  try {
    yield* typeof text === 'string' ? [text] : text;
  } catch (error) {
    made.failure = { error };
    throw error;
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // nothing there yet (or unreadable): writing it says what is wrong
  }
}
