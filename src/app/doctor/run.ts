import { IntimacyError, REPOSITORY_BACK } from '../../errors.js';
import { openJournal } from '../../journal/journal.js';
import type { CommandContext } from '../context.js';
import { type Check, check, guarded } from './check.js';
import { encryptionChecks } from './encryption.js';
import { entryChecks } from './entries.js';
import { ignoredChecks, modeChecks } from './files.js';
import { leftoverChecks } from './leftovers.js';
import { remoteChecks } from './remote.js';
import { ritualChecks } from './rituals.js';
import { gitChecks, identityChecks } from './setup.js';

/**
 * `intimacy doctor`: every check, in the order a person would look (the tools, who you are,
 * sharing, encryption, the files), each independent of the others' failures. Read-only unless
 * `fix`: then it removes the leftovers of a killed write (see leftovers.ts), which are garbage
 * by definition, closes files others can read, and wires the encryption into git again.
 */
export interface DoctorReport {
  checks: Check[];
  /** no check failed */
  ok: boolean;
}

export async function runDoctor(ctx: CommandContext, options: { fix?: boolean } = {}): Promise<DoctorReport> {
  const git = await gitChecks(ctx);
  if (git.some((found) => found.status === 'fail')) return report([...git]);
  // Anyone may ask the doctor: who you are is one of its checks, not a reason to stop.
  const journal = await openJournal(ctx, { anyone: true }).catch((error: Error) => error);
  if (journal instanceof Error)
    return report([
      ...git,
      check('journal', 'fail', journal.message.replace(/\.$/, '') + '.', {
        fix:
          (journal instanceof IntimacyError && journal.suggestion) ||
          "Create one with intimacy init, join your partner's with intimacy clone URL, or point --journal at it.",
      }),
    ]);
  // A journal's own .git that git cannot open stops openJournal (GitRepositoryDamaged); one
  // that is not there at all leaves the entries on disk, never committed nor shared.
  if (!journal.git.isRepository())
    return report([
      ...git,
      check(
        'journal',
        'fail',
        `The journal at ${journal.dir} is not a git repository (it has no .git), so nothing is committed or shared.`,
        {
          fix: REPOSITORY_BACK,
        },
      ),
    ]);
  const groups = await Promise.all([
    guarded('identity', 'who you are', async () => identityChecks(journal)),
    guarded('rituals', 'the rituals', async () => ritualChecks(journal)),
    guarded('remote', 'the remote', () => remoteChecks(journal, ctx.env)),
    guarded('encryption', 'encryption', () => encryptionChecks(journal, options)),
    guarded('entries', 'the entries', () => entryChecks(journal)),
    guarded('leftovers', 'what interrupted writes left', () => leftoverChecks(journal, options)),
    guarded('modes', "the files' permissions", () => modeChecks(journal, options)),
    guarded('ignored', 'what git ignores', () => ignoredChecks(journal)),
  ]);
  return report([...git, check('journal', 'ok', `The journal is ${journal.dir}.`), ...groups.flat()]);
}

function report(checks: Check[]): DoctorReport {
  return { checks, ok: checks.every((found) => found.status !== 'fail') };
}
