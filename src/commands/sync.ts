import { Command } from 'commander';
import { commandContext, examples } from './context.js';

export function syncCommand(): Command {
  return new Command('sync')
    .description("share your entries and bring in your partner's, through the remote")
    .option('--json', 'print what happened as JSON (received, sent, conflicts)')
    .addHelpText(
      'after',
      examples([
        'intimacy sync',
        'intimacy sync --json',
        'INTIMACY_NETWORK_TIMEOUT=120 intimacy sync   # a slow connection (seconds per step)',
      ]) +
        '\nSync never rewrites history or force-pushes. When you both changed the same file, yours\nstays and your partner\'s version is kept beside it as a "-conflict_<name>" copy.\n',
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = await commandContext(command);
      const [{ openJournal }, { syncJournal }, { networkTimeoutMs }, { reportSync }] = await Promise.all([
        import('../journal/journal.js'),
        import('../sync/sync.js'),
        import('../sync/remote.js'),
        import('./report.js'),
      ]);
      const journal = await openJournal(ctx);
      const result = await syncJournal(journal, { timeoutMs: networkTimeoutMs(ctx.env) });
      reportSync(result, { json: options.json });
    });
}
