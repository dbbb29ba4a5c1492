import { Command } from 'commander';
import { initEncryption } from '../app/encryption.js';
import { refuseInvalid, UsageError } from '../errors.js';
import { recordMe } from '../journal/clone-copy.js';
import { validatePersonName } from '../journal/identity.js';
import { initJournal, type Journal } from '../journal/journal.js';
import { journalFolderAt } from '../journal/location.js';
import { rememberDefaultJournal } from '../journal/location-file.js';
import { addPartner, refuseLookAlikePair } from '../journal/partner-names.js';
import { shownShellWord } from '../shell-word.js';
import { namesTogether, partnerNamed } from '../store/authors.js';
import { slugify } from '../store/naming.js';
import { assertRemoteUrl, setRemoteUrl } from '../sync/remote.js';
import { info, print } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import { commandContext, examples, type Launch } from './context.js';

export function command(launch: Launch): Command {
  return new Command('init')
    .argument('[dir]', 'where to create it (default: your default journal location)')
    .option('--partner <name>', "your partner's name, recorded in the shared settings")
    .option('--remote <url>', 'the private git remote to share it through (see intimacy remote)')
    .option('--encrypt', 'store entries encrypted in git from the first one (see intimacy encrypt)')
    .addHelpText(
      'after',
      examples([
        'intimacy init                                  # in ~/.local/share/intimacy/journal',
        'intimacy init ~/our-journal --me Alex --partner Jordan',
        'intimacy init --me Alex --partner Jordan --remote git@github.com:alex/our-journal.git',
        'intimacy init ~/our-journal --me Alex --partner Jordan --encrypt',
      ]) +
        '\nOn an existing journal, --partner adds your partner when only one of you is named, --me records\n' +
        'who you are in this clone, and --remote sets the remote; intimacy partners changes names later.\n' +
        'init DIR makes DIR the journal later commands use (remembered in ~/.config/intimacy/config.yaml),\n' +
        'a new journal or an existing one.\n',
    )
    .action(
      async (
        dir: string | undefined,
        options: { partner?: string; remote?: string; encrypt?: boolean },
        cmd: Command,
      ) => {
        const remoteUrl = options.remote === undefined ? undefined : assertRemoteUrl(options.remote);
        if (options.partner !== undefined)
          refuseInvalid(validatePersonName(options.partner, '--partner'), 'For example: --partner Jordan');
        const ctx = await commandContext(cmd, launch, { choosesFolder: true });
        if (
          options.partner !== undefined &&
          ctx.meFlag !== undefined &&
          slugify(options.partner) === slugify(ctx.meFlag)
        )
          throw new UsageError(
            `--me and --partner both say ${ctx.meFlag}.`,
            'Give your name with --me and your partner’s with --partner.',
          );
        if (options.partner !== undefined && ctx.meFlag !== undefined)
          refuseLookAlikePair(ctx.meFlag, options.partner.trim());
        const configured = ctx.journalSource === 'config' ? ctx.dir : undefined;
        if (dir !== undefined) ctx.dir = journalFolderAt(ctx.cwd, dir, 'DIR');
        const outcome = await initJournal(ctx, { partner: options.partner, rememberMe: true });
        // `init DIR` makes DIR the journal later commands use, unless INTIMACY_JOURNAL decides:
        // an existing one too (pointing this computer at it again, e.g. past a broken config).
        const remember = dir !== undefined && !ctx.env.INTIMACY_JOURNAL;
        if (outcome.status === 'exists') {
          await applyToExisting(
            outcome.journal,
            ctx.meFlag,
            options.partner,
            remoteUrl,
            remember ? { dir: ctx.dir, env: ctx.env, already: configured === ctx.dir } : undefined,
          );
          if (options.encrypt) await encryptNewJournal(outcome.journal);
          return;
        }
        if (remoteUrl !== undefined) await setRemoteUrl(outcome.journal.git, remoteUrl);
        if (remember) await rememberDefaultJournal(ctx.dir, ctx.env);
        const partners = namesTogether(outcome.journal.settings.partners);
        print(`Created a journal for ${partners} in ${ctx.dir}`);
        if (outcome.journal.settings.partners.length < 2)
          info(
            `Name your partner when you like: intimacy partners set ${shownShellWord(outcome.journal.me.name)} PARTNER_NAME`,
          );
        if (remoteUrl !== undefined) info(`Its remote is ${remoteUrl}; run intimacy sync to share it.`);
        if (options.encrypt) await encryptNewJournal(outcome.journal);
      },
    );
}

/** `init --encrypt`: encryption on before the first entry, so none is ever committed plain. */
async function encryptNewJournal(journal: Journal): Promise<void> {
  const outcome = await initEncryption(journal);
  print(`Encryption is on (key ${outcome.fingerprint}): every entry is stored encrypted from the first one.`);
  info(
    'Give your partner the key: intimacy encrypt export-key > key.txt, then they run intimacy encrypt import-key key.txt.',
  );
  if (outcome.commitProblem) warnNotCommitted(outcome.commitProblem);
}

/**
 * `init` on a journal that exists: what it can do without changing anyone's name is done
 * (record who you are, add the second partner, set the remote); a name that would need a
 * rename is refused with the command that does it, and nothing is changed.
 */
async function applyToExisting(
  journal: Journal,
  me: string | undefined,
  partner: string | undefined,
  remoteUrl: string | undefined,
  /** `init DIR`: DIR becomes the journal later commands use, if it is not already */
  remember?: { dir: string; env: NodeJS.ProcessEnv; already: boolean },
): Promise<void> {
  const settings = journal.settings;
  const done: string[] = [];
  const mine = me === undefined ? undefined : partnerNamed(settings, me);
  if (me !== undefined && !mine && settings.partners.length > 0) {
    const only = settings.partners.length === 1 ? settings.partners[0] : undefined;
    throw new UsageError(
      `${journal.dir} is already a journal, and ${me} is not one of its partners (${settings.partners.join(', ')}); nothing was changed.`,
      only
        ? `If ${only} is you: intimacy partners set ${shownShellWord(me)} ${partner === undefined ? 'PARTNER_NAME' : shownShellWord(partner)} (${only} is kept as your alias).`
        : `To rename one of you: intimacy partners rename OLD ${shownShellWord(me)}.`,
    );
  }
  if (partner !== undefined && !partnerNamed(settings, partner) && settings.partners.length >= 2) {
    throw new UsageError(
      `${journal.dir} is already a journal for ${namesTogether(settings.partners)}; nothing was changed.`,
      `To change a name: intimacy partners rename OLD ${shownShellWord(partner.trim())}.`,
    );
  }
  if (mine && journal.gitConfig.me !== mine) {
    await recordMe(journal.git, mine);
    done.push(`you are ${mine} in this clone`);
  }
  if (partner !== undefined) {
    const added = await addPartner(journal, partner);
    if (added.changed) done.push(`${partner.trim()} is your partner in intimacy.yaml`);
    if (added.commitProblem) warnNotCommitted(added.commitProblem);
  }
  if (remoteUrl !== undefined) {
    await setRemoteUrl(journal.git, remoteUrl);
    done.push(`its remote is now ${remoteUrl}`);
  }
  if (remember) {
    await rememberDefaultJournal(remember.dir, remember.env);
    if (!remember.already) done.push('commands use it from now on');
  }
  print(
    done.length === 0
      ? `${journal.dir} is already a journal; nothing changed.`
      : `${journal.dir} is already a journal; ${done.join(', ')}.`,
  );
}
