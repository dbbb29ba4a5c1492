import { UserError } from '../errors.js';
import { Git } from '../git/git.js';
import { inJournal, validatePersonName } from '../journal/identity.js';
import { configFor, identityFor, initJournal, isJournal, type Journal, openJournal } from '../journal/journal.js';
import { configFile } from '../journal/location.js';
import { setPartners } from '../journal/partner-names.js';
import { askText } from '../prompts/index.js';
import { shownShellWord } from '../shell-word.js';
import { readLocalState, updateLocalState } from '../store/local-state.js';
import { slugify } from '../store/naming.js';
import { info } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import type { CommandContext } from './context.js';

/*
 * The journal a writing command writes to, made on the first write when there is none yet
 * (no set-up needed to start). At a terminal, when nothing says who you are (no --me, no
 * INTIMACY_ME, no name recorded in the clone, no git user.name: only the login name), the
 * first write asks once for your name and your partner's, either of which Enter skips;
 * without a terminal it writes under the name it knows and says in one line how to set both.
 */

export interface Writable {
  journal: Journal;
  /** the journal was made just now, for this write */
  created: boolean;
}

export async function openForWriting(ctx: CommandContext): Promise<Writable> {
  if (await isJournal(ctx.dir)) {
    const journal = await openJournal(ctx, { writing: true });
    await askNamesOnce(ctx, journal);
    return { journal, created: false };
  }
  // The journal the config names is not there (moved, or on a disk not mounted): one started
  // in its place would be a second journal, which the partner never sees.
  if (ctx.journalSource === 'config')
    throw new UserError(
      `There is no journal at ${ctx.dir}, the one ${configFile(ctx.env)} names (moved, or on a disk not mounted?); nothing was written.`,
      'Point it at your journal with intimacy init DIR (which also starts a new one in a folder that has none).',
    );
  // There is no repository yet: git's own config (user.name) is read from where the command runs.
  const gitConfig = await configFor(ctx, new Git(ctx.cwd, ctx.env, { discover: true }));
  const known = identityFor(ctx, gitConfig);
  const guessed = known.source === 'login name';
  const names = ctx.mayPrompt ? await askNames(guessed ? known.name : undefined) : {};
  const { journal } = await initJournal(
    { ...ctx, meFlag: names.you ?? ctx.meFlag },
    { partner: names.partner, rememberMe: names.you !== undefined },
  );
  if (ctx.mayPrompt) await updateLocalState(journal.dir, { namesAsked: true });
  info(`Created a new journal in ${ctx.dir} (to keep it elsewhere, run intimacy init DIR first).`);
  if (!ctx.mayPrompt) info(namesHint(journal));
  return { journal, created: true };
}

/** One line on how to name the two of you, for a journal started without a terminal to ask. */
function namesHint(journal: Journal): string {
  const { name, source } = journal.me;
  if (source === 'login name')
    return `Writing as ${name} (your login name). Name the two of you with: intimacy partners set YOUR_NAME PARTNER_NAME`;
  return `Writing as ${name} (from ${source}). Name your partner with: intimacy partners set ${shownShellWord(name)} PARTNER_NAME`;
}

/**
 * A journal that knows you only by your login name and names no partner of yours yet (started
 * by a script, say): the first write at a terminal asks, once (remembered in this clone).
 */
async function askNamesOnce(ctx: CommandContext, journal: Journal): Promise<void> {
  if (!ctx.mayPrompt || journal.me.source !== 'login name' || journal.settings.partners.length >= 2) return;
  if ((await readLocalState(journal.dir)).namesAsked) return;
  const names = await askNames(journal.me.name);
  await updateLocalState(journal.dir, { namesAsked: true });
  const you = names.you ?? journal.me.name;
  const partner = names.partner ?? journal.settings.partners.find((p) => slugify(p) !== slugify(you));
  if (names.you === undefined && names.partner === undefined) return;
  const change = await setPartners(journal, you, partner);
  journal.me = inJournal(journal.me, journal.settings);
  if (change.changed) info(`${change.said}.`);
  if (change.commitProblem) warnNotCommitted(change.commitProblem);
}

/** Your name (Enter keeps `guess`, when there is one to keep) and your partner's (Enter skips). */
async function askNames(guess: string | undefined): Promise<{ you?: string; partner?: string }> {
  const check = (value: string) => (value.trim() === '' ? undefined : validatePersonName(value, 'The name'));
  const you =
    guess === undefined
      ? undefined
      : (
          await askText({
            message: "What's your name?",
            hint: `as your partner calls you; Enter keeps "${guess}"`,
            validate: check,
          })
        ).trim() || undefined;
  const me = you ?? guess;
  const partner = (
    await askText({
      message: "And your partner's name?",
      hint: 'Enter skips; intimacy partners set adds it later',
      validate: (value) =>
        check(value) ??
        (me !== undefined && value.trim() !== '' && slugify(value) === slugify(me)
          ? 'That is your own name; give your partner’s, or press Enter to skip.'
          : undefined),
    })
  ).trim();
  return { ...(you ? { you } : {}), ...(partner ? { partner } : {}) };
}
