import { Command } from 'commander';
import { openReading, type ReadingOptions } from '../app/reading.js';
import { NothingFound, UsageError } from '../errors.js';
import { grepCandidates, startPrefilter } from '../reading/grep-prefilter.js';
import { compilePattern, searchEntries } from '../reading/search.js';
import type { EntryFile } from '../store/entry-folders.js';
import { hitJson } from '../ui/entry-json.js';
import { hitLines } from '../ui/entry-view.js';
import { jsonArrayOutput, out } from '../ui/output.js';
import { pagedOutput } from '../ui/pager.js';
import { commandContext, examples, type Launch } from './context.js';
import { addReadingFilters } from './reading-options.js';

interface GrepOptions extends ReadingOptions {
  fixedStrings?: boolean;
  ignoreCase?: boolean;
  json?: boolean;
}

export function command(launch: Launch): Command {
  const grep = new Command('grep')
    .argument('<pattern>', 'a regular expression (JavaScript syntax), or plain text with -F')
    .option('-F, --fixed-strings', 'PATTERN is plain text, not a regular expression')
    .option('-i, --ignore-case', 'ignore upper and lower case')
    .option('--json', 'print the matches as a JSON array (see README for the shape)');
  return addReadingFilters(grep)
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
      const search = { source: pattern, fixed: Boolean(options.fixedStrings), ignoreCase: Boolean(options.ignoreCase) };
      const regex = compilePattern(search);
      let prefilter: ReturnType<typeof startPrefilter>;
      // git searches while the journal is opened and its folders are listed.
      const ctx = await commandContext(cmd, launch);
      const reading = await openReading(
        ctx,
        { ...options, forData: options.json },
        (git) => (prefilter = startPrefilter(git, search)),
      );
      // Each id's neighbours decide its length: their folders are listed (once), not the whole journal.
      const shortId = async (file: EntryFile) => (await reading.walk.shortIdsAround(file))(file.id);
      const files = await grepCandidates(
        reading.files,
        (wanting) => reading.walk.among(wanting, reading.folders),
        prefilter,
      );
      // JSON is written hit by hit, as the lines are: a search that matches every entry holds none of them.
      const json = options.json ? jsonArrayOutput() : undefined;
      const output = pagedOutput({ enabled: !options.json, env: launch.env, stream: launch.stdout });
      let count = 0;
      // What was found before a search stopped (a pattern too slow to finish) is shown, and JSON stays whole.
      try {
        for await (const event of searchEntries(
          reading.journal.dir,
          files,
          reading.filter,
          { regex, pattern: search },
          reading.limit,
        )) {
          if (event.kind === 'problem') {
            reading.report(event.problem);
            continue;
          }
          const { file, entry, matches } = event.hit;
          if (json) json.add(hitJson({ file, entry, matches }));
          else
            output.write([
              ...(count > 0 ? [''] : []),
              ...hitLines(out(), { entry, matches, shortId: await shortId(file) }),
            ]);
          count++;
        }
      } finally {
        await output.end();
        json?.end();
      }
      // Like grep: no match is exit 1 (not an error: a script tests the code, a person reads the note).
      if (count === 0)
        throw new NothingFound(options.json ? undefined : `No entry matches ${JSON.stringify(pattern)}.`);
    });
}
