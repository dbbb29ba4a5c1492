import path from 'node:path';
import { Command } from 'commander';
import { checkPassphrase, exportKey, importKey, initEncryption } from '../app/encryption.js';
import { moveToFreshRemote } from '../app/move-remote.js';
import { withheldError } from '../app/sync-guards.js';
import { FileProblem, InputTooBig, UsageError, UserError } from '../errors.js';
import { openJournal } from '../journal/journal.js';
import { plural } from '../plural.js';
import { askSecret } from '../prompts/index.js';
import { mayPrompt } from '../prompts/policy.js';
import { readStdin } from '../prompts/stdin.js';
import { shownShellWord } from '../shell-word.js';
import { FILE_LIMITS, readGivenFile, sizeText } from '../store/safe-file.js';
import { networkTimeoutMs } from '../sync/remote.js';
import { remoteFrom } from '../sync/remote-url.js';
import { info, print, warn } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import { shownPath } from '../unsafe-chars.js';
import { commandContext, examples, globalOptions, type Launch } from './context.js';

/** An exported key is a few lines and a passphrase one: more than this is not one (/dev/zero, a disk image). */
const SECRET_MAX_BYTES = FILE_LIMITS.small;
const KEY_HINT = 'Give the file intimacy encrypt export-key wrote.';

/**
 * A key or passphrase file the user names, read as given files are (a pipe too, such as
 * `<(pass show journal)`), never more than SECRET_MAX_BYTES of it: one line says why it cannot be used.
 */
async function givenSecret(cwd: string, file: string, what: string, hint: string): Promise<string> {
  try {
    return await readGivenFile(path.resolve(cwd, file), SECRET_MAX_BYTES, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      error instanceof FileProblem
        ? error.reason
        : code === 'ENOENT'
          ? 'there is no such file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (code ?? String(error));
    throw new UsageError(`Cannot read the ${what} ${file}: ${reason}.`, hint);
  }
}

/** The passphrase comes from a file (scripts) or a no-echo prompt; never from argv or the environment. */
async function passphrase(
  launch: Launch,
  command: Command,
  file: string | undefined,
  confirm: boolean,
): Promise<string> {
  if (file !== undefined) {
    const text = await givenSecret(launch.cwd, file, 'passphrase file', 'Give a file that holds just the passphrase.');
    return text.replace(/\r?\n$/, '');
  }
  // The key itself goes to stdout (often into a file), so the question is asked on stderr.
  if (!mayPrompt(globalOptions(command).input, launch.stdin, launch.stderr))
    throw new UsageError('A passphrase is needed and prompting is off.', 'Pass --passphrase-file FILE.');
  const onStderr = { output: launch.stderr };
  const first = await askSecret('Passphrase', confirm ? checkPassphrase : undefined, onStderr);
  if (confirm && (await askSecret('Same passphrase again', undefined, onStderr)) !== first)
    throw new UsageError('The two passphrases differ; nothing was exported.');
  return first;
}

/** Files git still stores plain after encrypt init: something of git's turns the filter off for them. */
function stillPlainError(files: string[]): UserError {
  const [first] = files as [string];
  const more = files.length > 1 ? ` and ${files.length - 1} more` : '';
  return new UserError(
    `${plural(files.length, 'file')} under the encrypted folders ${files.length === 1 ? 'is' : 'are'} still stored as plain text (${shownPath(first)}${more}): git's filter is off for ${files.length === 1 ? 'it' : 'them'} (git check-attr filter -- ${shownShellWord(first)} says so). The key is kept; nothing is sent while this lasts.`,
    `A .gitattributes in a folder of the journal (only the journal's own may say what is encrypted), or .git/info/attributes, turns it off: take that line out, then run intimacy encrypt init again.`,
  );
}

/** Where the plain-text check before a push stands, when it could not be put where git looks. */
function warnNoHook(outcome: { hookInstalled: boolean; hooksPath?: string }): void {
  if (outcome.hookInstalled) return;
  const why = outcome.hooksPath
    ? `git takes its hooks from ${outcome.hooksPath} (core.hooksPath)`
    : 'a pre-push hook of your own exists';
  warn(`${why}, so the plain-text check was not added for a plain git push; intimacy sync checks every push itself.`);
}

export function command(launch: Launch): Command {
  const encrypt = new Command('encrypt').addHelpText(
    'after',
    examples([
      'intimacy encrypt init                               # turn it on (once, by one partner)',
      'intimacy encrypt export-key > journal-key.txt       # asks for a passphrase',
      'intimacy encrypt import-key journal-key.txt         # in the other clone',
      'intimacy encrypt move-remote git@host:us/fresh.git  # leave plain history behind',
    ]) + '\nFile names, sizes and dates stay visible to the remote; the words inside do not.\n',
  );

  encrypt
    .command('init')
    .description('turn encryption on: a new key, and every entry re-committed encrypted')
    .action(async (_options: unknown, cmd: Command) => {
      const journal = await openJournal(await commandContext(cmd, launch), { anyone: true });
      const outcome = await initEncryption(journal);
      warnNoHook(outcome);
      if (!outcome.changed) {
        print(`This journal is encrypted already (key ${outcome.fingerprint}); nothing needed doing.`);
        info('Give your partner the key with intimacy encrypt export-key > key.txt.');
        return;
      }
      if (outcome.stillPlain.length > 0) throw stillPlainError(outcome.stillPlain);
      print(`Encryption is on (key ${outcome.fingerprint}); ${plural(outcome.encrypted, 'file')} stored encrypted.`);
      if (outcome.rewritten > 0)
        info(
          `${plural(outcome.rewritten, 'commit')} not pushed yet ${outcome.rewritten === 1 ? 'was' : 'were'} re-written to hold ciphertext, so no plain text of ${outcome.rewritten === 1 ? 'it' : 'them'} leaves this computer.`,
        );
      info(
        'Give your partner the key: intimacy encrypt export-key > key.txt, then they run intimacy encrypt import-key key.txt.',
      );
      if (outcome.remoteReadable > 0)
        warn(
          `the remote's history still holds the plain text of ${plural(outcome.remoteReadable, 'entry', 'entries')} pushed before today; to leave it behind, move to a fresh remote (README: "Moving to a fresh remote").`,
        );
      if (outcome.commitProblem) {
        warnNotCommitted(outcome.commitProblem);
        info('Run intimacy encrypt init again to finish.');
      }
      if (outcome.withheld.length > 0)
        throw await withheldError(
          journal,
          outcome.withheld,
          'so it stays on disk as it is and was not committed; the rest is stored encrypted',
        );
    });

  encrypt
    .command('export-key')
    .description("print this journal's key, locked with a passphrase, to hand to your partner")
    .option('--passphrase-file <file>', 'read the passphrase from a file instead of asking')
    .action(async (options: { passphraseFile?: string }, cmd: Command) => {
      const journal = await openJournal(await commandContext(cmd, launch), { anyone: true });
      const wrapped = await exportKey(journal, await passphrase(launch, cmd, options.passphraseFile, true));
      launch.stdout.write(wrapped);
      if (launch.stdout.isTTY) info('Send this to your partner together with the passphrase, by different routes.');
    });

  encrypt
    .command('import-key')
    .description('unlock the journal in this clone with the key your partner exported')
    .argument('<file>', 'the exported key, or - for stdin')
    .option('--passphrase-file <file>', 'read the passphrase from a file instead of asking')
    .action(async (file: string, options: { passphraseFile?: string }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const wrapped =
        file === '-'
          ? await readStdin(ctx.stdin, { maxBytes: SECRET_MAX_BYTES, what: 'The key on stdin' }).catch((error) => {
              if (!(error instanceof InputTooBig)) throw error;
              throw new UsageError(`The key on stdin is over ${sizeText(SECRET_MAX_BYTES)}.`, KEY_HINT);
            })
          : await givenSecret(ctx.cwd, file, 'key file', KEY_HINT);
      const journal = await openJournal(ctx, { anyone: true });
      const outcome = await importKey(journal, wrapped, await passphrase(launch, cmd, options.passphraseFile, false));
      print(
        `Key ${outcome.fingerprint} imported; ${plural(outcome.decrypted.length, 'file')} decrypted in this folder (${plural(outcome.covered, 'encrypted file')} in all).`,
      );
      if (outcome.indexLocked)
        warn(
          'git is busy in this journal, so git status lists the decrypted files as changed for now; run intimacy encrypt import-key again when it is done.',
        );
      if (outcome.undecryptable.length > 0) {
        const listed = outcome.undecryptable.slice(0, 5).map((file) => `${file.path} (${file.reason})`);
        warn(
          `${plural(outcome.undecryptable.length, 'file')} cannot be decrypted with this key and ${outcome.undecryptable.length === 1 ? 'stays' : 'stay'} as ${outcome.undecryptable.length === 1 ? 'it is' : 'they are'}: ${listed.join(', ')}${outcome.undecryptable.length > 5 ? ', …' : ''}. git log -- FILE shows which commit brought each; ask your partner to check it.`,
        );
      }
      warnNoHook(outcome);
    });
  encrypt
    .command('move-remote')
    .description('move to a fresh, empty remote with the whole history re-written encrypted')
    .argument('<url>', 'an empty private repository')
    .action(async (url: string, _options: unknown, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const journal = await openJournal(ctx, { anyone: true });
      const moved = await moveToFreshRemote(journal, remoteFrom(ctx.cwd, url), networkTimeoutMs(ctx.env));
      warnNoHook(moved);
      print(
        `The journal now shares through ${moved.url}; its whole history (${plural(moved.rewritten, 'commit')} re-written) holds no plain text. Run intimacy sync to send it.`,
      );
      info(
        `Your partner joins it in a new folder: intimacy clone ${shownShellWord(moved.url)} DIR --me NAME, then intimacy encrypt import-key key.txt.`,
      );
      if (moved.previous)
        info(`${moved.previous} was not touched and still holds the plain text: delete that repository at its host.`);
      if (moved.commitProblem) warnNotCommitted(moved.commitProblem);
    });
  return encrypt;
}
