import { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { EntryFile } from '../store/entry-folders.js';
import { examples } from './context.js';
import { addReadingFilters, openReading, type ReadingOptions } from './reading.js';

interface GrepOptions extends ReadingOptions {
  fixedStrings?: boolean;
  ignoreCase?: boolean;
  json?: boolean;
}

export function grepCommand(): Command {
  const command = new Command('grep')
    .description("search the entries' text; exits 1 when nothing matches, like grep")
    .argument('<pattern>', 'a regular expression (JavaScript syntax), or plain text with -F')
    .option('-F, --fixed-strings', 'PATTERN is plain text, not a regular expression')
    .option('-i, --ignore-case', 'ignore upper and lower case')
    .option('--json', 'print the matches as a JSON array (see README for the shape)');
  return addReadingFilters(command)
    .addHelpText(
      'after',
      examples([
        'intimacy grep coffee',
        'intimacy grep -i "thank(s| you)" --partner',
        'intimacy grep -F "(sorry)" --since "3 months ago"',
        'intimacy grep walk --type gratitude -n 5 --json',
      ]),
    )
    .action(async (pattern: string, options: GrepOptions, cmd: Command) => {
      if (pattern === '') throw new UsageError('The search pattern is empty.', 'For example: intimacy grep coffee');
      const { compilePattern, PatternError, searchEntries } = await import('../reading/search.js');
      const search = { source: pattern, fixed: Boolean(options.fixedStrings), ignoreCase: Boolean(options.ignoreCase) };
      let regex: RegExp;
      try {
        regex = compilePattern(search);
      } catch (error) {
        if (error instanceof PatternError)
          throw new UsageError(error.message + '.', 'Fix the pattern, or pass -F to search for the text as it is.');
        throw error;
      }
      const { startPrefilter, grepCandidates } = await import('../reading/grep-prefilter.js');
      let prefilter: ReturnType<typeof startPrefilter>;
      // Loaded while the journal opens.
      const modules = Promise.all([
        import('../reading/query.js'),
        import('../ui/output.js'),
        import('../ui/entry-view.js'),
        import('../ui/entry-json.js'),
        import('../ui/pager.js'),
      ]);
      const reading = await openReading(cmd, options, (git) => (prefilter = startPrefilter(git, search)));
      const [{ shortIdAmong }, ui, view, json, { pagedOutput }] = await modules;
      // Each id's neighbours decide its length: their folders are listed, not the whole journal.
      const shortId = async (file: EntryFile) => shortIdAmong(file.id, await reading.walk.idsAround([file]));
      const files = await grepCandidates(reading.files, () => reading.walk.all(reading.folders), prefilter);
      const hits: ReturnType<typeof json.hitJson>[] = [];
      const output = pagedOutput({ enabled: !options.json });
      let count = 0;
      for await (const event of searchEntries(reading.journal.dir, files, reading.filter, regex, reading.limit)) {
        if (event.kind === 'problem') {
          reading.report(event.problem);
          continue;
        }
        const { file, entry, matches } = event.hit;
        if (options.json) hits.push(json.hitJson({ file, entry, matches }));
        else
          output.write([
            ...(count > 0 ? [''] : []),
            ...view.hitLines(ui.out(), { entry, matches, shortId: await shortId(file) }),
          ]);
        count++;
      }
      await output.end();
      if (options.json) ui.printJson(hits);
      // Like grep: no match is exit 1 (not an error: a script tests the code, a person reads the note).
      if (count === 0) {
        if (!options.json) ui.info(`No entry matches ${JSON.stringify(pattern)}.`);
        process.exitCode = 1;
      }
    });
}
