import { Command } from 'commander';

/**
 * `intimacy filter …`: what git calls back into while encryption is on (clean/smudge filter,
 * textconv for diffs, the pre-push check). Hidden from the help: people never type it.
 */
/** git runs the filter at the top of the work tree: the repository there is the journal. */
async function gitHere() {
  const { Git } = await import('../git/git.js');
  return new Git(process.cwd(), process.env);
}

async function keysHere() {
  const [git, { readKeys }] = await Promise.all([gitHere(), import('../crypto/keystore.js')]);
  return readKeys(git);
}

async function stdinBuffer(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function filterCommand(): Command {
  const filter = new Command('filter').description('called by git while encryption is on');
  const single = (name: 'clean' | 'smudge') =>
    filter
      .command(name)
      .argument('[path]')
      .action(async (pathname: string | undefined) => {
        const [keys, f] = await Promise.all([keysHere(), import('../crypto/filter.js')]);
        const content = await stdinBuffer();
        try {
          process.stdout.write(
            name === 'clean'
              ? f.cleanContent(content, keys, pathname ?? '-')
              : f.smudgeContent(content, keys, pathname ?? '-'),
          );
        } catch (error) {
          process.stderr.write(`intimacy: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exitCode = 1;
        }
      });
  single('clean');
  single('smudge');
  filter.command('process').action(async () => {
    const [keys, { runFilterProcess }] = await Promise.all([keysHere(), import('../crypto/filter.js')]);
    await runFilterProcess(keys, process.stdin, process.stdout, (line) => process.stderr.write(line + '\n'));
  });
  filter
    .command('textconv')
    .argument('<file>')
    .action(async (file: string) => {
      const [keys, { readFile }, { decrypt, isEncrypted }] = await Promise.all([
        keysHere(),
        import('node:fs/promises'),
        import('../crypto/cipher.js'),
      ]);
      const content = await readFile(file);
      if (!isEncrypted(content)) process.stdout.write(content);
      else if (!keys) process.stdout.write('[encrypted: this clone has no key]\n');
      else process.stdout.write(decrypt(content, keys));
    });
  filter
    .command('pre-push')
    .argument('[remote]')
    .argument('[url]')
    .action(async () => {
      const [git, { plaintextInPush }, { readStdin }] = await Promise.all([
        gitHere(),
        import('../crypto/prepush.js'),
        import('../prompts/stdin.js'),
      ]);
      const updates = (await readStdin())
        .split('\n')
        .filter(Boolean)
        .map((line) => ({ localSha: line.split(' ')[1] ?? '' }));
      const offending = await plaintextInPush(git, updates);
      if (offending.length > 0) {
        process.stderr.write(
          `intimacy: refusing to push ${offending.length} file(s) stored as plain text in an encrypted journal (first: ${offending[0]}). Import the key and commit them again.\n`,
        );
        process.exitCode = 1;
      }
    });
  return filter;
}
