import { refuseInvalid, UsageError } from '../errors.js';
import { partnerOrRefuse, validatePersonName } from '../journal/identity.js';
import { partnerOf } from '../journal/partners.js';
import { validateTags } from '../journal/tags.js';
import { askText } from '../prompts/index.js';
import { readStdin } from '../prompts/stdin.js';
import { MAX_ENTRY_BYTES } from '../store/entry-files.js';
import { attachmentsOf } from './attach.js';
import type { CommandContext } from './context.js';
import { gratitudeEntry } from './gratitude-entry.js';
import { openForWriting } from './open-for-writing.js';
import { writeEntries } from './write-entry.js';

export interface GratitudeInput {
  /** the note as typed on the command line, word by word (empty: from stdin or a prompt) */
  words: string[];
  tags: string[];
  /** whom it thanks (default: the partner) */
  thanked?: string;
  private?: boolean;
  /** files to keep with it (--attach) */
  attach?: string[];
}

/** A gratitude note: checked before anything is written, then written as any entry is. */
export async function writeGratitude(ctx: CommandContext, input: GratitudeInput): Promise<void> {
  refuseInvalid(validateTags(input.tags), 'For example: --tag home --tag kindness');
  if (input.thanked !== undefined)
    refuseInvalid(validatePersonName(input.thanked, '--for'), 'For example: --for Jordan');
  const attachments = attachmentsOf(ctx, input.attach);
  const text = await noteText(ctx, input.words);
  if (text.trim() === '') {
    throw new UsageError(
      'The gratitude note is empty; nothing was saved.',
      'Say what you are grateful for, e.g. intimacy gratitude "the coffee you made me".',
    );
  }
  const { journal } = await openForWriting(ctx);
  // Once the journal names two partners, a note is for one of them, in their spelling (the
  // example of a refusal names the partner, not you).
  const partner = partnerOf(journal);
  const thanked =
    input.thanked === undefined ? undefined : partnerOrRefuse(journal.settings, input.thanked, '--for', partner);
  const when = ctx.now();
  const entry = gratitudeEntry({ text, tags: input.tags, thanked, journal, when });
  await writeEntries(journal, [entry], { when, private: input.private, env: ctx.env, attachments });
}

/** The words given, else what is piped on stdin, else (at a terminal) the answer to a question. */
async function noteText(ctx: CommandContext, words: string[]): Promise<string> {
  if (words.length > 0) return words.join(' ');
  if (!ctx.stdin.isTTY) return readStdin(ctx.stdin, { maxBytes: MAX_ENTRY_BYTES, what: 'The text on stdin' });
  if (!ctx.mayPrompt) {
    throw new UsageError(
      'No gratitude text given and prompting is off.',
      'Pass it as an argument, e.g. intimacy gratitude "…", or pipe it on stdin.',
    );
  }
  return askText({
    message: 'What are you grateful for?',
    hint: 'something small counts',
    validate: (value) => (value.trim() === '' ? 'Write a few words, or press Ctrl-C to leave.' : undefined),
  });
}
