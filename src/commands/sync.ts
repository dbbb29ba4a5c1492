import { Command } from 'commander';
import { openReadyAnswers } from '../app/open-answers.js';
import { encryptionGuards, keyNeededAfterSync, withheldRefusal } from '../app/sync-guards.js';
import { IntimacyError } from '../errors.js';
import { openJournal, settingsMissing } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { readSettings } from '../journal/settings.js';
import { networkTimeoutMs } from '../sync/remote.js';
import { remoteHost } from '../sync/remote-url.js';
import { type SyncResult, syncJournal } from '../sync/sync.js';
import { reportOpened } from '../ui/ask-view.js';
import { warnKeyNeeded } from '../ui/key-needed.js';
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
        '\nSync never rewrites history or force-pushes. When you both changed the same file, yours\nstays and your partner\'s version is kept beside it as a "-conflict_<name>" copy (see\nintimacy conflicts); one you both settle, each your own way, is opened again. Nothing your\npartner\'s history removes of yours is lost: it is kept.\n',
    )
    .action(async (options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const journal = await openJournal(ctx, { anyone: true, settingsMayFail: true });
      const url = journal.gitConfig.remoteUrl;
      const where = url ? (remoteHost(url) ?? 'the remote') : 'the remote';
      const sync = (firstLook?: Promise<string[]>) =>
        syncJournal(journal, {
          timeoutMs: networkTimeoutMs(ctx.env),
          now: ctx.now,
          ...encryptionGuards(journal),
          firstLook,
        });
      // The first look for leftovers was started with the config read (see the manifest).
      let result = await whileWaiting(`Syncing with ${where}…`, sync(ctx.leftovers));
      // The partner's answer just arrived: the keys of yours to the same questions go back at once.
      // An unreadable journal (a broken settings file, no key yet) opens nothing; sync is still done.
      const opened = await openReadyAnswers(journal, ctx.now()).catch((error: unknown) => {
        if (error instanceof IntimacyError) return [];
        throw error;
      });
      if (opened.length > 0) result = together(result, await whileWaiting('Sending the opened answers…', sync()));
      reportSync(result, { json: options.json, partner: partnerOf(journal), dir: journal.dir });
      if (!options.json) reportOpened(opened, partnerOf(journal));
      // Synced anyway (the fix may have come in, or the broken file): said if it is unusable now.
      const now = await readSettings(journal.dir).then(
        () => undefined,
        (problem: unknown) => problem,
      );
      const problem = now instanceof IntimacyError ? now : await settingsMissing(journal.dir, journal.git);
      if (problem) warn(`${inline(problem.message)}${problem.suggestion ? ` ${problem.suggestion}` : ''}`);
      const locked = await keyNeededAfterSync(journal, result);
      if (locked) warnKeyNeeded(locked, partnerOf(journal));
      // Left here, where the damage happened, rather than refused by the partner's sync; said last, and exit 1.
      if (result.withheld.length > 0) throw await withheldRefusal(journal, result.withheld);
    });
}

/** Two syncs in a row, reported as one. */
function together(first: SyncResult, second: SyncResult): SyncResult {
  return {
    ...first,
    received: { ...first.received, entries: [...first.received.entries, ...second.received.entries] },
    sent: {
      entries: first.sent.entries + second.sent.entries,
      otherChanges: first.sent.otherChanges + second.sent.otherChanges,
    },
    conflicts: [...first.conflicts, ...second.conflicts],
    withheld: [...new Set([...first.withheld, ...second.withheld])],
    pushed: first.pushed || second.pushed,
  };
}
