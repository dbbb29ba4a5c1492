import { Command } from 'commander';
import { commandContext, examples } from './context.js';

/** `intimacy drafts`: the unfinished template runs kept on this machine. */
export function draftsCommand(): Command {
  return new Command('drafts')
    .description('list unfinished entries kept on this machine (resume them by running the template again)')
    .option('--json', 'print [{template, authors, answers, started, updated, file}] as JSON')
    .addHelpText('after', examples(['intimacy drafts', 'intimacy drafts --json']))
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = await commandContext(command);
      const [{ listDrafts }, { commandToRun }, ui, path] = await Promise.all([
        import('../store/drafts.js'),
        import('./rerun.js'),
        import('../ui/output.js'),
        import('node:path'),
      ]);
      const drafts = await listDrafts(ctx.dir);
      const count = (answers: Record<string, unknown>) => Object.values(answers).filter((v) => v !== null).length;
      if (options.json) {
        ui.printJson(
          drafts.map((d) => ({
            template: d.template,
            authors: d.authors,
            answers: Object.values(d.answers).reduce<number>((n, a) => n + count(a as Record<string, unknown>), 0),
            started: d.started,
            updated: d.updated,
            file: path.join(ctx.dir, d.relPath),
          })),
        );
        return;
      }
      if (drafts.length === 0) {
        ui.info('No drafts: nothing is waiting to be finished.');
        return;
      }
      for (const d of drafts) {
        const answered = Object.values(d.answers).reduce<number>((n, a) => n + count(a as Record<string, unknown>), 0);
        const resume = commandToRun(d.template, d.authors.length > 1);
        ui.print(
          `${ui.out().bold(d.template)}  ${d.authors.join(' & ')}  ${answered} answer(s)  saved ${d.updated.slice(0, 16).replace('T', ' ')} UTC  → ${resume}`,
        );
      }
    });
}
