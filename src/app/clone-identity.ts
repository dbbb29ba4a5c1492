import { UsageError } from '../errors.js';
import { recordMe } from '../journal/clone-copy.js';
import { inJournal } from '../journal/identity.js';
import type { Journal } from '../journal/journal.js';
import { addPartner, refuseLookAlike } from '../journal/partner-names.js';
import { askSelect, askText } from '../prompts/index.js';
import { shownShellWord } from '../shell-word.js';
import { namesTogether, partnerNamed } from '../store/authors.js';
import { slugify } from '../store/naming.js';
import { info } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import type { CommandContext } from './context.js';

/*
 * Who you are in a clone you just made of your partner's journal. `--me NAME` must be one of
 * the journal's partners (in any case: "jordan" is Jordan); a journal that names only your
 * partner gets you added. Without --me, a terminal asks which of the partners you are; a script
 * is told how to say it.
 */
export async function settleWhoIsHere(ctx: CommandContext, journal: Journal): Promise<void> {
  const { partners } = journal.settings;
  const given = ctx.meFlag;
  if (given !== undefined) {
    const partner = partnerNamed(journal.settings, given);
    if (partner) return record(journal, partner);
    if (partners.length < 2) return join(journal, given);
    throw new UsageError(
      `${given} is not one of this journal's partners (${partners.join(', ')}), so this clone does not record it.`,
      `The journal is cloned in ${journal.dir}; say which of you this clone is: intimacy whoami --set ${shownShellWord(partners[0]!)} (or ${shownShellWord(partners[1]!)}).`,
    );
  }
  // journal.me is already in the journal's spelling; a guess that is no partner's current name is none.
  const guessed = partners.includes(journal.me.name) ? journal.me.name : undefined;
  if (ctx.mayPrompt && partners.length > 0) {
    const other = partners.length < 2 ? `someone else (${partners[0]}'s partner)` : undefined;
    const choice = await askSelect<string>({
      message: 'Which of you are you?',
      choices: [...partners.map((name) => ({ name, value: name })), ...(other ? [{ name: other, value: '' }] : [])],
      ...(guessed ? { default: guessed } : {}),
    });
    if (choice !== '') return record(journal, choice);
    const name = (
      await askText({
        message: 'Your name?',
        validate: (value) =>
          value.trim() === ''
            ? 'Your name, as your partner calls you.'
            : partners.some((p) => slugify(p) === slugify(value))
              ? 'That is the name already in the journal; pick it above instead.'
              : undefined,
      })
    ).trim();
    return join(journal, name);
  }
  if (guessed) {
    info(`You are ${guessed} here (from ${journal.me.source}); change it with intimacy whoami --set NAME.`);
    return;
  }
  if (partners.length > 0)
    info(
      `You are ${journal.me.name} here (from ${journal.me.source}), not one of this journal's partners (${partners.join(', ')}); say which of you this clone is: intimacy whoami --set NAME.`,
    );
}

async function record(journal: Journal, name: string): Promise<void> {
  await recordMe(journal.git, name);
  journal.gitConfig = { ...journal.gitConfig, me: name };
  journal.me = inJournal({ name, source: 'this journal' }, journal.settings);
}

/** A journal that names one partner: the one cloning it is the other, added in one commit. */
async function join(journal: Journal, name: string): Promise<void> {
  // A name that reads as the partner's is refused before this clone records it as who it is.
  refuseLookAlike(name.trim(), journal.settings.partners);
  await record(journal, name.trim());
  const change = await addPartner(journal, name);
  if (change.changed)
    info(`Added you to the journal: its partners are now ${namesTogether(journal.settings.partners)}.`);
  if (change.commitProblem) warnNotCommitted(change.commitProblem);
}
