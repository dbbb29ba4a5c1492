import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { checkPassphrase, exportKey, importKey, initEncryption } from '../app/encryption.js';
import { UsageError } from '../errors.js';
import { openJournal } from '../journal/journal.js';
import { askSecret } from '../prompts/index.js';
import { mayPrompt } from '../prompts/policy.js';
import { readStdin } from '../prompts/stdin.js';
import { info, print, warn } from '../ui/output.js';
import { warnNotCommitted } from '../ui/saved.js';
import { commandContext, examples, globalOptions, type Launch } from './context.js';

/** The passphrase comes from a file (scripts) or a no-echo prompt; never from argv or the environment. */
async function passphrase(
  launch: Launch,
  command: Command,
  file: string | undefined,
  confirm: boolean,
): Promise<string> {
  if (file !== undefined) {
    const text = await fs.readFile(path.resolve(launch.cwd, file), 'utf8').catch(() => {
      throw new UsageError(`Cannot read the passphrase file ${file}.`);
    });
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

const OWN_HOOK = 'a pre-push hook of your own exists, so the plain-text check before each push was not installed.';

export function command(launch: Launch): Command {
  const encrypt = new Command('encrypt').addHelpText(
    'after',
    examples([
      'intimacy encrypt init                               # turn it on (once, by one partner)',
      'intimacy encrypt export-key > journal-key.txt       # asks for a passphrase',
      'intimacy encrypt import-key journal-key.txt         # in the other clone',
    ]) + '\nFile names, sizes and dates stay visible to the remote; the words inside do not.\n',
  );

  encrypt
    .command('init')
    .description('turn encryption on: a new key, and every entry re-committed encrypted')
    .action(async (_options: unknown, cmd: Command) => {
      const outcome = await initEncryption(await openJournal(await commandContext(cmd, launch), { anyone: true }));
      print(`Encryption is on (key ${outcome.fingerprint}); ${outcome.reencrypted} entries are now stored encrypted.`);
      info(
        'Give your partner the key: intimacy encrypt export-key > key.txt, then they run intimacy encrypt import-key key.txt.',
      );
      info(
        'Commits made before today keep their plain text; if they were pushed already, those copies stay readable on the remote.',
      );
      if (!outcome.hookInstalled) warn(OWN_HOOK);
      if (outcome.commitProblem) warnNotCommitted(outcome.commitProblem);
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
          ? await readStdin(ctx.stdin)
          : await fs.readFile(path.resolve(ctx.cwd, file), 'utf8').catch(() => {
              throw new UsageError(`Cannot read the key file ${file}.`);
            });
      const journal = await openJournal(ctx, { anyone: true });
      const outcome = await importKey(journal, wrapped, await passphrase(launch, cmd, options.passphraseFile, false));
      print(`Key ${outcome.fingerprint} imported; ${outcome.decrypted} entries decrypted in this folder.`);
      if (!outcome.hookInstalled) warn(OWN_HOOK);
    });
  return encrypt;
}
