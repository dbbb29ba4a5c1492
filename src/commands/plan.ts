/**
 * Which command the arguments name, read before commander parses them. It imports nothing, so
 * the build's launcher can read it to pick the one bundle to load (scripts/build.mjs).
 */

/** Global options that take a value: what follows them is that value, not a command. */
const VALUED = new Set(['-j', '--journal', '--me']);

import { pushAll } from '../many.js';

/**
 * Which command commander will run for these arguments, and the --journal given, read before
 * commander parses them: the first word that is not a global option or its value (after
 * `help`, the word after it, whose help is shown). Global options may also follow the command.
 */
export function planOf(args: string[]): { command?: string; help: boolean; journal?: string; options?: boolean } {
  const words: string[] = [];
  let help = false;
  // Options other than the journal and --me (e.g. --version, an unknown one) are commander's to answer.
  let options = false;
  let journal: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      pushAll(words, args.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg.startsWith('--journal=')) journal = arg.slice('--journal='.length);
    else if (/^-j./.test(arg)) journal = arg.slice(2);
    else if (VALUED.has(arg)) {
      if (arg !== '--me') journal = args[i + 1];
      i++;
    } else if (!arg.startsWith('-')) words.push(arg);
    else if (!['--no-color', '--no-input', '--debug'].includes(arg)) options = true;
  }
  if (words[0] === 'help') return { command: words[1], help: true, journal };
  return { command: words[0], help, journal, ...(options && words.length === 0 ? { options } : {}) };
}

/**
 * The arguments the launcher answers from the prompt's own bundle (shell-prompt.ts): `status
 * --prompt` and where the journal is, or --no-color and --no-input, which change nothing it
 * prints. Anything else (--me, --debug, a word more, an empty --journal) goes to the status
 * command, which reads it as ever.
 */
export function promptPlan(args: string[]): { journal?: string } | undefined {
  const words: string[] = [];
  let journal: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-j' || arg === '--journal') {
      if (i + 1 === args.length) return undefined;
      journal = args[++i];
    } else if (arg.startsWith('--journal=')) journal = arg.slice('--journal='.length);
    else if (/^-j./.test(arg)) journal = arg.slice(2);
    else if (arg !== '--no-color' && arg !== '--no-input') words.push(arg);
    if (journal === '') return undefined;
  }
  const prompt = words.length === 2 && words[0] === 'status' && words[1] === '--prompt';
  return prompt ? (journal === undefined ? {} : { journal }) : undefined;
}
