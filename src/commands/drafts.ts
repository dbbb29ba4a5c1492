import path from 'node:path';
import { Command } from 'commander';
import { plural } from '../plural.js';
import { answeredIn, listDrafts } from '../store/drafts.js';
import { localTime } from '../ui/entry-view.js';
import { info, out, print, printJson } from '../ui/output.js';
import { commandToRun } from '../ui/rerun.js';
import { commandContext, examples, type Launch } from './context.js';

/** `intimacy drafts`: the unfinished template runs kept on this machine. */
export function command(launch: Launch): Command {
  return new Command('drafts')
    .option('--json', 'print [{template, authors, answers, started, updated, file}] as JSON')
    .addHelpText('after', examples(['intimacy drafts', 'intimacy drafts --json']))
    .action(async (options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const drafts = await listDrafts(ctx.dir);
      if (options.json) {
        printJson(
          drafts.map((d) => ({
            template: d.template,
            authors: d.authors,
            answers: answeredIn(d),
            started: d.started,
            updated: d.updated,
            file: path.join(ctx.dir, d.relPath),
          })),
        );
        return;
      }
      if (drafts.length === 0) {
        info('No drafts: nothing is waiting to be finished.');
        return;
      }
      for (const d of drafts) {
        const resume = commandToRun(d.template, d.authors.length > 1);
        print(
          `${out().bold(d.template)}  ${d.authors.join(' & ')}  ${plural(answeredIn(d), 'answer')}  saved ${localTime({ date: d.updated })}  → ${resume}`,
        );
      }
    });
}
