import { Git } from '../git/git.js';
import { initJournal, type Journal, openJournal } from '../journal/journal.js';
import { defaultJournalDir, journalFolderAt } from '../journal/location.js';
import { rememberDefaultJournal } from '../journal/location-file.js';
import { cloneJournal } from '../sync/clone.js';
import { assertRemoteUrl, networkTimeoutMs, setRemoteUrl } from '../sync/remote.js';
import { remoteFrom } from '../sync/remote-url.js';
import { recordSynced } from '../sync/sync.js';
import { info } from '../ui/output.js';
import { whileWaiting } from '../ui/waiting.js';
import { settleWhoIsHere } from './clone-identity.js';
import type { CommandContext } from './context.js';

/**
 * `intimacy clone URL [DIR]`: the partner's journal, cloned and made this user's default
 * journal. An empty remote starts a journal here instead, with the remote set to share it.
 */
export async function joinJournal(
  ctx: CommandContext,
  url: string,
  dir: string | undefined,
): Promise<{ journal: Journal; startedHere: boolean }> {
  const checked = assertRemoteUrl(remoteFrom(ctx.cwd, url));
  // --journal and INTIMACY_JOURNAL choose the place; otherwise DIR or the default location
  // (not a journal remembered earlier, which is most likely the user's own).
  const chosen = ctx.journalSource === '--journal' || ctx.journalSource === 'INTIMACY_JOURNAL';
  ctx.dir = dir !== undefined ? journalFolderAt(ctx.cwd, dir, 'DIR') : chosen ? ctx.dir : defaultJournalDir(ctx.env);
  const outcome = await whileWaiting(
    `Cloning ${checked}…`,
    cloneJournal(checked, ctx.dir, { timeoutMs: networkTimeoutMs(ctx.env), env: ctx.env }),
  );
  ctx.git = new Git(ctx.dir, ctx.env);
  if (outcome.status === 'empty-remote') {
    await initJournal(ctx, { rememberMe: true });
    await setRemoteUrl(ctx.git, checked);
    info(
      'The remote is empty, so a new journal was started here; intimacy sync shares it. If your partner keeps the journal already, it is not on this remote yet: ask them to run intimacy sync.',
    );
  } else {
    await recordSynced(ctx.git, ctx.now()); // a clone has just heard from the remote
  }
  if (!chosen) await rememberDefaultJournal(ctx.dir, ctx.env);
  const journal = await openJournal(ctx, { anyone: true });
  if (outcome.status !== 'empty-remote') await settleWhoIsHere(ctx, journal);
  return { journal, startedHere: outcome.status === 'empty-remote' };
}
