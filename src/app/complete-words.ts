import { clockFrom, FIXED_NOW_VARIABLE } from '../clock.js';
import { fileCalls } from '../file-calls.js';
import { resolveJournalDir } from '../journal/location.js';
import type { CommandSpec } from '../ui/command-spec.js';
import { completionLines } from './completion.js';
import { journalValues } from './completion-values.js';

/**
 * What `intimacy complete -- WORDS…` prints at each Tab: the completion scripts' lines for the
 * words so far. It never fails: whatever goes wrong, the shell gets fewer suggestions (the
 * scripts' ":1", nothing offered), never an error in the middle of the command line.
 */
export async function completeWords(
  words: string[],
  where: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<string[]> {
  try {
    const program = await builtDescription();
    const place = await placeOf(words, where);
    return await completionLines(program, words, (kind, typed) => journalValues(kind, place, typed));
  } catch {
    return [':1'];
  }
}

/** The commands as the build described them (dist/commands.json): no command module is loaded for a Tab. */
async function builtDescription(): Promise<CommandSpec> {
  // From a bundle the file is beside it; from the sources (tests) it is in the build's dist/.
  for (const relative of ['./commands.json', '../../dist/commands.json']) {
    try {
      return JSON.parse(await fileCalls.readFile(new URL(relative, import.meta.url), 'utf8')) as CommandSpec;
    } catch {}
  }
  throw new Error('dist/commands.json is missing: run npm run build');
}

/** The journal the words point at (their --journal, else the usual places) and who is asking (their --me). */
async function placeOf(words: string[], { env, cwd }: { env: NodeJS.ProcessEnv; cwd: string }) {
  const flag = valueAfter(words, '-j', '--journal');
  const { dir } = await resolveJournalDir({ flag, env, cwd });
  return { dir, env, meFlag: valueAfter(words, '--me'), now: clockFrom(env[FIXED_NOW_VARIABLE]) };
}

/** The value given to an option among the words so far: `-j DIR`, `-jDIR`, `--journal DIR` or `--journal=DIR`. */
function valueAfter(words: string[], ...flags: string[]): string | undefined {
  let found: string | undefined;
  for (const [index, word] of words.slice(0, -1).entries()) {
    for (const flag of flags) {
      if (word === flag) found = words[index + 1];
      else if (flag.startsWith('--') && word.startsWith(`${flag}=`)) found = word.slice(flag.length + 1);
      else if (!flag.startsWith('--') && word.startsWith(flag) && word.length > flag.length)
        found = word.slice(flag.length);
    }
  }
  return found === '' ? undefined : found;
}
