import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { cleanContent, runFilterProcess, smudgeContent, textOf } from '../crypto/filter.js';
import { readKeys } from '../crypto/keystore.js';
import { damagedInPush, damagedPushRefusal, plainPushRefusal, plaintextInPush } from '../crypto/prepush.js';
import { FilterFailure } from '../errors.js';
import { Git } from '../git/git.js';
import { readStdin } from '../prompts/stdin.js';
import { safeLine } from '../ui/render/safe.js';
import type { Launch } from './context.js';

/**
 * `intimacy filter …`: what git calls back into while encryption is on (clean/smudge filter,
 * textconv for diffs, the pre-push check). Hidden from the help: people never type it. git runs
 * it at the top of the work tree, so the repository there is the journal.
 */
export function command(launch: Launch): Command {
  const git = () => new Git(launch.cwd, launch.env, { discover: true });
  const keysHere = () => readKeys(git());
  const stdinBuffer = async (): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of launch.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  };
  // git prints what the filter says as it is: a file's name, which may hold escape sequences, is neutralised here.
  const say = (line: string) => launch.stderr.write(`${safeLine(line)}\n`);
  const filter = new Command('filter');
  const single = (name: 'clean' | 'smudge') =>
    filter
      .command(name)
      .argument('[path]')
      .action(async (pathname: string | undefined) => {
        const keys = await keysHere();
        const content = await stdinBuffer();
        let result: Buffer;
        try {
          result =
            name === 'clean'
              ? cleanContent(content, keys, pathname ?? '-')
              : smudgeContent(content, keys, pathname ?? '-', say);
        } catch (error) {
          throw new FilterFailure(error instanceof Error ? error.message : String(error));
        }
        launch.stdout.write(result);
      });
  single('clean');
  single('smudge');
  filter.command('process').action(async () => {
    await runFilterProcess(await keysHere(), launch.stdin, launch.stdout, say);
  });
  filter
    .command('textconv')
    .argument('<file>')
    .action(async (file: string) => {
      const [keys, content] = await Promise.all([keysHere(), fs.readFile(path.resolve(launch.cwd, file))]);
      launch.stdout.write(textOf(content, keys));
    });
  filter
    .command('pre-push')
    .argument('[remote]')
    .argument('[url]')
    .action(async (remote: string | undefined) => {
      // "<local ref> <local sha> <remote ref> <remote sha>" for each ref being pushed
      const updates = (await readStdin(launch.stdin))
        .split('\n')
        .filter(Boolean)
        .map((line) => ({ localSha: line.split(' ')[1] ?? '', remoteSha: line.split(' ')[3] }));
      const offending = await plaintextInPush(git(), remote, updates);
      const keys = await keysHere();
      if (offending.length > 0) {
        const refusal = plainPushRefusal(offending, keys !== undefined);
        throw new FilterFailure(`${refusal.message} ${refusal.suggestion}`);
      }
      const damaged = keys ? await damagedInPush(git(), keys, updates) : [];
      if (damaged.length > 0) {
        const refusal = damagedPushRefusal(damaged);
        throw new FilterFailure(`${refusal.message} ${refusal.suggestion}`);
      }
    });
  return filter;
}
