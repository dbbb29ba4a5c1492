import { Command } from 'commander';
import { encryptionGuards } from '../app/sync-guards.js';
import { IntimacyError } from '../errors.js';
import { openJournal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { readSettings } from '../journal/settings.js';
import { networkTimeoutMs } from '../sync/remote.js';
import { remoteHost } from '../sync/remote-url.js';
import { syncJournal } from '../sync/sync.js';
import { inline, warn } from '../ui/output.js';
import { reportSync } from '../ui/sync-report.js';
import { whileWaiting } from '../ui/waiting.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('sync')
    .option('--json', 'print what happened as JSON (received, sent, conflicts)')
    .addHelpText(
      'after',
      examples([
        'intimacy sync',
        'intimacy sync --json',
        'INTIMACY_NETWORK_TIMEOUT=120 intimacy sync   # a slow connection (seconds per step)',
      ]) +
        '\nSync never rewrites history or force-pushes. When you both changed the same file, yours\nstays and your partner\'s version is kept beside it as a "-conflict_<name>" copy (see\nintimacy conflicts). Nothing your partner\'s history removes of yours is lost: it is kept.\n',
    )
    .action(async (options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const journal = await openJournal(ctx, { anyone: true, settingsMayFail: true });
      const url = journal.gitConfig.remoteUrl;
      const where = url ? (remoteHost(url) ?? 'the remote') : 'the remote';
      const result = await whileWaiting(
        `Syncing with ${where}…`,
        syncJournal(journal, { timeoutMs: networkTimeoutMs(ctx.env), now: ctx.now, ...encryptionGuards(journal) }),
      );
      reportSync(result, { json: options.json, partner: partnerOf(journal), dir: journal.dir });
      // Synced anyway (the fix may have come in, or the broken file): said if it is unusable now.
      const now = await readSettings(journal.dir).then(
        () => undefined,
        (problem: unknown) => problem,
      );
      if (now instanceof IntimacyError) warn(`${inline(now.message)}${now.suggestion ? ` ${now.suggestion}` : ''}`);
    });
}
