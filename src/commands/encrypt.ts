import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { commandContext, examples, globalOptions } from './context.js';

/** The passphrase comes from a file (scripts) or a no-echo prompt; never from argv or the environment. */
async function passphrase(command: Command, file: string | undefined, confirm: boolean): Promise<string> {
  if (file !== undefined) {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(`Cannot read the passphrase file ${file}.`);
    });
    return text.replace(/\r?\n$/, '');
  }
  // The key itself goes to stdout (often into a file), so the question is asked on stderr.
  const atTerminal = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  if (!atTerminal || globalOptions(command).input === false)
    throw new UsageError('A passphrase is needed and prompting is off.', 'Pass --passphrase-file FILE.');
  const [{ askSecret }, { checkPassphrase }] = await Promise.all([
    import('../prompts/index.js'),
    import('../app/encryption.js'),
  ]);
  const onStderr = { output: process.stderr };
  const first = await askSecret('Passphrase', confirm ? checkPassphrase : undefined, onStderr);
  if (confirm && (await askSecret('Same passphrase again', undefined, onStderr)) !== first)
    throw new UsageError('The two passphrases differ; nothing was exported.');
  return first;
}

export function encryptCommand(): Command {
  const encrypt = new Command('encrypt')
    .description('end-to-end encryption of the shared journal: the remote only ever sees ciphertext')
    .addHelpText(
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
    .action(async (_options: unknown, command: Command) => {
      const ctx = await commandContext(command);
      const [{ openJournal }, { initEncryption }, ui] = await Promise.all([
        import('../journal/journal.js'),
        import('../app/encryption.js'),
        import('../ui/output.js'),
      ]);
      const outcome = await initEncryption(await openJournal(ctx));
      ui.print(
        `Encryption is on (key ${outcome.fingerprint}); ${outcome.reencrypted} entries are now stored encrypted.`,
      );
      ui.info(
        'Give your partner the key: intimacy encrypt export-key > key.txt, then they run intimacy encrypt import-key key.txt.',
      );
      ui.info(
        'Commits made before today keep their plain text; if they were pushed already, those copies stay readable on the remote.',
      );
      if (!outcome.hookInstalled)
        ui.warn('a pre-push hook of your own exists, so the plain-text check before each push was not installed.');
      if (outcome.commitProblem) ui.warn(`not committed yet (git: ${outcome.commitProblem}).`);
    });

  encrypt
    .command('export-key')
    .description("print this journal's key, locked with a passphrase, to hand to your partner")
    .option('--passphrase-file <file>', 'read the passphrase from a file instead of asking')
    .action(async (options: { passphraseFile?: string }, command: Command) => {
      const ctx = await commandContext(command);
      const [{ openJournal }, { exportKey }, ui] = await Promise.all([
        import('../journal/journal.js'),
        import('../app/encryption.js'),
        import('../ui/output.js'),
      ]);
      const journal = await openJournal(ctx);
      const wrapped = await exportKey(journal, await passphrase(command, options.passphraseFile, true));
      process.stdout.write(wrapped);
      if (process.stdout.isTTY) ui.info('Send this to your partner together with the passphrase, by different routes.');
    });

  encrypt
    .command('import-key')
    .description('unlock the journal in this clone with the key your partner exported')
    .argument('<file>', 'the exported key, or - for stdin')
    .option('--passphrase-file <file>', 'read the passphrase from a file instead of asking')
    .action(async (file: string, options: { passphraseFile?: string }, command: Command) => {
      const ctx = await commandContext(command);
      const [{ openJournal }, { importKey }, { readStdin }, ui, fs] = await Promise.all([
        import('../journal/journal.js'),
        import('../app/encryption.js'),
        import('../prompts/stdin.js'),
        import('../ui/output.js'),
        import('node:fs/promises'),
      ]);
      const wrapped =
        file === '-'
          ? await readStdin()
          : await fs.readFile(file, 'utf8').catch(() => {
              throw new UsageError(`Cannot read the key file ${file}.`);
            });
      const journal = await openJournal(ctx);
      const outcome = await importKey(journal, wrapped, await passphrase(command, options.passphraseFile, false));
      ui.print(`Key ${outcome.fingerprint} imported; ${outcome.decrypted} entries decrypted in this folder.`);
      if (!outcome.hookInstalled)
        ui.warn('a pre-push hook of your own exists, so the plain-text check before each push was not installed.');
    });
  return encrypt;
}
